// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A round of the maintenance policy (see maintain.h): the system in,
 * policy.c's decision, reclaim.c's writes, the state out.
 */
#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "maintain.h"
#include "reclaim.h"
#include "util.h"

void maintain_session_free(struct maintain_session *sess)
{
	free(sess->seen);
	sess->seen = NULL;
	sess->nseen = 0;
}

void maintain_report_free(struct maintain_report *rep)
{
	for (size_t i = 0; i < rep->nresults; i++)
		free(rep->results[i].state_path);
	free(rep->results);
	memset(rep, 0, sizeof(*rep));
}

static struct maintain_seen *seen_get(struct maintain_session *sess, unsigned int id)
{
	struct maintain_seen *n;

	for (size_t i = 0; i < sess->nseen; i++)
		if (sess->seen[i].id == id)
			return &sess->seen[i];
	n = realloc(sess->seen, (sess->nseen + 1) * sizeof(*n));
	if (!n)
		return NULL;
	sess->seen = n;
	n = &sess->seen[sess->nseen++];
	memset(n, 0, sizeof(*n));
	n->id = id;
	return n;
}

/* A missing kernel feature: a warning the first time in this session. */
static void warn_once(const struct setup_ctx *s, struct maintain_seen *seen, unsigned int id,
		      enum maintain_skip why, const char *what)
{
	if (seen && (seen->warned & (1U << why)))
		return;
	if (seen)
		seen->warned |= 1U << why;
	setup_warn(s, (int)id, "zram%u: %s; %s skipped", id, maintain_skip_text(why), what);
}

static void load_state(const struct setup_ctx *s, struct maintain_seen *seen,
		       struct maintain_result *res)
{
	char name[MAINTAIN_STATE_NAME_MAX];
	int r;

	maintain_state_name(res->id, name);
	zswapctl_persist_path(s->zctx, name, &res->state_path);
	if (maintain_state_load(s->zctx, res->id, &res->state, &r))
		return;
	if (r == -EPROTONOSUPPORT) {
		/* Its budget is unknown here: no round, and the file stays for
		 * the zswapctl that wrote it. Once per daemon. */
		res->state_newer = true;
		if (seen && (seen->warned & (1U << SKIP_NEWER_STATE)))
			return;
		if (seen)
			seen->warned |= 1U << SKIP_NEWER_STATE;
		setup_warn(s, (int)res->id, "zram%u: the maintenance state %s was written by a newer "
			   "zswapctl: left alone; this round skips zram%u", res->id,
			   res->state_path ? res->state_path : name, res->id);
		return;
	}
	res->state_fresh = true;
	if (r == -ENOENT)
		setup_warn(s, (int)res->id, "zram%u: no maintenance state in %s yet (the first "
			   "round?): starting afresh", res->id, res->state_path ? res->state_path : name);
	else if (r == -EBADMSG)
		setup_warn(s, (int)res->id, "zram%u: the maintenance state %s is not valid: "
			   "starting afresh, with a new daily budget", res->id,
			   res->state_path ? res->state_path : name);
	else
		setup_warn(s, (int)res->id, "zram%u: cannot read the maintenance state %s: %s; "
			   "starting afresh, with a new daily budget", res->id,
			   res->state_path ? res->state_path : name, strerror(-r));
}

static bool state_same(const struct maintain_state *a, const struct maintain_state *b)
{
	char ta[MAINTAIN_STATE_MAX], tb[MAINTAIN_STATE_MAX];
	int la = maintain_state_format(a, ta, sizeof(ta));
	int lb = maintain_state_format(b, tb, sizeof(tb));

	return la >= 0 && la == lb && !memcmp(ta, tb, (size_t)la);
}

/* Whether the file must change: see maintain_run() in maintain.h. */
static bool state_changed(const struct maintain_result *res, const struct maintain_state *disk,
			  bool daemon)
{
	struct maintain_state idle = res->state;

	if (res->state_fresh)
		return true;
	if (state_same(&res->state, disk))
		return false;
	if (!daemon || !disk->last_round || disk->last_written || res->state.last_written)
		return true;
	idle.last_round = disk->last_round;
	return !state_same(&idle, disk);
}

