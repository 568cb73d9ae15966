// SPDX-License-Identifier: GPL-2.0-or-later
/* Computing setup's steps: configuration versus live devices. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/swap.h>

#include "actions.h"
#include "dlopen.h"
#include "import.h"
#include "state.h"
#include "util.h"

/* The optional attributes of a device's zram, known before it is planned:
 * a feature the kernel lacks is planned without, never written. */
struct features {
	bool writeback;	/* backing_dev (CONFIG_ZRAM_WRITEBACK) */
	bool recompress; /* recomp_algorithm (CONFIG_ZRAM_MULTI_COMP) */
	bool params;	/* algorithm_params */
	/* max_comp_streams that does something: kernels before 4.7. Since
	 * then zram has one stream per CPU, and the attribute accepts and
	 * ignores writes (reads give the number of CPUs; 6.12 has it, 6.18
	 * has none). */
	bool streams;
};

/* Everything the kernel may have, while zram is not loaded yet: that plan
 * is provisional and made again once the module is there. No kernel that
 * loads zram as a module here has working max_comp_streams. */
static const struct features all_features = { true, true, true, false };

/* Which device numbers exist, and which hot_add will take next. */
struct id_set {
	unsigned int *ids;
	size_t n;
};

struct planner {
	const struct setup_ctx *s;
	const struct plan_options *opts;
	struct plan *plan;
	struct zswapctl_swap_list *swaps; /* NULL: no /proc/swaps */
	struct zswapctl_algorithms *any_algs; /* of any existing device */
	int any_swap_ops; /* a new device's switch: -1 the kernel lacks it */
	struct features any_features; /* what a new device will have */
	struct id_set ids; /* the devices there are, and those planned */
	/* The device in hand has its backing device: false when it is
	 * missing or the kernel cannot write back, and that is allowed. */
	bool use_backing;
	uint64_t backing_file_size; /* the file's, once decide_backing() sized it */
	uint64_t cfg_ram; /* what `ram` meant */
	bool old_streams; /* a kernel before 4.7: max_comp_streams works */
	/* Backing devices of the devices planned so far in this run, and
	 * of the device in hand (kept once its plan succeeds): two devices
	 * must not write back to one disk or file. */
	const struct config_device **backed;
	size_t nbacked;
	const struct config_device *backing_in_hand;
	/* Out of memory: the steps added since go to scratch, and
	 * plan_compute() fails at the end. */
	bool oom;
	struct step scratch;
};

static struct step *add_step(struct planner *p, enum action action,
			     unsigned int id)
{
	struct step *bigger = p->oom ? NULL : realloc(p->plan->steps,
						      (p->plan->nsteps + 1) * sizeof(*bigger));

	if (!bigger) {
		p->oom = true;
		free(p->scratch.value);
		free(p->scratch.old_value);
		free(p->scratch.options);
		bigger = &p->scratch;
		memset(bigger, 0, sizeof(*bigger));
		bigger->action = action;
		return bigger;
	}
	p->plan->steps = bigger;
	bigger = &p->plan->steps[p->plan->nsteps++];
	memset(bigger, 0, sizeof(*bigger));
	bigger->action = action;
	bigger->dev_id = id;
	return bigger;
}

static char *strdup_or_null(struct planner *p, const char *s)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		p->oom = true;
	return d;
}

static void add_write(struct planner *p, unsigned int id, const char *attr,
		      const char *value, const char *old)
{
	struct step *s = add_step(p, ACT_WRITE, id);
	/* Every name fits: one of zram's attributes, or a write_only's attr[],
	 * which has the size of the step's. Not snprintf("%s"), which GCC
	 * cannot prove does not cut (-Wformat-truncation). */
	size_t len = strnlen(attr, sizeof(s->attr) - 1);

	memcpy(s->attr, attr, len);
	s->attr[len] = '\0';
	s->value = strdup_or_null(p, value);
	s->old_value = strdup_or_null(p, old);
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
		/* "kernel", last: whatever the kernel has, as zram-generator falls
		 * back when it cannot set the algorithm */
		if (strcmp(d->algorithms[i], CONFIG_ALGORITHM_KERNEL) &&
		    !has_algorithm(algs, d->algorithms[i]))
			continue;
		/* The default's list is a preference order, not a request. */
		if (i > 0 && d->key_origin[CONFIG_KEY_ALGORITHM].file)
			setup_warn(p->s, (int)d->id, "zram%u: algorithm %s (%s:%d) is not available in this kernel; using %s",
				 d->id, d->algorithms[0], d->key_origin[CONFIG_KEY_ALGORITHM].file,
				 d->key_origin[CONFIG_KEY_ALGORITHM].line,
				 strcmp(d->algorithms[i], CONFIG_ALGORITHM_KERNEL) ? d->algorithms[i]
										  : "the kernel's default");
		return d->algorithms[i];
	}
	return NULL;
}

/* The parameters for the chosen algorithm: its own from "zstd(level=3)",
 * else algorithm-params. */
static const char *params_for(const struct config_device *d, const char *alg)
{
	if (!alg) /* the kernel's default: the parameters of "kernel(...)" */
		alg = CONFIG_ALGORITHM_KERNEL;
	for (size_t i = 0; i < d->nalgorithms; i++)
		if (!strcmp(d->algorithms[i], alg) && d->algorithm_each_params &&
		    d->algorithm_each_params[i])
			return d->algorithm_each_params[i];
	return d->algorithm_params;
}

/*
 * The writes that cannot be read back (algorithm_params, recomp_algorithm),
 * one after the other as setup makes them, in a buffer of 2048; the
 * journal keeps them (ACT_REMEMBER) so that a change of them alone is seen.
 */
#define WRITE_ONLY_MAX 2048
struct write_only {
	char attr[32];
	char value[512];
};

static size_t write_only_settings(const struct config_device *d, const char *alg,
				  const struct features *f, struct write_only out[1 + 2 * 3])
{
	const char *params = f->params ? params_for(d, alg) : NULL;
	size_t n = 0;

	if (params) {
		/* Without algo= the kernel takes the primary algorithm, whichever. */
		snprintf(out[n].attr, sizeof(out[n].attr), "algorithm_params");
		if (alg)
			snprintf(out[n].value, sizeof(out[n].value), "algo=%s %s", alg, params);
		else
			snprintf(out[n].value, sizeof(out[n].value), "%s", params);
		n++;
	}
	for (size_t i = 0; f->recompress && i < d->nrecompress && i < 3; i++) {
		const struct config_recompress *r = &d->recompress[i];

		snprintf(out[n].attr, sizeof(out[n].attr), "recomp_algorithm");
		if (r->priority)
			snprintf(out[n].value, sizeof(out[n].value), "algo=%s priority=%d",
				 r->algorithm, r->priority);
		else
			snprintf(out[n].value, sizeof(out[n].value), "algo=%s", r->algorithm);
		n++;
		if (r->params && f->params) {
			snprintf(out[n].attr, sizeof(out[n].attr), "algorithm_params");
			snprintf(out[n].value, sizeof(out[n].value), "algo=%s %s", r->algorithm,
				 r->params);
			n++;
		}
	}
	return n;
}

/* "attr=value; attr=value": what ACT_REMEMBER records. */
static void write_only_text(const struct write_only *w, size_t n, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s=%s", i ? "; " : "",
					 w[i].attr, w[i].value);
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

