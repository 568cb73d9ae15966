// SPDX-License-Identifier: GPL-2.0-or-later
/* Computing setup's steps: configuration versus live devices. */
#include <errno.h>
#include <json-c/json.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/swap.h>

/* From the kernel's include/linux/swap.h; glibc has only the first. */
#ifndef SWAP_FLAG_DISCARD_ONCE
#define SWAP_FLAG_DISCARD_ONCE 0x20000
#endif
#ifndef SWAP_FLAG_DISCARD_PAGES
#define SWAP_FLAG_DISCARD_PAGES 0x40000
#endif

#include "dlopen.h"
#include "plan.h"

#define PAGE 4096

struct planner {
	struct cli *cli;
	const struct plan_options *opts;
	struct plan *plan;
	struct zswapctl_swap_list *swaps; /* NULL: no /proc/swaps */
	struct zswapctl_algorithms *any_algs; /* of any existing device */
	int any_swap_ops; /* a new device's switch: -1 the kernel lacks it */
	bool any_writeback; /* zram has backing_dev (CONFIG_ZRAM_WRITEBACK) */
};

static struct step *add_step(struct planner *p, enum action action,
			     unsigned int id)
{
	struct step *bigger = realloc(p->plan->steps,
				      (p->plan->nsteps + 1) * sizeof(*bigger));

	if (!bigger) {
		cli_error("out of memory");
		exit(EXIT_FAILED);
	}
	p->plan->steps = bigger;
	bigger = &p->plan->steps[p->plan->nsteps++];
	memset(bigger, 0, sizeof(*bigger));
	bigger->action = action;
	bigger->dev_id = id;
	return bigger;
}

static char *xstrdup_or_null(const char *s)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d) {
		cli_error("out of memory");
		exit(EXIT_FAILED);
	}
	return d;
}

static void add_write(struct planner *p, unsigned int id, const char *attr,
		      const char *value, const char *old)
{
	struct step *s = add_step(p, ACT_WRITE, id);

	snprintf(s->attr, sizeof(s->attr), "%s", attr);
	s->value = xstrdup_or_null(value);
	s->old_value = xstrdup_or_null(old);
}

static void add_write_u64(struct planner *p, unsigned int id, const char *attr,
			  uint64_t value, const char *old)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)value);
	add_write(p, id, attr, buf, old);
}

static bool has_algorithm(const struct zswapctl_algorithms *algs, const char *name)
{
	return algs && zswapctl_algorithms_has(algs, name);
}

/* The first configured candidate the kernel offers; a fallback is worth a
 * warning, none at all is the kernel lacking what was asked for. */
static const char *choose_algorithm(struct planner *p, const struct config_device *d,
				    const struct zswapctl_algorithms *algs)
{
	if (!algs) /* zram not loaded yet: decided again after loading */
		return d->nalgorithms ? d->algorithms[0] : NULL;
	for (size_t i = 0; i < d->nalgorithms; i++) {
		if (!has_algorithm(algs, d->algorithms[i]))
			continue;
		/* The default's list is a preference order, not a request. */
		if (i > 0 && !p->cli->json && d->key_origin[CONFIG_KEY_ALGORITHM].file)
			cli_warn(p->cli, "zram%u: algorithm %s is not available in this kernel; using %s",
				 d->id, d->algorithms[0], d->algorithms[i]);
		return d->algorithms[i];
	}
	return NULL;
}

static unsigned int discard_flags(enum discard_mode m)
{
	switch (m) {
	case DISCARD_YES:
		return SWAP_FLAG_DISCARD;
	case DISCARD_ONCE:
		return SWAP_FLAG_DISCARD | SWAP_FLAG_DISCARD_ONCE;
	case DISCARD_PAGES:
		return SWAP_FLAG_DISCARD | SWAP_FLAG_DISCARD_PAGES;
	default:
		return 0;
	}
}

/* -1 unsupported, 0 off, 1 on: what the device's switch should read. */
static int wanted_swap_ops(const struct config_device *d, bool supported)
{
	if (!supported)
		return -1;
	return d->swap_ops == SWAP_OPS_OFF ? 0 : 1;
}