static void fail(struct maintain_result *res, const char *step, int r)
{
	if (!res->failed) {
		res->failed = step;
		res->error = r;
	}
}

static int save_state(const struct setup_ctx *s, struct maintain_result *res)
{
	char name[MAINTAIN_STATE_NAME_MAX], text[MAINTAIN_STATE_MAX];
	int len = maintain_state_format(&res->state, text, sizeof(text));
	int r;

	maintain_state_name(res->id, name);
	r = len < 0 ? len : zswapctl_persist_write(s->zctx, name, text, (size_t)len);
	if (r < 0) {
		fail(res, "state", r);
		setup_error(s, (int)res->id, "zram%u: cannot save the maintenance state to %s: %s",
			    res->id, res->state_path ? res->state_path : name, strerror(-r));
	} else
		res->state_saved = true;
	return r;
}

static void read_inputs(const struct setup_ctx *s, struct zswapctl_dev *dev,
			const struct maintain_seen *seen, struct maintain_inputs *in)
{
	_cleanup_free_ char *backing = NULL;

	memset(in, 0, sizeof(*in));
	zswapctl_meminfo(s->zctx, &in->mem_total, &in->mem_available);
	zswapctl_dev_read_counter(dev, ZSWAPCTL_GROUP_MM, "orig_data_size", &in->data_size);
	in->has_writeback = zswapctl_dev_has_attr(dev, "writeback") == 0;
	in->has_backing = zswapctl_dev_read_backing_dev(dev, &backing) == 0 && backing;
	in->has_recompress = zswapctl_dev_has_attr(dev, "recompress") == 0;
	/* Nothing in sysfs says whether zram keeps access times: the first
	 * write of an age to idle does, and the session remembers. */
	in->has_idle_age = !(seen && seen->no_idle_age);
}

static void run_writeback(const struct setup_ctx *s, struct zswapctl_dev *dev,
			  struct maintain_seen *seen, bool dry_run, struct maintain_result *res)
{
	const struct maintain_policy *p = &res->conf->policy;
	const struct maintain_decision *d = &res->decision;
	bool marked = false, stop = false;
	int r;

	if (d->writeback == SKIP_NONE && !dry_run) {
		/* The round's budget is the kernel's writeback_limit: the kernel
		 * stops at it, whatever the modes find. */
		r = reclaim_set_limit(dev, true, d->budget / ZRAM_UNIT);
		if (r < 0) {
			fail(res, "writeback_limit", r);
			setup_error(s, (int)res->id, "zram%u/writeback_limit: %s", res->id,
				    setup_errno_advice(-r, "writeback_limit"));
			return;
		}
	}
	for (size_t i = 0; i < p->nmodes; i++) {
		struct maintain_mode_result *m = &res->modes[res->nmodes++];

		m->mode = p->modes[i];
		m->skip = d->writeback;
		if (d->writeback != SKIP_NONE || dry_run)
			continue;
		if (stop) {
			m->skip = SKIP_BELOW_MIN; /* the budget is spent */
			continue;
		}
		if (reclaim_mode_needs_idle(m->mode) && seen && seen->no_idle_age) {
			m->skip = SKIP_NO_IDLE_AGE;
			continue;
		}
		if (reclaim_mode_needs_idle(m->mode) && !marked) {
			r = reclaim_mark_idle_age(dev, d->idle_age_kernel);
			if (r == -EINVAL) {
				if (seen)
					seen->no_idle_age = true;
				warn_once(s, seen, res->id, SKIP_NO_IDLE_AGE, "idle writeback");
				m->skip = SKIP_NO_IDLE_AGE;
				continue;
			}
			if (r < 0) {
				fail(res, "idle", r);
				setup_error(s, (int)res->id, "zram%u/idle: cannot mark slots idle: %s",
					    res->id, setup_errno_advice(-r, "idle"));
				break;
			}
			marked = true;
		}
		r = reclaim_writeback(dev, reclaim_mode_name(m->mode), &m->pages);
		res->written += m->pages * ZRAM_UNIT;
		if (r == -EIO) {
			/* The round's budget, as writeback_limit, is used up. */
			res->limit_reached = true;
			stop = true;
		} else if (r < 0) {
			fail(res, "writeback", r);
			setup_error(s, (int)res->id, "zram%u/writeback: cannot write back %s slots: %s",
				    res->id, reclaim_mode_name(m->mode),
				    setup_errno_advice(-r, "writeback"));
			break;
		}
	}
	if (d->writeback != SKIP_NONE || dry_run)
		return;
	/* Leave the limit off, as setup left it: a later one-shot
	 * `zswapctl writeback` is not held to this round's budget. */
	r = reclaim_set_limit(dev, false, 0);
	if (r < 0 && !res->failed) {
		fail(res, "writeback_limit_enable", r);
		setup_error(s, (int)res->id, "zram%u/writeback_limit_enable: %s", res->id,
			    setup_errno_advice(-r, "writeback_limit_enable"));
	}
}