/* Is the backing device there: a device node, or the directory the file
 * goes in (its filesystem may not be mounted)? */
static bool backing_present(struct planner *p, const struct config_device *d)
{
	_cleanup_free_ char *dir = NULL, *resolved = NULL;
	char *why = NULL;
	char *slash;
	int r;

	if (!d->backing_file) {
		r = zswapctl_block_device_user(p->s->zctx, d->backing_device, &why);
		free(why);
		return r != -ENOENT;
	}
	dir = strdup(d->backing_file);
	if (!dir) {
		p->oom = true;
		return true;
	}
	slash = strrchr(dir, '/');
	slash[slash == dir ? 1 : 0] = '\0';
	if (zswapctl_ctx_resolve(p->s->zctx, dir, &resolved) < 0)
		return true; /* out of memory: let the step say it */
	return access(resolved, F_OK) == 0;
}

/*
 * The size of a file: backing sized to its filesystem (backing-file-share,
 * backing-file-keep-free), from the bytes free there (AVAIL) and the size
 * of the file if it is there already (EXISTING). Decided when the file is
 * made: a file of ours that is there keeps its size (setup refuses to
 * change it), however the free space has moved since. 0: too full.
 */
uint64_t plan_backing_file_size(const struct config_device *d, uint64_t avail, uint64_t existing)
{
	uint64_t size = d->backing_file_size, share, room;

	if (!d->backing_file_share && !d->backing_file_keep_free)
		return size;
	if (existing)
		return existing < size ? existing : size;
	share = d->backing_file_share ? avail / 100 * d->backing_file_share : avail;
	room = avail > d->backing_file_keep_free ? avail - d->backing_file_keep_free : 0;
	if (share < size)
		size = share;
	if (room < size)
		size = room;
	size -= size % PLAN_BACKING_FILE_ALIGN;
	return size < PLAN_BACKING_FILE_MIN ? 0 : size;
}

/* decide_backing() for a file sized to its filesystem: does it fit? *why
 * says why not. */
static bool backing_file_fits(struct planner *p, const struct config_device *d,
			      char *why, size_t len)
{
	uint64_t avail, existing;
	char a[32], k[32], share[16];
	int r;

	p->backing_file_size = d->backing_file_size;
	if (!d->backing_file_share && !d->backing_file_keep_free)
		return true;
	r = zswapctl_backing_file_space(p->s->zctx, d->backing_file, &avail, &existing);
	if (r < 0) {
		snprintf(why, len, "the free space of its filesystem is unknown (%s)", strerror(-r));
		return false;
	}
	p->backing_file_size = plan_backing_file_size(d, avail, existing);
	if (p->backing_file_size)
		return true;
	snprintf(share, sizeof(share), "%u%%)", d->backing_file_share);
	setup_format_size(a, sizeof(a), avail);
	setup_format_size(k, sizeof(k), d->backing_file_keep_free);
	snprintf(why, len, "its filesystem is too full: %s free; keeping %s free "
		 "(backing-file-keep-free)%s%s leaves less than the 1 MiB a file needs", a, k,
		 d->backing_file_share ? " and taking at most this share of it "
					 "(backing-file-share = " : "",
		 d->backing_file_share ? share : "");
	return false;
}

/*
 * Does the device in hand get its backing device (p->use_backing)? When
 * the kernel cannot write back, or the device (the file's directory) is
 * not there, swap matters more: a warning that names the key and the fix,
 * and a device without writeback; with backing-device-required = yes the
 * device fails instead, as it did before.
 */
static int decide_backing(struct planner *p, const struct config_device *d,
			  const struct features *f)
{
	const char *where = origin_file(d, CONFIG_KEY_BACKING_DEVICE);
	int line = d->key_origin[CONFIG_KEY_BACKING_DEVICE].line;
	const char *lacking, *fix;
	char full[256];

	p->use_backing = false;
	if (!d->backing_device)
		return SETUP_OK;
	if (!f->writeback) {
		lacking = "this kernel's zram has no writeback support (CONFIG_ZRAM_WRITEBACK)";
		fix = "remove the key, or boot a kernel with CONFIG_ZRAM_WRITEBACK";
	} else if (!backing_present(p, d)) {
		lacking = d->backing_file ?
			"the directory of the file does not exist (is its filesystem mounted?)" :
			"the device does not exist (not attached yet, or renamed?)";
		fix = "once it is there, 'zswapctl setup --force' adds it (swapoff and reset "
		      "of the device)";
	} else if (d->backing_file && !backing_file_fits(p, d, full, sizeof(full))) {
		lacking = full;
		fix = "free space there, or lower backing-file-keep-free; then 'zswapctl setup "
		      "--force' adds it";
	} else {
		p->use_backing = true;
		return SETUP_OK;
	}
	if (d->backing_required) {
		setup_error(p->s, (int)d->id, "zram%u: backing-device = %s (%s:%d): %s; "
			    "backing-device-required = yes (%s:%d), so zram%u is not set up; %s",
			    d->id, d->backing_device, where, line, lacking,
			    origin_file(d, CONFIG_KEY_BACKING_DEVICE_REQUIRED),
			    d->key_origin[CONFIG_KEY_BACKING_DEVICE_REQUIRED].line, d->id, fix);
		return f->writeback ? SETUP_FAILED : SETUP_UNSUPPORTED;
	}
	setup_warn(p->s, (int)d->id, "zram%u: backing-device = %s (%s:%d): %s; zram%u is set up "
		   "without writeback; %s (backing-device-required = yes makes this an error)",
		   d->id, d->backing_device, where, line, lacking, d->id, fix);
	return SETUP_OK;
}

/* The same disk (by device number, whatever the path) or the same file. */
static bool same_backing(struct planner *p, const struct config_device *a,
			 const struct config_device *b)
{
	if (a->backing_file || b->backing_file)
		return a->backing_file && b->backing_file && !strcmp(a->backing_file, b->backing_file);
	return zswapctl_block_device_same(p->s->zctx, a->backing_device, b->backing_device) == 1;
}

/* Refused when a device planned before in this run writes back there too:
 * the kernel would give the second EBUSY halfway through the run (or two
 * loop devices would share one file), where --dry-run said nothing. */
static int check_backing_unshared(struct planner *p, const struct config_device *d)
{
	for (size_t i = 0; i < p->nbacked; i++) {
		const struct config_device *o = p->backed[i];

		if (!same_backing(p, o, d))
			continue;
		setup_error(p->s, (int)d->id, "zram%u: backing-device = %s (%s:%d) is zram%u's backing "
			    "device too (%s, %s:%d); give each device its own", d->id,
			    d->backing_device, origin_file(d, CONFIG_KEY_BACKING_DEVICE),
			    d->key_origin[CONFIG_KEY_BACKING_DEVICE].line, o->id, o->backing_device,
			    origin_file(o, CONFIG_KEY_BACKING_DEVICE),
			    o->key_origin[CONFIG_KEY_BACKING_DEVICE].line);
		return SETUP_INVALID;
	}
	return SETUP_OK;
}

/*
 * A block device is checked before zram may have it: it exists, nothing
 * uses it, and libblkid finds no signature on it (unless --force). A
 * file:PATH:SIZE backing becomes a file of ours and a loop device over it.
 */
