// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The maintenance policy as a pure function (see policy.h): nothing here
 * reads a file or a clock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "util.h"

#define MiB (1024ULL * 1024)
#define GiB (1024ULL * MiB)
#define HOUR 3600ULL

/* ChromeOS swap_management's decay: the age falls as e^(-5 u) with the
 * memory in use u, so little happens while memory is plentiful and the age
 * shrinks fast towards its minimum as memory runs out. */
#define AGE_DECAY_LAMBDA 5.0

/* e^x, for the decay above, without libm: libm would be one more shared
 * object that every command loads at start-up, for this one call.
 * x = k ln2 + r with |r| <= ln2 / 2; e^r from its Taylor series (the 18th
 * term is below one ulp there), 2^k by exact halvings or doublings. */
static double exp_small(double x)
{
	const double ln2 = 0.693147180559945309417;
	int k = (int)(x / ln2 + (x < 0 ? -0.5 : 0.5));
	double r = x - k * ln2, sum = 1.0, term = 1.0;

	for (int n = 1; n <= 18; n++) {
		term *= r / n;
		sum += term;
	}
	for (; k < 0; k++)
		sum *= 0.5;
	for (; k > 0; k--)
		sum *= 2.0;
	return sum;
}

/* A suspend shorter than this is the clocks' own jitter. */
#define SUSPEND_MIN_MS 2000

static const char *const mode_names[RECLAIM_MODE_MAX] = {
	[RECLAIM_HUGE_IDLE] = "huge_idle",
	[RECLAIM_IDLE] = "idle",
	[RECLAIM_HUGE] = "huge",
	[RECLAIM_INCOMPRESSIBLE] = "incompressible",
};

const char *reclaim_mode_name(enum reclaim_mode m)
{
	return (unsigned int)m < RECLAIM_MODE_MAX ? mode_names[m] : NULL;
}

int reclaim_mode_from_name(const char *name, size_t len)
{
	for (int i = 0; i < RECLAIM_MODE_MAX; i++)
		if (strlen(mode_names[i]) == len && !strncmp(name, mode_names[i], len))
			return i;
	return -1;
}

bool reclaim_mode_needs_idle(enum reclaim_mode m)
{
	return m == RECLAIM_HUGE_IDLE || m == RECLAIM_IDLE;
}

static const struct {
	const char *name;
	const char *text;
} skips[SKIP_MAX] = {
	[SKIP_NONE] = { "none", "runs" },
	[SKIP_NO_POLICY] = { "no-policy", "no policy is configured" },
	[SKIP_NOT_DUE] = { "not-due", "not due yet" },
	[SKIP_BACKOFF] = { "backoff", "backing off after a round that wrote nothing" },
	[SKIP_DAILY_LIMIT] = { "daily-limit", "the daily budget is used up" },
	[SKIP_BELOW_MIN] = { "below-minimum", "the budget left is below the round minimum" },
	[SKIP_NO_BACKING] = { "no-backing-device", "the device has no backing device" },
	[SKIP_NO_WRITEBACK] = { "no-writeback", "the kernel cannot write back (CONFIG_ZRAM_WRITEBACK)" },
	[SKIP_NO_IDLE_AGE] = { "no-idle-age",
		"the kernel cannot mark slots idle by age (CONFIG_ZRAM_TRACK_ENTRY_ACTIME)" },
	[SKIP_NO_RECOMPRESS] = { "no-recompress",
		"the kernel cannot recompress (CONFIG_ZRAM_MULTI_COMP)" },
	[SKIP_NEWER_STATE] = { "newer-state",
		"the maintenance state was written by a newer zswapctl" },
};

const char *maintain_skip_name(enum maintain_skip s)
{
	return (unsigned int)s < SKIP_MAX ? skips[s].name : NULL;
}

const char *maintain_skip_text(enum maintain_skip s)
{
	return (unsigned int)s < SKIP_MAX ? skips[s].text : NULL;
}

bool maintain_skip_was_due(enum maintain_skip s)
{
	return s != SKIP_NONE && s != SKIP_NO_POLICY && s != SKIP_NOT_DUE && s != SKIP_BACKOFF &&
	       s != SKIP_NEWER_STATE;
}

void maintain_policy_init(struct maintain_policy *p)
{
	memset(p, 0, sizeof(*p));
	p->interval = 10 * 60;
	p->backoff = HOUR;
	p->round_min = 5 * MiB;
	p->round_max = 300 * MiB;
	p->daily_limit = GiB;
	p->idle_age = (struct age_range){ 20 * HOUR, 25 * HOUR };
	p->recompress_mode = RECLAIM_IDLE;
	p->recompress_age = (struct age_range){ HOUR, 6 * HOUR };
}

void maintain_policy_free(struct maintain_policy *p)
{
	free(p->recompress_algorithm);
	p->recompress_algorithm = NULL;
}

bool maintain_policy_writeback(const struct maintain_policy *p)
{
	return p->nmodes > 0;
}