static void run_recompress(const struct setup_ctx *s, struct zswapctl_dev *dev,
			   struct maintain_seen *seen, bool dry_run, struct maintain_result *res)
{
	const struct maintain_policy *p = &res->conf->policy;
	struct reclaim_recompress rc = {
		.type = reclaim_mode_name(p->recompress_mode),
		.threshold = p->recompress_threshold,
		.algo = p->recompress_algorithm,
		.priority = p->recompress_priority,
		.max_pages = p->recompress_max_pages,
	};
	int r;

	reclaim_recompress_command(&rc, res->recompress_cmd, sizeof(res->recompress_cmd));
	if (res->decision.recompress != SKIP_NONE || dry_run)
		return;
	if (reclaim_mode_needs_idle(p->recompress_mode)) {
		r = reclaim_mark_idle_age(dev, res->decision.recompress_age_kernel);
		if (r == -EINVAL) {
			if (seen)
				seen->no_idle_age = true;
			warn_once(s, seen, res->id, SKIP_NO_IDLE_AGE, "recompression of idle slots");
			res->decision.recompress = SKIP_NO_IDLE_AGE;
			return;
		}
		if (r < 0) {
			fail(res, "idle", r);
			setup_error(s, (int)res->id, "zram%u/idle: cannot mark slots idle: %s", res->id,
				    setup_errno_advice(-r, "idle"));
			return;
		}
	}
	r = reclaim_recompress(dev, &rc, &res->compr_before, &res->compr_after);
	if (r == -EAGAIN) {
		/* Another writeback or recompression runs: the next round. */
		return;
	}
	if (r < 0) {
		fail(res, "recompress", r);
		setup_error(s, (int)res->id, "zram%u/recompress: '%s' failed: %s", res->id,
			    res->recompress_cmd, setup_errno_advice(-r, "recompress"));
		return;
	}
	res->recompressed = true;
}

static bool named(const struct maintain_options *o, unsigned int id)
{
	unsigned int n;

	if (!o->nonly)
		return true;
	for (size_t i = 0; i < o->nonly; i++)
		if (zswapctl_parse_dev_name(o->only[i], &n) == 0 && n == id)
			return true;
	return false;
}

/* Every name on the command line is a device with a policy. */
static bool check_named(const struct setup_ctx *s, const struct config *cfg,
			const struct maintain_options *o)
{
	bool ok = true;

	for (size_t i = 0; i < o->nonly; i++) {
		bool found = false;
		unsigned int id;

		if (zswapctl_parse_dev_name(o->only[i], &id) == 0)
			for (size_t k = 0; k < cfg->ndevices; k++)
				found |= cfg->devices[k].id == id &&
					 maintain_policy_any(&cfg->devices[k].policy);
		if (!found) {
			setup_error(s, -1, "%s has no maintenance policy in the configuration (set "
				    "writeback-modes or recompress-interval in its [zramN] section)",
				    o->only[i]);
			ok = false;
		}
	}
	return ok;
}

static bool initialised(struct zswapctl_dev *dev)
{
	uint64_t v = 0;

	return zswapctl_dev_read_u64(dev, "initstate", &v) == 0 && v;
}

/* A device that is not there: configured only, a warning (setup may not
 * have run yet); named on the command line, a failure, as zswapctl(8)'s
 * exit status says for a missing device. */