static int add_backing_steps(struct planner *p, const struct config_device *d)
{
	const char *where = origin_file(d, CONFIG_KEY_BACKING_DEVICE);
	int line = d->key_origin[CONFIG_KEY_BACKING_DEVICE].line;
	char *why = NULL, *type = NULL;
	struct step *s;
	int r;

	r = check_backing_unshared(p, d);
	if (r != SETUP_OK)
		return r;
	p->backing_in_hand = d; /* kept by plan_compute() if the device's plan succeeds */
	if (d->backing_file) {
		s = add_step(p, ACT_BACKING_FILE, d->id);
		s->value = strdup_or_null(p, d->backing_file);
		s->size = p->backing_file_size;
		s->force = p->opts->force;
		s = add_step(p, ACT_LOOP_ATTACH, d->id);
		s->value = strdup_or_null(p, d->backing_file);
		if (!d->backing_plain)
			add_step(p, ACT_CRYPT_OPEN, d->id); /* over the loop device */
		add_write(p, d->id, "backing_dev", NULL, NULL);
		return SETUP_OK;
	}
	r = zswapctl_block_device_user(p->s->zctx, d->backing_device, &why);
	if (r < 0) {
		if (r == -EBUSY)
			setup_error(p->s, (int)d->id, "zram%u: backing device %s (%s:%d) is %s; choose another",
				  d->id, d->backing_device, where, line, why);
		else
			setup_error(p->s, (int)d->id, "zram%u: backing device %s (%s:%d): %s", d->id,
				    d->backing_device, where, line,
				    r == -ENOTBLK ? "not a block device" :
				    r == -ENOPKG ? dl_missing(DL_LIBMOUNT) :
						    strerror(-r));
		free(why);
		return SETUP_FAILED;
	}
	r = zswapctl_probe_signature(p->s->zctx, d->backing_device, &type);
	if (r < 0) {
		setup_error(p->s, (int)d->id, "zram%u: backing device %s: cannot read it to look for data: %s",
			    d->id, d->backing_device,
			    r == -ENOPKG ? dl_missing(DL_LIBBLKID) : strerror(-r));
		return SETUP_FAILED;
	}
	if (type && !p->opts->force) {
		setup_error(p->s, (int)d->id, "zram%u: backing device %s (%s:%d) holds a %s signature; not touching it "
			  "(wipe it, or use --force to let zram overwrite it)",
			  d->id, d->backing_device, where, line, type);
		free(type);
		return SETUP_FAILED;
	}
	free(type);
	if (d->backing_plain) {
		add_write(p, d->id, "backing_dev", d->backing_device, NULL);
	} else {
		struct step *c = add_step(p, ACT_CRYPT_OPEN, d->id);

		c->value = strdup_or_null(p, d->backing_device);
		add_write(p, d->id, "backing_dev", NULL, NULL);
	}
	return SETUP_OK;
}

/*
 * The writeback limit as configured: enabled with the limit (the kernel
 * counts 4 KiB units), or disabled when the key is absent, because the
 * kernel keeps writeback_limit_enable across a reset and a limit left over
 * from another configuration would stop every writeback. dev is NULL for a
 * device that does not exist yet (the switch starts off).
 */
static void add_writeback_limit_steps(struct planner *p, const struct config_device *d,
				      struct zswapctl_dev *dev, const struct features *f)
{
	uint64_t en = 0, lim = 0;
	bool have_en;

	/* No writeback, no limit attributes; none wanted without a backing
	 * device (decide_backing() said why). */
	if (!f->writeback || (d->writeback_limit_set && !p->use_backing))
		return;
	have_en = dev && zswapctl_dev_read_u64(dev, "writeback_limit_enable", &en) == 0;
	if (dev)
		zswapctl_dev_read_u64(dev, "writeback_limit", &lim);
	if (!d->writeback_limit_set) {
		if (have_en && en)
			add_write(p, d->id, "writeback_limit_enable", "0", "1");
		return;
	}
	if (!en)
		add_write(p, d->id, "writeback_limit_enable", "1", "0");
	if (!dev || lim != d->writeback_limit / ZRAM_UNIT)
		add_write_u64(p, d->id, "writeback_limit", d->writeback_limit / ZRAM_UNIT, NULL);
}

/* The system's mkfs.TYPE must be there before a device is made for it. */
static int check_mkfs(struct planner *p, const struct config_device *d)
{
	const char *fs = config_fs_type(d);
	char *path = NULL;
	int r;

	if (!fs)
		return SETUP_OK;
	r = zswapctl_mkfs_find(p->s->zctx, fs, &path);
	free(path);
	if (r == 0)
		return SETUP_OK;
	if (r == -ENOMEM) {
		p->oom = true;
		return SETUP_OK;
	}
	setup_error(p->s, (int)d->id, "zram%u: fs-type = %s (%s:%d): there is no mkfs.%s on this "
		    "system; install it (e2fsprogs has mkfs.ext2, mkfs.ext3 and mkfs.ext4)",
		    d->id, fs, origin_file(d, d->fs_type ? CONFIG_KEY_FS_TYPE : CONFIG_KEY_MOUNT_POINT),
		    d->key_origin[d->fs_type ? CONFIG_KEY_FS_TYPE : CONFIG_KEY_MOUNT_POINT].line, fs);
	return SETUP_FAILED;
}

/* mkfs (unless the filesystem is there) and the mount, if there is a
 * mount point. */
static int add_filesystem_steps(struct planner *p, const struct config_device *d, bool mkfs)
{
	char options[512], *other = NULL;
	struct step *s;
	int rc;

	if (mkfs) {
		rc = check_mkfs(p, d);
		if (rc != SETUP_OK)
			return rc;
		s = add_step(p, ACT_MKFS, d->id);
		snprintf(s->attr, sizeof(s->attr), "%s", config_fs_type(d));
	}
	if (!d->mount_point)
		return SETUP_OK;
	/* Another filesystem there would be hidden, and unmounting by mount
	 * point would later take the wrong one. */
	rc = zswapctl_mounted_on(p->s->zctx, d->mount_point, &other);
	if (rc == -ENOMEM)
		p->oom = true;
	if (other && !p->opts->force) {
		setup_error(p->s, (int)d->id, "zram%u: mount-point %s (%s:%d) has %s mounted on it "
			    "already; a second filesystem there would hide it: unmount it (or mask "
			    "the unit that mounts it), choose another mount point, or use --force "
			    "to mount over it", d->id, d->mount_point,
			    origin_file(d, CONFIG_KEY_MOUNT_POINT),
			    d->key_origin[CONFIG_KEY_MOUNT_POINT].line, other);
		free(other);
		return SETUP_FAILED;
	}
	free(other);
	config_mount_options(d, options, sizeof(options));
	s = add_step(p, ACT_MOUNT, d->id);
	snprintf(s->attr, sizeof(s->attr), "%s", config_fs_type(d));
	s->value = strdup_or_null(p, d->mount_point);
	s->options = strdup_or_null(p, options);
	return SETUP_OK;
}