static const char *origin_file(const struct config_device *d, enum config_key k)
{
	return d->key_origin[k].file ? d->key_origin[k].file : "the embedded default";
}

/*
 * A block device is checked before zram may have it: it exists, nothing
 * uses it, and libblkid finds no signature on it (unless --force). A
 * file:PATH:SIZE backing becomes a file of ours and a loop device over it.
 */
static int add_backing_steps(struct planner *p, const struct config_device *d,
			     bool writeback_supported)
{
	const char *where = origin_file(d, CONFIG_KEY_BACKING_DEVICE);
	int line = d->key_origin[CONFIG_KEY_BACKING_DEVICE].line;
	char *why = NULL, *type = NULL;
	struct step *s;
	int r;

	if (!writeback_supported) {
		cli_error("zram%u: backing-device = %s (%s:%d), but this kernel's zram has no "
			  "writeback support (CONFIG_ZRAM_WRITEBACK); remove the key",
			  d->id, d->backing_device, where, line);
		return EXIT_UNSUPPORTED;
	}
	if (d->backing_file) {
		s = add_step(p, ACT_BACKING_FILE, d->id);
		s->value = xstrdup_or_null(d->backing_file);
		s->size = d->backing_file_size;
		s = add_step(p, ACT_LOOP_ATTACH, d->id);
		s->value = xstrdup_or_null(d->backing_file);
		add_write(p, d->id, "backing_dev", NULL, NULL);
		return EXIT_OK;
	}
	r = zswapctl_block_device_user(p->cli->ctx, d->backing_device, &why);
	if (r < 0) {
		if (r == -EBUSY)
			cli_error("zram%u: backing device %s (%s:%d) is %s; choose another",
				  d->id, d->backing_device, where, line, why);
		else
			cli_error("zram%u: backing device %s (%s:%d): %s", d->id, d->backing_device,
				  where, line,
				  r == -ENOTBLK ? "not a block device" :
				  r == -ENOPKG ? dl_missing(DL_LIBMOUNT) :
						  strerror(-r));
		free(why);
		return EXIT_FAILED;
	}
	r = zswapctl_probe_signature(p->cli->ctx, d->backing_device, &type);
	if (r < 0) {
		cli_error("zram%u: backing device %s: cannot read it to look for data: %s",
			  d->id, d->backing_device,
			  r == -ENOPKG ? dl_missing(DL_LIBBLKID) : strerror(-r));
		return EXIT_FAILED;
	}
	if (type && !p->opts->force) {
		cli_error("zram%u: backing device %s (%s:%d) holds a %s signature; not touching it "
			  "(wipe it, or use --force to let zram overwrite it)",
			  d->id, d->backing_device, where, line, type);
		free(type);
		return EXIT_FAILED;
	}
	free(type);
	add_write(p, d->id, "backing_dev", d->backing_device, NULL);
	return EXIT_OK;
}

/*
 * The writeback limit as configured: enabled with the limit (the kernel
 * counts 4 KiB units), or disabled when the key is absent, because the
 * kernel keeps writeback_limit_enable across a reset and a limit left over
 * from another configuration would stop every writeback. dev is NULL for a
 * device that does not exist yet (the switch starts off).
 */
static void add_writeback_limit_steps(struct planner *p, const struct config_device *d,
				      struct zswapctl_dev *dev)
{
	uint64_t en = 0, lim = 0;
	bool have_en = dev && zswapctl_dev_read_u64(dev, "writeback_limit_enable", &en) == 0;

	if (dev)
		zswapctl_dev_read_u64(dev, "writeback_limit", &lim);
	if (!d->writeback_limit_set) {
		if (have_en && en)
			add_write(p, d->id, "writeback_limit_enable", "0", "1");
		return;
	}
	if (!en)
		add_write(p, d->id, "writeback_limit_enable", "1", "0");
	if (!dev || lim != d->writeback_limit / 4096)
		add_write_u64(p, d->id, "writeback_limit", d->writeback_limit / 4096, NULL);
}