static void missing_device(const struct setup_ctx *s, const struct maintain_options *o,
			   struct maintain_result *res, const char *name, int r)
{
	char state[MAINTAIN_STATE_NAME_MAX];
	const char *what = r == -ENODEV ? "no such zram device"
			   : r == -ENXIO ? "not initialised (no disksize: reset?)" : strerror(-r);

	res->missing = true;
	maintain_state_name(res->id, state);
	zswapctl_persist_path(s->zctx, state, &res->state_path);
	if (!o->nonly) {
		setup_warn(s, (int)res->id, "%s: %s; run 'zswapctl setup' first", name, what);
		return;
	}
	fail(res, "device", r);
	setup_error(s, (int)res->id, "%s: %s; run 'zswapctl setup' first", name, what);
}

/* What the report says of a device this round does not touch (not there,
 * or its state not ours): the policy's decision on no inputs. */
static void decide_without_device(const struct maintain_options *o, struct maintain_result *res)
{
	maintain_decide(&res->conf->policy, &res->state, &(struct maintain_inputs){ 0 }, o->clock,
			&res->decision);
}

static void run_device(const struct setup_ctx *s, const struct maintain_options *o,
		       struct maintain_session *sess, struct maintain_result *res,
		       struct maintain_state *disk)
{
	struct maintain_seen *seen = sess ? seen_get(sess, res->id) : NULL;
	struct zswapctl_dev *dev = NULL;
	struct maintain_inputs in;
	char name[32];
	int r;

	snprintf(name, sizeof(name), "zram%u", res->id);
	/* The device first: a state file says nothing of a device that is
	 * not there, and its "first round?" warning would only mislead. */
	r = zswapctl_dev_new(s->zctx, name, &dev);
	if (r < 0) {
		missing_device(s, o, res, name, r);
		decide_without_device(o, res);
		return;
	}
	/* A reset device refuses an age in idle with -EINVAL too, which
	 * would read as a kernel without access times for the session's
	 * life: it is a device to set up again, like one not there. */
	if (!initialised(dev)) {
		zswapctl_dev_unref(dev);
		missing_device(s, o, res, name, -ENXIO);
		decide_without_device(o, res);
		return;
	}
	load_state(s, seen, res);
	if (res->state_newer) {
		decide_without_device(o, res);
		if (res->decision.writeback != SKIP_NO_POLICY)
			res->decision.writeback = SKIP_NEWER_STATE;
		if (res->decision.recompress != SKIP_NO_POLICY)
			res->decision.recompress = SKIP_NEWER_STATE;
		zswapctl_dev_unref(dev);
		return;
	}
	*disk = res->state;
	/* The file as this session left it: its own last round is newer. */
	if (seen && seen->have_state && !res->state_fresh && state_same(&res->state, &seen->disk))
		res->state = seen->mem;
	maintain_observe(&res->state, o->clock);
	read_inputs(s, dev, seen, &in);
	maintain_decide(&res->conf->policy, &res->state, &in, o->clock, &res->decision);
	if (res->decision.writeback == SKIP_NO_WRITEBACK)
		warn_once(s, seen, res->id, SKIP_NO_WRITEBACK, "writeback");
	else if (res->decision.writeback == SKIP_NO_IDLE_AGE)
		warn_once(s, seen, res->id, SKIP_NO_IDLE_AGE, "idle writeback");
	else if (res->decision.writeback == SKIP_NO_BACKING)
		warn_once(s, seen, res->id, SKIP_NO_BACKING, "writeback");
	if (res->decision.recompress == SKIP_NO_RECOMPRESS)
		warn_once(s, seen, res->id, SKIP_NO_RECOMPRESS, "recompression");

	run_writeback(s, dev, seen, o->dry_run, res);
	run_recompress(s, dev, seen, o->dry_run, res);
	zswapctl_dev_unref(dev);
}

enum setup_status maintain_run(const struct setup_ctx *s, const struct config *cfg,
			       const struct maintain_options *o, struct maintain_session *sess,
			       struct maintain_report *rep)
{
	enum setup_status rc = SETUP_OK;