/* Everything from comp_algorithm to swapon, on an uninitialised device. */
static int add_configure_steps(struct planner *p, const struct config_device *d,
			       struct zswapctl_dev *dev,
			       const struct zswapctl_algorithms *algs, const char *live_alg,
			       int live_swap_ops, const struct features *f)
{
	const char *alg = choose_algorithm(p, d, algs);
	bool kernel_default = alg && !strcmp(alg, CONFIG_ALGORITHM_KERNEL);
	struct write_only w[1 + 2 * 3];
	struct step *s;
	size_t nw;

	if (kernel_default)
		alg = NULL;
	else if (!alg) {
		setup_error(p->s, (int)d->id, "zram%u: none of the configured algorithms is available in this kernel; "
			  "set 'algorithm' (%s:%d) to one of the kernel's (see 'zswapctl status -o ALGORITHMS')",
			  d->id, origin_file(d, CONFIG_KEY_ALGORITHM),
			  d->key_origin[CONFIG_KEY_ALGORITHM].line);
		return SETUP_UNSUPPORTED;
	}
	if (alg && (!live_alg || strcmp(live_alg, alg)))
		add_write(p, d->id, "comp_algorithm", alg, live_alg);
	if (params_for(d, alg) && !f->params) {
		enum config_key k = d->algorithm_params ? CONFIG_KEY_ALGORITHM_PARAMS
							: CONFIG_KEY_ALGORITHM;

		setup_warn(p->s, (int)d->id, "zram%u: %s = %s (%s:%d) left out: this kernel's "
			   "zram has no algorithm_params; %s uses its defaults (remove the "
			   "parameters to silence this)", d->id, config_key_name(k),
			   params_for(d, alg), origin_file(d, k), d->key_origin[k].line,
			   alg ? alg : "the algorithm");
	}
	if (d->nrecompress && !f->recompress)
		setup_warn(p->s, (int)d->id, "zram%u: recompress (%s:%d) left out: this kernel's zram has no "
			   "recompression (CONFIG_ZRAM_MULTI_COMP); the device works without it "
			   "(remove the key, or boot a kernel with it)", d->id,
			   origin_file(d, CONFIG_KEY_RECOMPRESS),
			   d->key_origin[CONFIG_KEY_RECOMPRESS].line);
	nw = write_only_settings(d, alg, f, w);
	for (size_t i = 0; i < nw; i++)
		add_write(p, d->id, w[i].attr, w[i].value, NULL);
	/* Always, also "none": a later change is then seen as one. */
	{
		char text[WRITE_ONLY_MAX];

		write_only_text(w, nw, text, sizeof(text));
		s = add_step(p, ACT_REMEMBER, d->id);
		s->value = strdup_or_null(p, text);
	}
	if (d->streams && f->streams)
		add_write_u64(p, d->id, "max_comp_streams", d->streams, NULL);
	else if (d->streams)
		setup_warn(p->s, (int)d->id, "zram%u: streams = %u (%s:%d) ignored: since Linux 4.7 "
			   "zram uses one compression stream per CPU (max_comp_streams, where the "
			   "kernel still has it, accepts and ignores writes); remove the key to "
			   "silence this", d->id, d->streams,
			   origin_file(d, CONFIG_KEY_STREAMS), d->key_origin[CONFIG_KEY_STREAMS].line);
	if (p->use_backing) {
		int rc = add_backing_steps(p, d);

		if (rc != SETUP_OK)
			return rc;
	}
	add_write_u64(p, d->id, "disksize", d->size, NULL);
	if (d->mem_limit)
		add_write_u64(p, d->id, "mem_limit", d->mem_limit, "0");
	add_writeback_limit_steps(p, d, dev, f);
	if (config_fs_type(d))
		return add_filesystem_steps(p, d, true);
	s = add_step(p, ACT_SWAP_HEADER, d->id);
	s->size = d->size;
	s = add_step(p, ACT_SWAPON, d->id);
	s->priority = d->swap_priority;
	s->swap_flags = discard_flags(d->discard);
	if (live_swap_ops >= 0 && wanted_swap_ops(d, true) != live_swap_ops)
		add_write(p, d->id, "swap_ops", live_swap_ops ? "off" : "on",
			  live_swap_ops ? "on" : "off");
	return SETUP_OK;
}

struct live {
	struct zswapctl_dev *dev;
	uint64_t disksize;
	struct zswapctl_algorithms *algs;
	char *backing;
	struct features f;
	int swap_ops; /* -1 unsupported */
	const struct zswapctl_swap_area *swap;
	uint64_t mem_limit;
	bool have_mem_limit;
	char *mount; /* where it is mounted; NULL: nowhere */
};

static void live_clear(struct live *l)
{
	zswapctl_algorithms_unref(l->algs);
	free(l->backing);
	free(l->mount);
	zswapctl_dev_unref(l->dev);
}

static int live_read(struct planner *p, unsigned int id, struct live *l)
{
	char name[32];
	bool on;
	int r;

	memset(l, 0, sizeof(*l));
	snprintf(name, sizeof(name), "zram%u", id);
	r = zswapctl_dev_new(p->s->zctx, name, &l->dev);
	if (r < 0)
		return r;
	r = zswapctl_dev_read_u64(l->dev, "disksize", &l->disksize);
	if (r < 0) {
		setup_error(p->s, (int)id, "%s/disksize: %s", name, setup_errno_advice(-r, "disksize"));
		return r;
	}
	r = zswapctl_dev_read_algorithms(l->dev, &l->algs);
	if (r < 0) {
		setup_error(p->s, (int)id, "%s/comp_algorithm: %s", name,
			    setup_errno_advice(-r, "comp_algorithm"));
		return r;
	}
	l->f.writeback = zswapctl_dev_read_backing_dev(l->dev, &l->backing) == 0;
	l->f.recompress = zswapctl_dev_has_attr(l->dev, "recomp_algorithm") == 0;
	l->f.params = zswapctl_dev_has_attr(l->dev, "algorithm_params") == 0;
	l->f.streams = p->old_streams && zswapctl_dev_has_attr(l->dev, "max_comp_streams") == 0;
	l->swap_ops = zswapctl_dev_get_swap_ops(l->dev, &on) == 0 ? on : -1;
	l->swap = p->swaps ? zswapctl_swap_list_find_dev(p->swaps, l->dev) : NULL;
	l->have_mem_limit = zswapctl_dev_read_counter(l->dev, ZSWAPCTL_GROUP_MM, "mem_limit",
							&l->mem_limit) == 0;
	/* Only an initialised device can be mounted. */
	if (l->disksize) {
		r = zswapctl_dev_get_mount_point(l->dev, &l->mount);
		if (r < 0) {
			setup_error(p->s, (int)id, "%s: cannot tell where it is mounted: %s", name,
				    r == -ENOPKG ? dl_missing(DL_LIBMOUNT) : strerror(-r));
			return r;
		}
	}
	return 0;
}