bool maintain_policy_recompress(const struct maintain_policy *p)
{
	return p->recompress_interval > 0;
}

/* ---- clocks and state ------------------------------------------------- */

static void add_suspend(struct maintain_state *st, uint64_t end, uint64_t duration)
{
	if (st->nsuspends == MAINTAIN_SUSPENDS) {
		/* The oldest matters least: ages look back from now. */
		memmove(&st->suspends[0], &st->suspends[1],
			(MAINTAIN_SUSPENDS - 1) * sizeof(st->suspends[0]));
		st->nsuspends--;
	}
	st->suspends[st->nsuspends].end = end;
	st->suspends[st->nsuspends].duration = duration;
	st->nsuspends++;
}

void maintain_observe(struct maintain_state *st, const struct maintain_clock *c)
{
	uint64_t base = c->boottime_ms >= c->monotonic_ms ? c->boottime_ms - c->monotonic_ms : 0;
	const char *boot_id = c->boot_id ? c->boot_id : "";

	if (strcmp(st->boot_id, boot_id)) {
		/* zram's access times start again with the boot. */
		snprintf(st->boot_id, sizeof(st->boot_id), "%s", boot_id);
		st->nsuspends = 0;
		st->suspend_base = base;
	} else if (base > st->suspend_base && base - st->suspend_base >= SUSPEND_MIN_MS) {
		add_suspend(st, c->boottime_ms / 1000, (base - st->suspend_base) / 1000);
		st->suspend_base = base;
	}
	/* The budget's day: 24 h from its first round, by the wall clock, so
	 * that a reboot keeps it. A clock set back moves its start back with
	 * it and keeps what the day wrote: the day gets longer, and setting
	 * the clock back is never a fresh budget. */
	if (st->day_start && c->realtime < st->day_start) {
		st->day_start = c->realtime;
	} else if (st->day_start && c->realtime - st->day_start >= MAINTAIN_DAY) {
		st->day_start = 0;
		st->day_written = 0;
	}
}

/* ---- ages -------------------------------------------------------------- */

uint64_t maintain_age_for_memory(const struct age_range *r, uint64_t total, uint64_t available)
{
	double used, age;

	if (r->max <= r->min)
		return r->min;
	if (!total)
		return r->max;
	if (available > total)
		available = total;
	used = 1.0 - (double)available / (double)total;
	age = (double)r->min + (double)(r->max - r->min) * exp_small(-AGE_DECAY_LAMBDA * used);
	if (age <= (double)r->min)
		return r->min;
	if (age >= (double)r->max)
		return r->max;
	return (uint64_t)age;
}

uint64_t maintain_age_with_suspend(const struct maintain_state *st,
				   const struct maintain_clock *c, uint64_t age)
{
	uint64_t now = c->boottime_ms / 1000, extra = 0;

	/* zram's access times count suspended time: a slot untouched over a
	 * night of sleep is not idle for that night. Add back each suspend
	 * that falls within the window, which grows as suspends are added. */
	for (size_t i = st->nsuspends; i-- > 0;) {
		const struct maintain_suspend *s = &st->suspends[i];

		if (s->end > now || now - s->end > age + extra)
			break;
		extra += s->duration;
	}
	return age + extra;
}

/* ---- the decision -------------------------------------------------------- */

static uint64_t due_at(uint64_t last, uint64_t wait)
{
	return last + wait < last ? UINT64_MAX : last + wait;
}

uint64_t maintain_next_writeback(const struct maintain_policy *p, const struct maintain_state *st)
{
	if (!st->last_round)
		return 0;
	return due_at(st->last_round, st->last_written ? p->interval : p->backoff);
}

uint64_t maintain_next_recompress(const struct maintain_policy *p, const struct maintain_state *st)
{
	if (!st->last_recompress)
		return 0;
	return due_at(st->last_recompress, p->recompress_interval);
}

uint64_t maintain_next_writeback_at(const struct maintain_policy *p,
				    const struct maintain_state *st, uint64_t now)
{
	uint64_t next = maintain_next_writeback(p, st);

	if (!next || next > now || st->last_written || !p->backoff || now < st->last_round)
		return next;
	return next + ((now - next) / p->backoff + 1) * p->backoff;
}

uint64_t maintain_next_due(const struct maintain_policy *p, const struct maintain_state *st)
{
	uint64_t next = UINT64_MAX;

	if (maintain_policy_writeback(p))
		next = maintain_next_writeback(p, st);
	if (maintain_policy_recompress(p) && maintain_next_recompress(p, st) < next)
		next = maintain_next_recompress(p, st);
	return next == UINT64_MAX ? 0 : next;
}

/* A clock set back before the last round makes the round due. */
static bool is_due(uint64_t next, uint64_t last, uint64_t now)
{
	return now >= next || now < last;
}