/* Everything from comp_algorithm to swapon, on an uninitialised device. */
static int add_configure_steps(struct planner *p, const struct config_device *d,
			       struct zswapctl_dev *dev,
			       const struct zswapctl_algorithms *algs, const char *live_alg,
			       int live_swap_ops, bool writeback_supported)
{
	const char *alg = choose_algorithm(p, d, algs);
	struct step *s;
	char buf[512];

	if (!alg) {
		cli_error("zram%u: none of the configured algorithms is available in this kernel; "
			  "set 'algorithm' in %s:%d to one of the kernel's (see 'zswapctl status -o ALGORITHMS')",
			  d->id, d->origin.file ? d->origin.file : "the embedded default", d->origin.line);
		return EXIT_UNSUPPORTED;
	}
	if (!live_alg || strcmp(live_alg, alg))
		add_write(p, d->id, "comp_algorithm", alg, live_alg);
	if (d->algorithm_params) {
		snprintf(buf, sizeof(buf), "algo=%s %s", alg, d->algorithm_params);
		add_write(p, d->id, "algorithm_params", buf, NULL);
	}
	for (size_t i = 0; i < d->nrecompress; i++) {
		if (d->recompress[i].priority)
			snprintf(buf, sizeof(buf), "algo=%s priority=%d",
				 d->recompress[i].algorithm, d->recompress[i].priority);
		else
			snprintf(buf, sizeof(buf), "algo=%s", d->recompress[i].algorithm);
		add_write(p, d->id, "recomp_algorithm", buf, NULL);
	}
	if (d->backing_device) {
		int rc = add_backing_steps(p, d, writeback_supported);

		if (rc != EXIT_OK)
			return rc;
	}
	add_write_u64(p, d->id, "disksize", d->size, NULL);
	if (d->mem_limit)
		add_write_u64(p, d->id, "mem_limit", d->mem_limit, "0");
	add_writeback_limit_steps(p, d, dev);
	s = add_step(p, ACT_SWAP_HEADER, d->id);
	s->size = d->size;
	s = add_step(p, ACT_SWAPON, d->id);
	s->priority = d->swap_priority;
	s->flags = discard_flags(d->discard);
	if (live_swap_ops >= 0 && wanted_swap_ops(d, true) != live_swap_ops)
		add_write(p, d->id, "swap_ops", live_swap_ops ? "off" : "on",
			  live_swap_ops ? "on" : "off");
	return EXIT_OK;
}

struct live {
	struct zswapctl_dev *dev;
	uint64_t disksize;
	struct zswapctl_algorithms *algs;
	char *backing;
	bool writeback; /* the kernel has backing_dev */
	int swap_ops; /* -1 unsupported */
	const struct zswapctl_swap_area *swap;
	uint64_t mem_limit;
	bool have_mem_limit;
};

static void live_clear(struct live *l)
{
	zswapctl_algorithms_unref(l->algs);
	free(l->backing);
	zswapctl_dev_unref(l->dev);
}

static int live_read(struct planner *p, unsigned int id, struct live *l)
{
	char name[32];
	bool on;
	int r;

	memset(l, 0, sizeof(*l));
	snprintf(name, sizeof(name), "zram%u", id);
	r = zswapctl_dev_new(p->cli->ctx, name, &l->dev);
	if (r < 0)
		return r;
	r = zswapctl_dev_read_u64(l->dev, "disksize", &l->disksize);
	if (r < 0) {
		cli_error("%s/disksize: %s", name, cli_errno_advice(-r, "disksize"));
		return r;
	}
	r = zswapctl_dev_read_algorithms(l->dev, &l->algs);
	if (r < 0) {
		cli_error("%s/comp_algorithm: %s", name, cli_errno_advice(-r, "comp_algorithm"));
		return r;
	}
	l->writeback = zswapctl_dev_read_backing_dev(l->dev, &l->backing) == 0;
	l->swap_ops = zswapctl_dev_get_swap_ops(l->dev, &on) == 0 ? on : -1;
	l->swap = p->swaps ? zswapctl_swap_list_find_dev(p->swaps, l->dev) : NULL;
	l->have_mem_limit = zswapctl_dev_read_counter(l->dev, ZSWAPCTL_GROUP_MM, "mem_limit",
							&l->mem_limit) == 0;
	return 0;
}