/* With --force, swapoff must still find room for what is swapped out. */
static int check_swapoff_fits(struct planner *p, const char *name,
			      const struct zswapctl_swap_area *swap, const char *why)
{
	uint64_t avail = 0;
	char used[32], free_mem[32];

	if (zswapctl_meminfo(p->s->zctx, NULL, &avail) < 0) {
		setup_error(p->s, -1, "%s: cannot read MemAvailable from /proc/meminfo to check that swapoff fits", name);
		return SETUP_FAILED;
	}
	setup_format_size(used, sizeof(used), zswapctl_swap_area_get_used(swap));
	setup_format_size(free_mem, sizeof(free_mem), avail);
	if (!p->opts->force) {
		setup_error(p->s, -1, "%s: %s, which needs swapoff, but it is active swap with %s in use; "
			  "run 'zswapctl setup --force' (swaps the data back in, %s available) "
			  "or change the configuration back", name, why, used, free_mem);
		return SETUP_FAILED;
	}
	if (zswapctl_swap_area_get_used(swap) > avail) {
		setup_error(p->s, -1, "%s: %s needs swapoff, but its %s of swapped data do not fit in the %s "
			  "of available memory; free memory first", name, why, used, free_mem);
		return SETUP_FAILED;
	}
	return SETUP_OK;
}

/* A device that is initialised but not in use as configured may hold
 * someone's data: anything but the configured swap or filesystem (EXPECTED)
 * is left alone without --force. */