static uint64_t round_budget(const struct maintain_policy *p, const struct maintain_inputs *in)
{
	uint64_t budget = p->round_max;

	if (p->round_share) {
		budget = in->data_size / 100 * p->round_share +
			 in->data_size % 100 * p->round_share / 100;
		if (budget > p->round_max)
			budget = p->round_max;
		if (budget < p->round_min)
			budget = p->round_min;
	}
	return budget;
}

static bool modes_all_need_idle(const struct maintain_policy *p)
{
	for (size_t i = 0; i < p->nmodes; i++)
		if (!reclaim_mode_needs_idle(p->modes[i]))
			return false;
	return true;
}

static void decide_writeback(const struct maintain_policy *p, const struct maintain_state *st,
			     const struct maintain_inputs *in, const struct maintain_clock *c,
			     struct maintain_decision *d)
{
	d->daily_left = MAINTAIN_UNLIMITED;
	if (p->daily_limit)
		d->daily_left = st->day_written >= p->daily_limit ? 0 : p->daily_limit - st->day_written;
	d->budget = round_budget(p, in);
	if (d->budget > d->daily_left)
		d->budget = d->daily_left;
	d->idle_age = maintain_age_for_memory(&p->idle_age, in->mem_total, in->mem_available);
	d->idle_age_kernel = maintain_age_with_suspend(st, c, d->idle_age);
	d->next_writeback = maintain_next_writeback(p, st);

	if (!maintain_policy_writeback(p))
		d->writeback = SKIP_NO_POLICY;
	else if (!in->has_writeback)
		d->writeback = SKIP_NO_WRITEBACK;
	else if (!in->has_backing)
		d->writeback = SKIP_NO_BACKING;
	else if (!is_due(d->next_writeback, st->last_round, c->realtime))
		d->writeback = st->last_written ? SKIP_NOT_DUE : SKIP_BACKOFF;
	else if (d->daily_left == 0)
		d->writeback = SKIP_DAILY_LIMIT;
	else if (d->budget < p->round_min || d->budget < ZRAM_UNIT)
		/* Under a page, writeback_limit would be 0 pages: the kernel
		 * refuses the first one and the round says limit reached. */
		d->writeback = SKIP_BELOW_MIN;
	else if (!in->has_idle_age && modes_all_need_idle(p))
		/* Only idle modes and no ages: nothing this kernel can do. With
		 * huge among the modes the round still runs, without the idle
		 * ones (maintain.c says so once). */
		d->writeback = SKIP_NO_IDLE_AGE;
	else
		d->writeback = SKIP_NONE;
}

static void decide_recompress(const struct maintain_policy *p, const struct maintain_state *st,
			      const struct maintain_inputs *in, const struct maintain_clock *c,
			      struct maintain_decision *d)
{
	d->recompress_age = maintain_age_for_memory(&p->recompress_age, in->mem_total,
						    in->mem_available);
	d->recompress_age_kernel = maintain_age_with_suspend(st, c, d->recompress_age);
	d->next_recompress = maintain_next_recompress(p, st);

	if (!maintain_policy_recompress(p))
		d->recompress = SKIP_NO_POLICY;
	else if (!in->has_recompress)
		d->recompress = SKIP_NO_RECOMPRESS;
	else if (!is_due(d->next_recompress, st->last_recompress, c->realtime))
		d->recompress = SKIP_NOT_DUE;
	else if (reclaim_mode_needs_idle(p->recompress_mode) && !in->has_idle_age)
		d->recompress = SKIP_NO_IDLE_AGE;
	else
		d->recompress = SKIP_NONE;
}

void maintain_decide(const struct maintain_policy *p, const struct maintain_state *st,
		     const struct maintain_inputs *in, const struct maintain_clock *c,
		     struct maintain_decision *d)
{
	memset(d, 0, sizeof(*d));
	decide_writeback(p, st, in, c, d);
	decide_recompress(p, st, in, c, d);
}

void maintain_account_writeback(struct maintain_state *st, const struct maintain_clock *c,
				uint64_t written)
{
	if (!st->day_start) {
		st->day_start = c->realtime;
		st->day_written = 0;
	}
	st->day_written = st->day_written + written < st->day_written ? UINT64_MAX
								      : st->day_written + written;
	st->last_round = c->realtime;
	st->last_written = written;
}

void maintain_account_recompress(struct maintain_state *st, const struct maintain_clock *c)
{
	st->last_recompress = c->realtime;
}

void maintain_today(const struct maintain_state *st, const struct maintain_policy *p,
		    uint64_t now, uint64_t *written, uint64_t *left)
{
	/* Before the day's start: a clock set back, the day's still (see
	 * maintain_observe()). */
	bool today = st->day_start && (now < st->day_start || now - st->day_start < MAINTAIN_DAY);

	*written = today ? st->day_written : 0;
	*left = MAINTAIN_UNLIMITED;
	if (p && maintain_policy_writeback(p) && p->daily_limit)
		*left = *written >= p->daily_limit ? 0 : p->daily_limit - *written;
}