/* With --force, swapoff must still find room for what is swapped out. */
static int check_swapoff_fits(struct planner *p, const char *name,
			      const struct zswapctl_swap_area *swap, const char *why)
{
	uint64_t avail = 0;
	char used[32], free_mem[32];

	if (zswapctl_meminfo(p->cli->ctx, NULL, &avail) < 0) {
		cli_error("%s: cannot read MemAvailable from /proc/meminfo to check that swapoff fits", name);
		return EXIT_FAILED;
	}
	cli_format_size(used, sizeof(used), zswapctl_swap_area_get_used(swap));
	cli_format_size(free_mem, sizeof(free_mem), avail);
	if (!p->opts->force) {
		cli_error("%s: %s, which needs swapoff, but it is active swap with %s in use; "
			  "run 'zswapctl setup --force' (swaps the data back in, %s available) "
			  "or change the configuration back", name, why, used, free_mem);
		return EXIT_FAILED;
	}
	if (zswapctl_swap_area_get_used(swap) > avail) {
		cli_error("%s: %s needs swapoff, but its %s of swapped data do not fit in the %s "
			  "of available memory; free memory first", name, why, used, free_mem);
		return EXIT_FAILED;
	}
	return EXIT_OK;
}

/* A device that is initialised but not swap may hold someone's data. */
static int check_holds_nothing_else(struct planner *p, const char *name)
{
	char path[64], *type = NULL;
	int r, rc = EXIT_OK;

	snprintf(path, sizeof(path), "/dev/%s", name);
	r = zswapctl_probe_signature(p->cli->ctx, path, &type);
	if (r < 0 || !type || !strcmp(type, "swap"))
		goto out;
	if (!p->opts->force) {
		cli_error("%s holds a %s signature and is not active swap; not touching it "
			  "(use --force to overwrite it, or 'zswapctl teardown %s')", name, type, name);
		rc = EXIT_FAILED;
	}
out:
	free(type);
	return rc;
}

/* Is the live backing_dev the configured one? A block device is compared
 * by device number (a /dev/disk/by-* link names the same one), a file by
 * the file behind the loop device. */
static bool backing_matches(struct planner *p, const struct config_device *d,
			    const char *live)
{
	const char *root = zswapctl_ctx_get_root(p->cli->ctx);
	char path[4096], file[4096] = "";
	struct stat a, b;
	FILE *f;

	if (!d->backing_device || !live)
		return !d->backing_device && !live;
	if (!d->backing_file) {
		snprintf(path, sizeof(path), "%s%s", strcmp(root, "/") ? root : "", d->backing_device);
		snprintf(file, sizeof(file), "%s%s", strcmp(root, "/") ? root : "", live);
		return stat(path, &a) == 0 && stat(file, &b) == 0 && a.st_rdev == b.st_rdev;
	}
	if (strncmp(live, "/dev/loop", 9) != 0)
		return false;
	snprintf(path, sizeof(path), "%s/sys/block/%s/loop/backing_file",
		 strcmp(root, "/") ? root : "", live + 5);
	f = fopen(path, "re");
	if (!f)
		return false;
	if (!fgets(file, sizeof(file), f))
		file[0] = '\0';
	fclose(f);
	file[strcspn(file, "\n")] = '\0';
	return strcmp(file, d->backing_file) == 0;
}

static int plan_existing(struct planner *p, const struct config_device *d,
			 struct live *l)
{
	const char *name = zswapctl_dev_get_name(l->dev);
	const char *alg, *live_alg;
	char why[256] = "";
	int rc;

	live_alg = zswapctl_algorithms_get_selected(l->algs);
	if (l->disksize == 0)
		return add_configure_steps(p, d, l->dev, l->algs, live_alg, l->swap_ops,
					   l->writeback);