static int check_holds_nothing_else(struct planner *p, struct zswapctl_dev *dev,
				    const char *expected)
{
	const char *name = zswapctl_dev_get_name(dev);
	char *type = NULL;
	int r, rc = SETUP_OK;

	r = zswapctl_probe_signature(p->s->zctx, zswapctl_dev_get_devnode(dev), &type);
	if (r < 0 || !type || !strcmp(type, expected))
		goto out;
	if (!p->opts->force) {
		setup_error(p->s, -1, "%s holds a %s signature and is not in use as configured; not "
			  "touching it (use --force to overwrite it, or 'zswapctl teardown %s')",
			  name, type, name);
		rc = SETUP_FAILED;
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
	_cleanup_free_ char *below = NULL;
	char *file = NULL;
	bool same;

	/* Missing, or the kernel cannot: what is there stays (setup said so). */
	if (d->backing_device && !p->use_backing)
		return true;
	if (!d->backing_device || !live)
		return !d->backing_device && !live;
	/* Encrypted as configured, and then the device below the mapping. */
	if ((zswapctl_block_device_encrypted(p->s->zctx, live) == 1) == d->backing_plain)
		return false;
	if (!d->backing_plain) {
		if (zswapctl_crypt_underlying(p->s->zctx, live, &below) < 0)
			return false;
		live = below;
	}
	if (!d->backing_file)
		return zswapctl_block_device_same(p->s->zctx, d->backing_device, live) == 1;
	if (zswapctl_loop_get_backing_file(p->s->zctx, live, &file) < 0)
		return false;
	same = strcmp(file, d->backing_file) == 0;
	free(file);
	return same;
}

/*
 * algorithm_params and recomp_algorithm cannot be read back: compare what
 * the configuration asks for with what setup recorded when it wrote them.
 * No record (a device set up by someone else, or before zswapctl kept
 * one) with settings asked for: say so, but do not reset on a guess.
 */
static void write_only_changed(struct planner *p, const struct config_device *d,
			       const char *alg, const struct features *f, char *why, size_t len)
{
	struct write_only w[1 + 2 * 3];
	char wanted[WRITE_ONLY_MAX];
	char *recorded = state_get(p->s, d->id, STATE_WRITTEN);
	size_t nw = write_only_settings(d, alg, f, w);

	write_only_text(w, nw, wanted, sizeof(wanted));
	if (!recorded) {
		if (nw && !state_has(p->s, d->id, STATE_WRITTEN))
			setup_warn(p->s, (int)d->id, "zram%u: algorithm parameters and recompression "
				   "algorithms cannot be read back from the kernel, and setup has no "
				   "record of writing them; 'zswapctl setup --force' after "
				   "'zswapctl teardown zram%u' makes sure they are applied", d->id, d->id);
		else if (nw)
			snprintf(why, len, "algorithm parameters or recompression algorithms "
				 "(none) -> (%.160s)", wanted);
		return;
	}
	if (strcmp(recorded, wanted))
		snprintf(why, len, "algorithm parameters or recompression algorithms changed "
			 "(%.160s)", nw ? wanted : "now none");
	free(recorded);
}

/*
 * A device mounted where it must not stay (a reset is needed, or it is
 * configured as swap or for another mount point): only --force unmounts
 * it, and only a mount point setup made is unmounted without it being
 * said first.
 */
static int plan_umount(struct planner *p, const struct config_device *d, const struct live *l,
		       const char *why)
{
	struct step *s;

	if (!p->opts->force) {
		setup_error(p->s, (int)d->id, "zram%u is mounted on %s; %s, which loses its files; "
			    "unmount it, or run 'zswapctl setup --force' (unmounts it)", d->id,
			    l->mount, why);
		return SETUP_FAILED;
	}
	s = add_step(p, ACT_UMOUNT, d->id);
	s->value = strdup_or_null(p, l->mount);
	return SETUP_OK;
}

/* An initialised device configured as a filesystem, after the checks that
 * would reset it: mount it where it belongs, making the filesystem first
 * when there is none. */
static int plan_existing_fs(struct planner *p, const struct config_device *d, struct live *l)
{
	const char *fs = config_fs_type(d);
	char *type = NULL;
	char why[256];
	int r, rc;

	if (l->mount) {
		if (d->mount_point && !strcmp(l->mount, d->mount_point))
			return SETUP_OK;
		snprintf(why, sizeof(why), "the configuration mounts it %s%s",
			 d->mount_point ? "on " : "nowhere", d->mount_point ? d->mount_point : "");
		rc = plan_umount(p, d, l, why);
		if (rc != SETUP_OK)
			return rc;
		return add_filesystem_steps(p, d, false);
	}
	r = zswapctl_probe_signature(p->s->zctx, zswapctl_dev_get_devnode(l->dev), &type);
	if (r < 0) {
		setup_error(p->s, (int)d->id, "zram%u: cannot look for a filesystem on it: %s", d->id,
			    r == -ENOPKG ? dl_missing(DL_LIBBLKID) : strerror(-r));
		return SETUP_FAILED;
	}
	if (type && !strcmp(type, fs)) {
		free(type);
		return add_filesystem_steps(p, d, false);
	}
	if (type && !p->opts->force) {
		setup_error(p->s, (int)d->id, "zram%u holds a %s signature, not the configured %s "
			    "filesystem; not touching it (use --force to make a new filesystem, or "
			    "'zswapctl teardown zram%u')", d->id, type, fs, d->id);
		free(type);
		return SETUP_FAILED;
	}
	free(type);
	return add_filesystem_steps(p, d, true);
}

static int plan_existing(struct planner *p, const struct config_device *d,
			 struct live *l)
{
	const char *name = zswapctl_dev_get_name(l->dev);
	const char *fs = config_fs_type(d);
	const char *alg, *live_alg;
	bool kernel_default;
	char why[256] = "";
	int rc;

	live_alg = zswapctl_algorithms_get_selected(l->algs);
	if (l->disksize == 0)
		return add_configure_steps(p, d, l->dev, l->algs, live_alg, l->swap_ops,
					   &l->f);

	alg = choose_algorithm(p, d, l->algs);
	kernel_default = alg && !strcmp(alg, CONFIG_ALGORITHM_KERNEL);
	if (kernel_default)
		alg = NULL;
	else if (!alg) /* reports it */
		return add_configure_steps(p, d, l->dev, l->algs, live_alg, l->swap_ops,
					   &l->f);
	if (l->disksize != d->size)
		snprintf(why, sizeof(why), "disksize %llu -> %llu", (unsigned long long)l->disksize,
			 (unsigned long long)d->size);
	else if (alg && (!live_alg || strcmp(live_alg, alg)))
		snprintf(why, sizeof(why), "algorithm %s -> %s", live_alg ? live_alg : "?", alg);
	else if (!backing_matches(p, d, l->backing))
		snprintf(why, sizeof(why), "backing device %s -> %s%s",
			 l->backing ? l->backing : "none",
			 d->backing_device ? d->backing_device : "none",
			 d->backing_device && !d->backing_plain ? " (encrypted)" : "");
	else if (fs && l->swap) /* swap becomes a filesystem: a new device */
		snprintf(why, sizeof(why), "swap -> %s filesystem", fs);
	else
		write_only_changed(p, d, alg, &l->f, why, sizeof(why));

	if (why[0]) { /* only a reset changes these */
		struct step *s;

		if (l->mount) {
			char what[300];

			snprintf(what, sizeof(what), "%s needs a reset", why);
			rc = plan_umount(p, d, l, what);
			if (rc != SETUP_OK)
				return rc;
		} else if (l->swap) {
			rc = check_swapoff_fits(p, name, l->swap, why);
			if (rc != SETUP_OK)
				return rc;
			s = add_step(p, ACT_SWAPOFF, d->id);
			s->priority = zswapctl_swap_area_get_priority(l->swap);
		} else if ((rc = check_holds_nothing_else(p, l->dev, fs ? fs : "swap")) != SETUP_OK) {
			return rc;
		}
		s = add_step(p, ACT_RESET, d->id);
		s->old_value = strdup_or_null(p, live_alg);
		s->size = l->disksize;
		s->was_swap = l->swap != NULL;
		/* after a reset: no algorithm is chosen, write it again */
		return add_configure_steps(p, d, l->dev, l->algs, NULL, l->swap_ops, &l->f);
	}

	if (l->have_mem_limit && l->mem_limit != d->mem_limit) {
		char old[32];

		snprintf(old, sizeof(old), "%llu", (unsigned long long)l->mem_limit);
		add_write_u64(p, d->id, "mem_limit", d->mem_limit, old);
	}
	add_writeback_limit_steps(p, d, l->dev, &l->f);
	if (fs)
		return plan_existing_fs(p, d, l);
	if (l->mount) {
		rc = plan_umount(p, d, l, "the configuration makes it swap");
		if (rc != SETUP_OK)
			return rc;
	}
	if (!l->swap) {
		struct step *s;

		if (!l->mount && (rc = check_holds_nothing_else(p, l->dev, "swap")) != SETUP_OK)
			return rc;
		s = add_step(p, ACT_SWAP_HEADER, d->id);
		s->size = d->size;
		s = add_step(p, ACT_SWAPON, d->id);
		s->priority = d->swap_priority;
		s->swap_flags = discard_flags(d->discard);
	} else if (d->swap_priority >= 0 &&
		   zswapctl_swap_area_get_priority(l->swap) != d->swap_priority) {
		struct step *s;

		snprintf(why, sizeof(why), "swap priority %d -> %d",
			 zswapctl_swap_area_get_priority(l->swap), d->swap_priority);
		rc = check_swapoff_fits(p, name, l->swap, why);
		if (rc != SETUP_OK)
			return rc;
		s = add_step(p, ACT_SWAPOFF, d->id);
		s->priority = zswapctl_swap_area_get_priority(l->swap);
		s = add_step(p, ACT_SWAPON, d->id);
		s->priority = d->swap_priority;
		s->swap_flags = discard_flags(d->discard);
	}
	if (l->swap_ops >= 0 && wanted_swap_ops(d, true) != l->swap_ops)
		add_write(p, d->id, "swap_ops", l->swap_ops ? "off" : "on", l->swap_ops ? "on" : "off");
	return SETUP_OK;
}

static int check_swap_ops_wanted(struct planner *p, const struct config_device *d,
				 int live_swap_ops)
{
	if (d->swap_ops == SWAP_OPS_ON && live_swap_ops < 0 && p->plan->zram_loaded) {
		setup_error(p->s, (int)d->id, "zram%u: swap-ops = on (%s:%d), but the running kernel has no swap_ops "
			  "(it needs the series in kernel/); set swap-ops = auto",
			  d->id, origin_file(d, CONFIG_KEY_SWAP_OPS), d->key_origin[CONFIG_KEY_SWAP_OPS].line);
		return SETUP_UNSUPPORTED;
	}
	return SETUP_OK;
}

static void plan_zswap(struct planner *p, const struct config *cfg)
{
	bool enabled = false;

	if (zswapctl_zswap_get_enabled(p->s->zctx, &enabled) < 0 || !enabled)
		return;
	if (cfg->zswap == ZSWAP_DISABLE)
		add_step(p, ACT_ZSWAP_OFF, 0);
	else
		setup_warn(p->s, -1, "zswap is enabled in front of zram: it keeps compressed pages in its "
			   "own pool, away from zram; set 'zswap = disable' in [zswapctl] to turn it off");
}

/* [system]: a step for each tunable the kernel has and that differs. A
 * kernel without one is a warning, and nothing is written there. */
static void plan_tunables(struct planner *p, const struct config *cfg)
{
	for (int t = 0; t < TUNABLE_MAX; t++) {
		const struct tunable_info *ti = tunable_info((enum tunable)t);
		const struct config_tunable *ct = &cfg->tunables[t];
		_cleanup_free_ char *live = NULL;
		char want[16];
		struct step *s;
		int r;

		if (!ct->set)
			continue;
		tunable_format((enum tunable)t, ct->value, want, sizeof(want));
		r = tunable_read(p->s, (enum tunable)t, &live);
		if (r == -ENOENT) {
			setup_warn(p->s, -1, "this kernel has no %s: [system] %s is not applied",
				   ti->knob, ti->key);
			continue;
		}
		if (r < 0) {
			setup_warn(p->s, -1, "cannot read %s: %s; [system] %s is not applied",
				   ti->knob, strerror(-r), ti->key);
			continue;
		}
		if (tunable_matches((enum tunable)t, live, want))
			continue;
		s = add_step(p, ACT_TUNABLE, 0);
		snprintf(s->attr, sizeof(s->attr), "%s", ti->key);
		s->value = strdup_or_null(p, want);
		s->old_value = strdup_or_null(p, live);
	}
}

/* zram-generator's rules: a size of 0, or more memory than the host
 * memory limit, means no device; a device that exists is left alone. */
static void add_skip(struct planner *p, const struct config_device *d)
{
	struct plan_skip *grown = realloc(p->plan->skipped,
					  (p->plan->nskipped + 1) * sizeof(*grown));
	char ram[32], limit[32];

	if (!grown) {
		p->oom = true;
		return;
	}
	p->plan->skipped = grown;
	grown[p->plan->nskipped].dev_id = d->id;
	grown[p->plan->nskipped++].why = d->skip;
	if (d->skip == CONFIG_SKIP_HOST_MEMORY) {
		setup_format_size(ram, sizeof(ram), p->cfg_ram);
		setup_format_size(limit, sizeof(limit), d->host_memory_limit);
		setup_report(p->s, SETUP_INFO, NULL, 0, (int)d->id, "zram%u: no device: MemTotal "
			     "(%s) is above host-memory-limit = %s (%s)", d->id, ram,
			     d->host_memory_limit_expr, limit);
	} else {
		setup_report(p->s, SETUP_INFO, NULL, 0, (int)d->id, "zram%u: no device: size = %s "
			     "is 0", d->id, d->size_expr);
	}
}

static bool selected(const struct plan_options *opts, unsigned int id)
{
	unsigned int named;

	if (opts->nonly == 0)
		return true;
	for (int i = 0; i < opts->nonly; i++)
		if (zswapctl_parse_dev_name(opts->only[i], &named) == 0 && named == id)
			return true;
	return false;
}

/* ---- device numbers ---------------------------------------------------- */

static bool id_set_has(const struct id_set *set, unsigned int id)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->ids[i] == id)
			return true;
	return false;
}