	memset(rep, 0, sizeof(*rep));
	rep->dry_run = o->dry_run;
	rep->time = o->clock->realtime;
	if (!check_named(s, cfg, o))
		return SETUP_INVALID;
	rep->results = calloc(cfg->ndevices ? cfg->ndevices : 1, sizeof(*rep->results));
	if (!rep->results) {
		setup_error(s, -1, "out of memory");
		return SETUP_FAILED;
	}
	for (size_t i = 0; i < cfg->ndevices; i++) {
		const struct config_device *d = &cfg->devices[i];
		struct maintain_seen *seen;
		struct maintain_result *res;
		struct maintain_state disk;
		bool daemon;

		if (!maintain_policy_any(&d->policy) || !named(o, d->id))
			continue;
		res = &rep->results[rep->nresults++];
		res->id = d->id;
		res->conf = d;
		seen = sess ? seen_get(sess, d->id) : NULL;
		daemon = seen && seen->have_state;
		run_device(s, o, sess, res, &disk);
		if (res->failed)
			rc = SETUP_FAILED;
		if (o->dry_run || res->missing || res->state_newer)
			continue;
		/* A round that was due counts, also when it could do nothing:
		 * the next one waits for the back-off, not a busy loop. */
		if (res->decision.writeback == SKIP_NONE || maintain_skip_was_due(res->decision.writeback))
			maintain_account_writeback(&res->state, o->clock, res->written);
		if (res->decision.recompress == SKIP_NONE || maintain_skip_was_due(res->decision.recompress))
			maintain_account_recompress(&res->state, o->clock);
		if (state_changed(res, &disk, daemon)) {
			if (save_state(s, res) < 0)
				rc = SETUP_FAILED;
			else
				disk = res->state;
		}
		if (seen) {
			seen->have_state = true;
			seen->disk = disk;
			seen->mem = res->state;
		}
	}
	return rc;
}

uint64_t maintain_report_next_due(const struct maintain_report *rep)
{
	uint64_t next = 0;

	for (size_t i = 0; i < rep->nresults; i++) {
		const struct maintain_policy *p = &rep->results[i].conf->policy;
		uint64_t due = maintain_next_due(p, &rep->results[i].state);

		/* A device that is not there yet, or a state file that is not
		 * ours: look again after an interval. */
		if (rep->results[i].missing || rep->results[i].state_newer)
			due = rep->time + (maintain_policy_writeback(p) ? p->interval
									: p->recompress_interval);
		if (due <= rep->time)
			due = rep->time + 1;

		if (due && (!next || due < next))
			next = due;
	}
	return next;
}

/* ---- JSON ------------------------------------------------------------------ */

static struct json_object *json_u64(uint64_t v)
{
	return json_object_new_uint64(v);
}

static struct json_object *json_age(const struct age_range *r)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "min", json_u64(r->min));
	json_object_object_add(o, "max", json_u64(r->max));
	return o;
}

struct json_object *maintain_policy_to_json(const struct maintain_policy *p)
{
	struct json_object *o, *wb = NULL, *rc = NULL;

	if (!maintain_policy_any(p))
		return NULL;
	o = json_object_new_object();
	if (maintain_policy_writeback(p)) {
		struct json_object *modes = json_object_new_array();

		wb = json_object_new_object();
		for (size_t i = 0; i < p->nmodes; i++)
			json_object_array_add(modes, json_object_new_string(reclaim_mode_name(p->modes[i])));
		json_object_object_add(wb, "modes", modes);
		json_object_object_add(wb, "interval", json_u64(p->interval));
		json_object_object_add(wb, "backoff", json_u64(p->backoff));
		json_object_object_add(wb, "round_min", json_u64(p->round_min));
		json_object_object_add(wb, "round_max", json_u64(p->round_max));
		json_object_object_add(wb, "round_share", p->round_share
				       ? json_object_new_int((int)p->round_share) : NULL);
		json_object_object_add(wb, "daily_limit", p->daily_limit ? json_u64(p->daily_limit) : NULL);
		json_object_object_add(wb, "idle_age", json_age(&p->idle_age));
	}
	json_object_object_add(o, "writeback", wb);
	if (maintain_policy_recompress(p)) {
		rc = json_object_new_object();
		json_object_object_add(rc, "interval", json_u64(p->recompress_interval));
		json_object_object_add(rc, "type",
				       json_object_new_string(reclaim_mode_name(p->recompress_mode)));
		json_object_object_add(rc, "idle_age", json_age(&p->recompress_age));
		json_object_object_add(rc, "threshold", json_u64(p->recompress_threshold));
		json_object_object_add(rc, "algorithm", p->recompress_algorithm
				       ? json_object_new_string(p->recompress_algorithm) : NULL);
		json_object_object_add(rc, "priority", p->recompress_priority
				       ? json_object_new_int((int)p->recompress_priority) : NULL);
		json_object_object_add(rc, "max_pages", p->recompress_max_pages
				       ? json_u64(p->recompress_max_pages) : NULL);
	}
	json_object_object_add(o, "recompress", rc);
	return o;
}