	alg = choose_algorithm(p, d, l->algs);
	if (!alg) /* reports it */
		return add_configure_steps(p, d, l->dev, l->algs, live_alg, l->swap_ops,
					   l->writeback);
	if (l->disksize != d->size)
		snprintf(why, sizeof(why), "disksize %llu -> %llu", (unsigned long long)l->disksize,
			 (unsigned long long)d->size);
	else if (!live_alg || strcmp(live_alg, alg))
		snprintf(why, sizeof(why), "algorithm %s -> %s", live_alg ? live_alg : "?", alg);
	else if (!backing_matches(p, d, l->backing))
		snprintf(why, sizeof(why), "backing device %s -> %s",
			 l->backing ? l->backing : "none",
			 d->backing_device ? d->backing_device : "none");

	if (why[0]) { /* only a reset changes these */
		struct step *s;

		if (l->swap) {
			rc = check_swapoff_fits(p, name, l->swap, why);
			if (rc != EXIT_OK)
				return rc;
			s = add_step(p, ACT_SWAPOFF, d->id);
			s->priority = zswapctl_swap_area_get_priority(l->swap);
		} else if ((rc = check_holds_nothing_else(p, name)) != EXIT_OK) {
			return rc;
		}
		s = add_step(p, ACT_RESET, d->id);
		s->old_value = xstrdup_or_null(live_alg);
		s->size = l->disksize;
		s->flags = l->swap != NULL; /* undo: a swap header again */
		/* after a reset: no algorithm is chosen, write it again */
		return add_configure_steps(p, d, l->dev, l->algs, NULL, l->swap_ops, l->writeback);
	}

	if (l->have_mem_limit && l->mem_limit != d->mem_limit) {
		char old[32];

		snprintf(old, sizeof(old), "%llu", (unsigned long long)l->mem_limit);
		add_write_u64(p, d->id, "mem_limit", d->mem_limit, old);
	}
	add_writeback_limit_steps(p, d, l->dev);
	if (!l->swap) {
		struct step *s;

		if ((rc = check_holds_nothing_else(p, name)) != EXIT_OK)
			return rc;
		s = add_step(p, ACT_SWAP_HEADER, d->id);
		s->size = d->size;
		s = add_step(p, ACT_SWAPON, d->id);
		s->priority = d->swap_priority;
		s->flags = discard_flags(d->discard);
	} else if (d->swap_priority >= 0 &&
		   zswapctl_swap_area_get_priority(l->swap) != d->swap_priority) {
		struct step *s;

		snprintf(why, sizeof(why), "swap priority %d -> %d",
			 zswapctl_swap_area_get_priority(l->swap), d->swap_priority);
		rc = check_swapoff_fits(p, name, l->swap, why);
		if (rc != EXIT_OK)
			return rc;
		s = add_step(p, ACT_SWAPOFF, d->id);
		s->priority = zswapctl_swap_area_get_priority(l->swap);
		s = add_step(p, ACT_SWAPON, d->id);
		s->priority = d->swap_priority;
		s->flags = discard_flags(d->discard);
	}
	if (l->swap_ops >= 0 && wanted_swap_ops(d, true) != l->swap_ops)
		add_write(p, d->id, "swap_ops", l->swap_ops ? "off" : "on", l->swap_ops ? "on" : "off");
	return EXIT_OK;
}

static int check_swap_ops_wanted(struct planner *p, const struct config_device *d,
				 int live_swap_ops)
{
	if (d->swap_ops == SWAP_OPS_ON && live_swap_ops < 0 && p->plan->zram_loaded) {
		cli_error("zram%u: swap-ops = on (%s:%d), but the running kernel has no swap_ops "
			  "(it needs the series in kernel/); set swap-ops = auto",
			  d->id, d->origin.file ? d->origin.file : "default", d->origin.line);
		return EXIT_UNSUPPORTED;
	}
	return EXIT_OK;
}