static int id_set_add(struct id_set *set, unsigned int id)
{
	unsigned int *bigger;

	if (id_set_has(set, id))
		return 0;
	bigger = realloc(set->ids, (set->n + 1) * sizeof(*bigger));
	if (!bigger)
		return -ENOMEM;
	set->ids = bigger;
	set->ids[set->n++] = id;
	return 0;
}

/* What hot_add gives next: the lowest free number (the kernel's idr). */
static unsigned int id_set_next(const struct id_set *set)
{
	unsigned int id = 0;

	while (id_set_has(set, id))
		id++;
	return id;
}

/* The zram devices there are; none when zram is not loaded. */
static int id_set_live(const struct setup_ctx *s, struct id_set *set)
{
	struct zswapctl_dev_list *devs;
	const struct zswapctl_dev *dev;
	int r = 0;

	memset(set, 0, sizeof(*set));
	if (zswapctl_control_present(s->zctx) < 0 || zswapctl_dev_list_new(s->zctx, &devs) < 0)
		return 0;
	zswapctl_dev_list_foreach(devs, dev)
		if (r == 0)
			r = id_set_add(set, zswapctl_dev_get_id(dev));
	zswapctl_dev_list_unref(devs);
	return r;
}

/*
 * A device that does not exist yet is made by hot_add (or by loading zram
 * with num_devices, which makes 0..N-1), and hot_add takes the lowest free
 * number: a number past a gap cannot be had. Refused here, with the
 * section's line, rather than by the kernel halfway through the run.
 */
static int check_id_reachable(const struct setup_ctx *s, const struct id_set *ids,
			      const struct config_device *d)
{
	unsigned int next;

	if (id_set_has(ids, d->id))
		return SETUP_OK;
	next = id_set_next(ids);
	if (next == d->id)
		return SETUP_OK;
	setup_report(s, SETUP_ERROR, d->origin.file ? d->origin.file : "embedded default",
		     d->origin.line, (int)d->id,
		     "[zram%u]: zram%u does not exist, and a new device gets the lowest free number, "
		     "zram%u; name the section [zram%u], or configure the devices between them too",
		     d->id, d->id, next, next);
	return SETUP_INVALID;
}

/* id_set_live(), SETUP_FAILED after saying so when out of memory. */
static int live_ids(const struct setup_ctx *s, struct id_set *ids)
{
	if (id_set_live(s, ids) == 0)
		return SETUP_OK;
	free(ids->ids);
	setup_error(s, -1, "out of memory");
	return SETUP_FAILED;
}

int plan_check_ids(const struct setup_ctx *s, const struct config *cfg)
{
	struct id_set ids;
	int rc = SETUP_OK;

	if (live_ids(s, &ids) != SETUP_OK)
		return SETUP_FAILED;
	for (size_t i = 0; i < cfg->ndevices; i++) {
		if (cfg->devices[i].skip != CONFIG_SKIP_NONE)
			continue; /* no device: no number taken */
		if (check_id_reachable(s, &ids, &cfg->devices[i]) != SETUP_OK)
			rc = SETUP_INVALID;
		else if (id_set_add(&ids, cfg->devices[i].id) < 0)
			rc = SETUP_FAILED;
	}
	free(ids.ids);
	return rc;
}

int plan_find_free(const struct setup_ctx *s, unsigned int *id, bool *exists)
{
	struct id_set ids;
	int rc = SETUP_OK;

	*exists = false;
	if (live_ids(s, &ids) != SETUP_OK)
		return SETUP_FAILED;
	/* id_set_live() lists them in /sys/block order: look at each number */
	for (unsigned int want = 0, seen = 0; seen < ids.n; want++) {
		struct zswapctl_dev *dev = NULL;
		uint64_t disksize;
		char name[32];
		int r;

		if (!id_set_has(&ids, want))
			continue;
		seen++;
		snprintf(name, sizeof(name), "zram%u", want);
		r = zswapctl_dev_new(s->zctx, name, &dev);
		if (r == -ENODEV) /* removed meanwhile */
			continue;
		if (r == 0)
			r = zswapctl_dev_read_u64(dev, "disksize", &disksize);
		zswapctl_dev_unref(dev);
		if (r < 0) {
			setup_error(s, (int)want, "%s/disksize: %s", name,
				    setup_errno_advice(-r, "disksize"));
			rc = SETUP_FAILED;
			break;
		}
		if (disksize == 0 && import_zram_generator_owns(s, want) != 1) {
			*id = want;
			*exists = true;
			break;
		}
	}
	if (rc == SETUP_OK && !*exists)
		*id = id_set_next(&ids);
	free(ids.ids);
	return rc;
}

/* ---- the plan ---------------------------------------------------------- */

/* The running kernel is older than MAJOR.MINOR (false when unknown). */
static bool kernel_before(const struct setup_ctx *s, unsigned int major, unsigned int minor)
{
	unsigned int ma, mi;
	char *release = NULL;
	bool before = false;

	if (zswapctl_kernel_release(s->zctx, &release) == 0 &&
	    sscanf(release, "%u.%u", &ma, &mi) == 2)
		before = ma < major || (ma == major && mi < minor);
	free(release);
	return before;
}

/* One device's steps; SETUP_OK, or the status it fails with (reported). */
static int plan_device(struct planner *p, const struct config_device *d)
{
	struct live l;
	int r, rc;

	/* Two tools configuring one device undo each other at every boot. */
	if (import_zram_generator_owns(p->s, d->id) == 1) {
		setup_error(p->s, (int)d->id, "zram%u belongs to zram-generator "
			    "(systemd-zram-setup@zram%u.service was generated for it): not touching "
			    "it; remove [zram%u] from zram-generator's configuration ('zswapctl config "
			    "import' prints the zswapctl equivalent) and reboot, or configure "
			    "another device", d->id, d->id, d->id);
		return SETUP_FAILED;
	}
	rc = check_id_reachable(p->s, &p->ids, d);
	if (rc != SETUP_OK)
		return rc;
	if (!p->plan->zram_loaded) {
		rc = decide_backing(p, d, &all_features);
		if (rc != SETUP_OK)
			return rc;
		return add_configure_steps(p, d, NULL, NULL, NULL, -1, &all_features);
	}
	r = live_read(p, d->id, &l);
	if (r == -ENODEV) {
		add_step(p, ACT_HOT_ADD, d->id);
		rc = check_swap_ops_wanted(p, d, p->any_swap_ops);
		if (rc == SETUP_OK)
			rc = decide_backing(p, d, &p->any_features);
		/* Same algorithms as its siblings, but not their choice. */
		if (rc == SETUP_OK)
			rc = add_configure_steps(p, d, NULL, p->any_algs, NULL, p->any_swap_ops,
						 &p->any_features);
		return rc;
	}
	if (r < 0)
		rc = SETUP_FAILED;
	else
		rc = check_swap_ops_wanted(p, d, l.swap_ops);
	if (rc == SETUP_OK)
		rc = decide_backing(p, d, &l.f);
	if (rc == SETUP_OK)
		rc = plan_existing(p, d, &l);
	live_clear(&l);
	return rc;
}