static struct json_object *json_skip(enum maintain_skip why)
{
	return why == SKIP_NONE ? NULL : json_object_new_string(maintain_skip_name(why));
}

static struct json_object *json_time(uint64_t t)
{
	return t ? json_u64(t) : NULL;
}

static struct json_object *writeback_json(const struct maintain_result *res, bool dry_run)
{
	const struct maintain_decision *d = &res->decision;
	const struct maintain_policy *p = &res->conf->policy;
	struct json_object *o = json_object_new_object(), *modes = json_object_new_array();
	uint64_t pages = 0, left;

	json_object_object_add(o, "ran", json_object_new_boolean(!dry_run && d->writeback == SKIP_NONE));
	json_object_object_add(o, "skipped", json_skip(d->writeback));
	json_object_object_add(o, "reason", d->writeback == SKIP_NONE ? NULL
			       : json_object_new_string(maintain_skip_text(d->writeback)));
	for (size_t i = 0; i < res->nmodes; i++) {
		struct json_object *m = json_object_new_object();

		json_object_object_add(m, "mode",
				       json_object_new_string(reclaim_mode_name(res->modes[i].mode)));
		json_object_object_add(m, "skipped", json_skip(res->modes[i].skip));
		json_object_object_add(m, "pages", json_u64(res->modes[i].pages));
		json_object_object_add(m, "bytes", json_u64(res->modes[i].pages * ZRAM_UNIT));
		json_object_array_add(modes, m);
		pages += res->modes[i].pages;
	}
	json_object_object_add(o, "modes", modes);
	json_object_object_add(o, "pages", json_u64(pages));
	json_object_object_add(o, "bytes", json_u64(res->written));
	json_object_object_add(o, "budget", json_u64(d->budget));
	json_object_object_add(o, "limit_reached", json_object_new_boolean(res->limit_reached));
	json_object_object_add(o, "idle_age", json_u64(d->idle_age));
	json_object_object_add(o, "idle_age_kernel", json_u64(d->idle_age_kernel));
	json_object_object_add(o, "suspended", json_u64(d->idle_age_kernel - d->idle_age));
	json_object_object_add(o, "written_today", json_u64(res->state.day_written));
	left = !p->daily_limit ? MAINTAIN_UNLIMITED
	       : res->state.day_written >= p->daily_limit ? 0 : p->daily_limit - res->state.day_written;
	json_object_object_add(o, "daily_left", left == MAINTAIN_UNLIMITED ? NULL : json_u64(left));
	json_object_object_add(o, "next", json_time(maintain_next_writeback(p, &res->state)));
	return o;
}

static struct json_object *recompress_json(const struct maintain_result *res)
{
	const struct maintain_decision *d = &res->decision;
	const struct maintain_policy *p = &res->conf->policy;
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "ran", json_object_new_boolean(res->recompressed));
	json_object_object_add(o, "skipped", json_skip(d->recompress));
	json_object_object_add(o, "reason", d->recompress == SKIP_NONE ? NULL
			       : json_object_new_string(maintain_skip_text(d->recompress)));
	json_object_object_add(o, "command", json_object_new_string(res->recompress_cmd));
	json_object_object_add(o, "idle_age", json_u64(d->recompress_age));
	json_object_object_add(o, "idle_age_kernel", json_u64(d->recompress_age_kernel));
	json_object_object_add(o, "compr_data_size_before",
			       res->recompressed ? json_u64(res->compr_before) : NULL);
	json_object_object_add(o, "compr_data_size_after",
			       res->recompressed ? json_u64(res->compr_after) : NULL);
	json_object_object_add(o, "next", json_time(maintain_next_recompress(p, &res->state)));
	return o;
}