static void plan_zswap(struct planner *p, const struct config *cfg)
{
	char *path = NULL;
	const char *root = zswapctl_ctx_get_root(p->cli->ctx);
	FILE *f;
	char buf[8] = "";

	if (asprintf(&path, "%s/sys/module/zswap/parameters/enabled",
		     strcmp(root, "/") ? root : "") < 0)
		return;
	f = fopen(path, "re");
	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = '\0';
		fclose(f);
	}
	free(path);
	if (buf[0] != 'Y')
		return;
	if (cfg->zswap == ZSWAP_DISABLE)
		add_step(p, ACT_ZSWAP_OFF, 0);
	else if (!p->cli->json)
		cli_warn(p->cli, "zswap is enabled in front of zram: it keeps compressed pages in its "
			 "own pool, away from zram; set 'zswap = disable' in [zswapctl] to turn it off");
}

bool plan_names_device(const char *name, unsigned int id)
{
	char buf[32];

	if (!strncmp(name, "/dev/", 5))
		name += 5;
	if (!strncmp(name, "zram", 4))
		name += 4;
	snprintf(buf, sizeof(buf), "%u", id);
	return !strcmp(name, buf);
}

static bool selected(const struct plan_options *opts, unsigned int id)
{
	if (opts->nonly == 0)
		return true;
	for (int i = 0; i < opts->nonly; i++)
		if (plan_names_device(opts->only[i], id))
			return true;
	return false;
}

int plan_compute(struct cli *cli, const struct config *cfg,
		 const struct plan_options *opts, struct plan *plan)
{
	struct planner p = { .cli = cli, .opts = opts, .plan = plan };
	unsigned int max_id = 0;
	int rc = EXIT_OK;

	memset(plan, 0, sizeof(*plan));
	plan->zram_loaded = zswapctl_control_present(cli->ctx) == 0;
	for (size_t i = 0; i < cfg->ndevices; i++)
		if (cfg->devices[i].id > max_id)
			max_id = cfg->devices[i].id;
	if (!plan->zram_loaded) {
		struct step *s = add_step(&p, ACT_LOAD_MODULE, 0);
		char opt[32];

		/* num_devices creates zram0..N-1 at load time: no hot_add races. */
		snprintf(opt, sizeof(opt), "num_devices=%u", max_id + 1);
		s->value = xstrdup_or_null(opt);
	} else {
		struct zswapctl_dev_list *devs;
		int r = zswapctl_swap_list_new(cli->ctx, &p.swaps);

		if (r < 0 && r != -ENOENT) {
			cli_error("/proc/swaps: %s", strerror(-r));
			return EXIT_FAILED;
		}
		if (zswapctl_dev_list_new(cli->ctx, &devs) == 0) {
			const struct zswapctl_dev *first = zswapctl_dev_list_get_first(devs);
			bool on;

			p.any_swap_ops = -1;
			p.any_writeback = first && zswapctl_dev_has_attr(first, "backing_dev") == 0;
			if (first) {
				zswapctl_dev_read_algorithms(first, &p.any_algs);
				/* The switch defaults to on in a new device. */
				if (zswapctl_dev_get_swap_ops(first, &on) == 0)
					p.any_swap_ops = 1;
			}
			zswapctl_dev_list_unref(devs);
		}
	}

	for (size_t i = 0; i < cfg->ndevices && rc == EXIT_OK; i++) {
		const struct config_device *d = &cfg->devices[i];
		struct live l;
		int r;

		if (!selected(opts, d->id))
			continue;
		if (!plan->zram_loaded) {
			rc = add_configure_steps(&p, d, NULL, NULL, NULL, -1, true);
			continue;
		}
		r = live_read(&p, d->id, &l);
		if (r == -ENODEV) {
			add_step(&p, ACT_HOT_ADD, d->id);
			rc = check_swap_ops_wanted(&p, d, p.any_swap_ops);
			/* Same algorithms as its siblings, but not their choice. */
			if (rc == EXIT_OK)
				rc = add_configure_steps(&p, d, NULL, p.any_algs, NULL,
							 p.any_swap_ops, p.any_writeback);
		} else if (r < 0) {
			rc = EXIT_FAILED;
		} else {
			rc = check_swap_ops_wanted(&p, d, l.swap_ops);
			if (rc == EXIT_OK)
				rc = plan_existing(&p, d, &l);
		}
		if (r != -ENODEV)
			live_clear(&l);
	}
	if (rc == EXIT_OK)
		plan_zswap(&p, cfg);
	zswapctl_swap_list_unref(p.swaps);
	zswapctl_algorithms_unref(p.any_algs);
	if (rc != EXIT_OK)
		plan_free(plan);
	return rc;
}