static void steps_truncate(struct plan *plan, size_t n)
{
	while (plan->nsteps > n) {
		struct step *s = &plan->steps[--plan->nsteps];

		free(s->value);
		free(s->old_value);
		free(s->options);
	}
}

/* What a new device will have: the attributes of an existing one. */
static int read_siblings(struct planner *p)
{
	struct zswapctl_dev_list *devs;
	const struct zswapctl_dev *first;
	bool on;

	p->any_swap_ops = -1;
	if (zswapctl_dev_list_new(p->s->zctx, &devs) < 0)
		return 0;
	first = zswapctl_dev_list_get_first(devs);
	if (first) {
		p->any_features.writeback = zswapctl_dev_has_attr(first, "backing_dev") == 0;
		p->any_features.recompress = zswapctl_dev_has_attr(first, "recomp_algorithm") == 0;
		p->any_features.params = zswapctl_dev_has_attr(first, "algorithm_params") == 0;
		p->any_features.streams = p->old_streams &&
					  zswapctl_dev_has_attr(first, "max_comp_streams") == 0;
		zswapctl_dev_read_algorithms(first, &p->any_algs);
		/* The switch defaults to on in a new device. */
		if (zswapctl_dev_get_swap_ops(first, &on) == 0)
			p->any_swap_ops = 1;
	}
	zswapctl_dev_list_unref(devs);
	return 0;
}

static int keep_backing(struct planner *p)
{
	const struct config_device **grown = realloc(p->backed, (p->nbacked + 1) * sizeof(*grown));

	if (!grown)
		return -ENOMEM;
	p->backed = grown;
	p->backed[p->nbacked++] = p->backing_in_hand;
	return 0;
}

/*
 * A new device that cannot be set up must still take its number when a
 * later configured new device needs the one after it: hot_add takes the
 * lowest free number, so without it every new device above would fail too
 * (one bad [zram1] would cost [zram2] its swap). It is made empty, recorded
 * as setup's like any device it makes, and teardown removes it. Not needed
 * when the module is loaded here: num_devices makes every number at once.
 */
static void reserve_failed_number(struct planner *p, const struct config *cfg, size_t failed)
{
	const struct config_device *d = &cfg->devices[failed];
	bool needed = false;

	if (!p->plan->zram_loaded || id_set_has(&p->ids, d->id) || id_set_next(&p->ids) != d->id)
		return;
	for (size_t k = failed + 1; k < cfg->ndevices && !needed; k++) {
		const struct config_device *e = &cfg->devices[k];

		needed = selected(p->opts, e->id) && e->skip == CONFIG_SKIP_NONE &&
			 e->id > d->id && !id_set_has(&p->ids, e->id);
	}
	if (!needed)
		return;
	add_step(p, ACT_HOT_ADD, d->id);
	if (id_set_add(&p->ids, d->id) < 0)
		p->oom = true;
	setup_warn(p->s, (int)d->id, "zram%u is made all the same, empty and not swap, so that the "
		   "devices configured after it get their numbers (hot_add takes the lowest free "
		   "one); teardown removes it", d->id);
}

int plan_compute(const struct setup_ctx *s, const struct config *cfg,
		 const struct plan_options *opts, struct plan *plan)
{
	struct recorder rec;
	struct planner p = { .opts = opts, .plan = plan, .cfg_ram = cfg->ram };
	bool load = false;
	unsigned int max_id = 0;
	int rc = SETUP_OK;

	memset(plan, 0, sizeof(*plan));
	recorder_init(&rec, s, plan);
	p.s = &rec.ctx;
	p.old_streams = kernel_before(s, 4, 7);
	plan->zram_loaded = zswapctl_control_present(s->zctx) == 0;
	if (!plan->zram_loaded) {
		/* num_devices creates zram0..N-1 at load time: no hot_add races. */
		add_step(&p, ACT_LOAD_MODULE, 0);
		load = true;
	} else {
		int r = zswapctl_swap_list_new(s->zctx, &p.swaps);

		if (r < 0 && r != -ENOENT) {
			setup_error(s, -1, "/proc/swaps: %s", strerror(-r));
			rc = SETUP_FAILED;
			goto out;
		}
		read_siblings(&p);
	}
	if (id_set_live(s, &p.ids) < 0)
		p.oom = true;

	for (size_t i = 0; i < cfg->ndevices; i++) {
		const struct config_device *d = &cfg->devices[i];
		size_t mark = plan->nsteps;
		int r;

		if (!selected(opts, d->id))
			continue;
		if (d->skip != CONFIG_SKIP_NONE) {
			add_skip(&p, d);
			continue;
		}
		plan->ndevices++;
		recorder_begin(&rec);
		p.backing_in_hand = NULL;
		r = plan_device(&p, d);
		if (r == SETUP_OK) {
			if (id_set_add(&p.ids, d->id) < 0)
				p.oom = true;
			if (p.backing_in_hand && keep_backing(&p) < 0)
				p.oom = true;
			if (d->id > max_id)
				max_id = d->id;
			continue;
		}
		steps_truncate(plan, mark);
		recorder_fail(&rec, (int)d->id, r);
		reserve_failed_number(&p, cfg, i);
	}
	/* The first step (a realloc may have moved it), unless out of memory. */
	if (load && plan->nsteps && plan->steps[0].action == ACT_LOAD_MODULE) {
		char opt[32];

		snprintf(opt, sizeof(opt), "num_devices=%u", max_id + 1);
		plan->steps[0].value = strdup_or_null(&p, opt);
	}
	plan_zswap(&p, cfg);
	plan_tunables(&p, cfg);
	if (p.oom || rec.oom) {
		setup_error(s, -1, "out of memory");
		rc = SETUP_FAILED;
	}
out:
	free(p.scratch.value);
	free(p.scratch.old_value);
	free(p.scratch.options);
	free(p.ids.ids);
	free(p.backed);
	zswapctl_swap_list_unref(p.swaps);
	zswapctl_algorithms_unref(p.any_algs);
	recorder_done(&rec);
	if (rc != SETUP_OK) {
		plan_free(plan);
		return rc;
	}
	return plan_status(plan);
}

void plan_free(struct plan *plan)
{
	for (size_t i = 0; i < plan->nsteps; i++) {
		free(plan->steps[i].value);
		free(plan->steps[i].old_value);
		free(plan->steps[i].options);
	}
	free(plan->steps);
	free(plan->skipped);
	plan_notes_free(plan);
	memset(plan, 0, sizeof(*plan));
}