struct json_object *maintain_report_to_json(const struct maintain_report *rep)
{
	struct json_object *doc = json_object_new_object(), *devs = json_object_new_array();

	json_object_object_add(doc, "dry_run", json_object_new_boolean(rep->dry_run));
	json_object_object_add(doc, "time", json_u64(rep->time));
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct maintain_result *res = &rep->results[i];
		const struct maintain_policy *p = &res->conf->policy;
		struct json_object *o = json_object_new_object(), *st = json_object_new_object();
		char name[32];

		snprintf(name, sizeof(name), "zram%u", res->id);
		json_object_object_add(o, "name", json_object_new_string(name));
		json_object_object_add(o, "present", json_object_new_boolean(!res->missing));
		json_object_object_add(o, "policy", maintain_policy_to_json(p));
		json_object_object_add(o, "writeback", maintain_policy_writeback(p) && !res->missing
				       ? writeback_json(res, rep->dry_run) : NULL);
		json_object_object_add(o, "recompress", maintain_policy_recompress(p) && !res->missing
				       ? recompress_json(res) : NULL);
		json_object_object_add(st, "path", res->state_path
				       ? json_object_new_string(res->state_path) : NULL);
		json_object_object_add(st, "fresh", json_object_new_boolean(res->state_fresh));
		json_object_object_add(st, "saved", json_object_new_boolean(res->state_saved));
		json_object_object_add(st, "day_start", json_time(res->state.day_start));
		json_object_object_add(st, "last_round", json_time(res->state.last_round));
		json_object_object_add(st, "last_written", json_u64(res->state.last_written));
		json_object_object_add(st, "last_recompress", json_time(res->state.last_recompress));
		json_object_object_add(o, "state", st);
		json_object_object_add(o, "failed", res->failed ? json_object_new_string(res->failed) : NULL);
		json_object_object_add(o, "error", res->failed
				       ? json_object_new_string(strerror(-res->error)) : NULL);
		json_object_array_add(devs, o);
	}
	json_object_object_add(doc, "devices", devs);
	return doc;
}

const char *maintain_policy_name(const struct maintain_policy *p)
{
	if (!p || !maintain_policy_any(p))
		return "none";
	if (!maintain_policy_writeback(p))
		return "recompress";
	return maintain_policy_recompress(p) ? "writeback+recompress" : "writeback";
}

uint64_t maintain_next_round_at(const struct maintain_policy *p, const struct maintain_state *st,
				uint64_t now)
{
	uint64_t next = UINT64_MAX, r;

	if (!p)
		return 0;
	if (maintain_policy_writeback(p))
		next = maintain_next_writeback_at(p, st, now);
	if (maintain_policy_recompress(p) && (r = maintain_next_recompress(p, st)) < next)
		next = r;
	if (next == UINT64_MAX)
		return 0;
	return next > now ? next : now;
}

struct json_object *maintain_summary_to_json(const struct maintain_policy *p,
					     const struct maintain_state *st, uint64_t now)
{
	struct json_object *o = json_object_new_object();
	uint64_t written, left;

	maintain_today(st, p, now, &written, &left);
	json_object_object_add(o, "policy", p ? maintain_policy_to_json(p) : NULL);
	json_object_object_add(o, "last_round", json_time(st->last_round));
	json_object_object_add(o, "last_written", json_u64(st->last_written));
	json_object_object_add(o, "last_recompress", json_time(st->last_recompress));
	json_object_object_add(o, "written_today", json_u64(written));
	json_object_object_add(o, "daily_left", left == MAINTAIN_UNLIMITED ? NULL : json_u64(left));
	json_object_object_add(o, "next_round", p ? json_u64(maintain_next_round_at(p, st, now)) : NULL);
	return o;
}