void plan_free(struct plan *plan)
{
	for (size_t i = 0; i < plan->nsteps; i++) {
		free(plan->steps[i].value);
		free(plan->steps[i].old_value);
	}
	free(plan->steps);
	memset(plan, 0, sizeof(*plan));
}

static const char *action_name(enum action a)
{
	static const char *const names[] = {
		[ACT_LOAD_MODULE] = "load-module", [ACT_HOT_ADD] = "hot-add",
		[ACT_SWAPOFF] = "swapoff",	   [ACT_RESET] = "reset",
		[ACT_WRITE] = "write",		   [ACT_SWAP_HEADER] = "swap-header",
		[ACT_SWAPON] = "swapon",	   [ACT_ZSWAP_OFF] = "zswap-off",
		[ACT_BACKING_FILE] = "backing-file", [ACT_LOOP_ATTACH] = "loop-attach",
	};
	return names[a];
}

void step_describe(const struct step *s, char *buf, size_t len)
{
	char size[32];

	switch (s->action) {
	case ACT_LOAD_MODULE:
		snprintf(buf, len, "load module zram %s", s->value ? s->value : "");
		break;
	case ACT_ZSWAP_OFF:
		snprintf(buf, len, "disable zswap (/sys/module/zswap/parameters/enabled = N)");
		break;
	case ACT_WRITE:
		snprintf(buf, len, "zram%u: %s = %s", s->dev_id, s->attr,
			 s->value ? s->value : "(the loop device attached above)");
		break;
	case ACT_BACKING_FILE:
		cli_format_size(size, sizeof(size), s->size);
		snprintf(buf, len, "zram%u: backing file %s (%s)", s->dev_id, s->value, size);
		break;
	case ACT_LOOP_ATTACH:
		snprintf(buf, len, "zram%u: attach a loop device to %s", s->dev_id, s->value);
		break;
	case ACT_SWAP_HEADER:
		cli_format_size(size, sizeof(size), s->size);
		snprintf(buf, len, "zram%u: write swap header (%s)", s->dev_id, size);
		break;
	case ACT_SWAPON:
		snprintf(buf, len, "zram%u: swapon, priority %d%s", s->dev_id, s->priority,
			 s->flags & SWAP_FLAG_DISCARD ? ", discard" : "");
		break;
	default:
		snprintf(buf, len, "zram%u: %s", s->dev_id, action_name(s->action));
		break;
	}
}

struct json_object *step_to_json(const struct step *s)
{
	struct json_object *o = json_object_new_object();
	char dev[32];

	json_object_object_add(o, "action", json_object_new_string(action_name(s->action)));
	if (s->action != ACT_LOAD_MODULE && s->action != ACT_ZSWAP_OFF) {
		snprintf(dev, sizeof(dev), "zram%u", s->dev_id);
		json_object_object_add(o, "device", json_object_new_string(dev));
	}
	if (s->action == ACT_WRITE) {
		json_object_object_add(o, "attribute", json_object_new_string(s->attr));
		json_object_object_add(o, "value", s->value ? json_object_new_string(s->value) : NULL);
	}
	if (s->action == ACT_BACKING_FILE || s->action == ACT_LOOP_ATTACH)
		json_object_object_add(o, "file", json_object_new_string(s->value));
	if (s->action == ACT_BACKING_FILE)
		json_object_object_add(o, "size", json_object_new_uint64(s->size));
	if (s->action == ACT_LOAD_MODULE)
		json_object_object_add(o, "options", json_object_new_string(s->value ? s->value : ""));
	if (s->action == ACT_SWAP_HEADER)
		json_object_object_add(o, "size", json_object_new_uint64(s->size));
	if (s->action == ACT_SWAPON) {
		json_object_object_add(o, "priority", json_object_new_int(s->priority));
		json_object_object_add(o, "discard", json_object_new_boolean(s->flags != 0));
	}
	return o;
}
