// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every setup action, and at the end the table of them. An action is a row:
 * its name, what it needs, its text and JSON, how it is done and undone and
 * how its failure is explained (see README).
 */
#include <errno.h>
#include <json-c/json.h>
#include <string.h>
#include <sys/swap.h>

#include "actions.h"
#include "dlopen.h"
#include "state.h"
#include "tunables.h"
#include "util.h"

/* ---- load-module: load zram with options ---------------------------- */

static void load_module_describe(const struct step *s, char *buf, size_t len)
{
	snprintf(buf, len, "load module zram %s", s->value ? s->value : "");
}

static void load_module_json(const struct step *s, struct json_object *o)
{
	json_object_object_add(o, "options", json_object_new_string(s->value ? s->value : ""));
}

static int load_module_run(struct runner *rn, const struct step *s,
			   struct zswapctl_dev *dev, struct step_result *res)
{
	bool builtin = false;

	(void)dev;
	(void)res;
	return zswapctl_module_load(rn->s->zctx, "zram", s->value, &builtin);
}

static void load_module_failed(const struct setup_ctx *ctx, const struct step *s,
			       const char *what, int r)
{
	(void)s;
	(void)what;
	if (r == -ENOPKG)
		setup_error(ctx, -1, "cannot load the zram module: %s; install it, or load zram "
			    "with modprobe", dl_missing(DL_LIBKMOD));
	else
		setup_error(ctx, -1, "cannot load the zram module: %s; is zram available for this "
			    "kernel (CONFIG_ZRAM)?", strerror(-r));
}

/* ---- hot-add: a new device through zram-control ---------------------- */

static int hot_add_run(struct runner *rn, const struct step *s,
		       struct zswapctl_dev *dev, struct step_result *res)
{
	struct zswapctl_dev *added;
	int r;

	(void)dev;
	(void)res;
	/* Recorded before the device exists: reading hot_add creates it, and
	 * a setup killed before it could write the record afterwards would
	 * leave a device nothing knows it made. A record without its device
	 * is dropped by the next setup or teardown. */
	state_forget_device(rn->s, s->dev_id); /* what an earlier zramN left */
	r = state_put(rn->s, s->dev_id, STATE_CREATED, NULL);
	if (r < 0)
		return r;
	r = zswapctl_dev_hot_add(rn->s->zctx, &added);
	if (r < 0) {
		state_drop(rn->s, s->dev_id, STATE_CREATED);
		return r;
	}
	if (zswapctl_dev_get_id(added) != s->dev_id) {
		/* hot_add takes the lowest free number; a gap in the
		 * numbering cannot be filled on purpose. */
		setup_error(rn->s, (int)s->dev_id,
			    "hot_add created %s, not zram%u: configure devices in order "
			    "without gaps", zswapctl_dev_get_name(added), s->dev_id);
		zswapctl_dev_hot_remove(added);
		zswapctl_dev_unref(added);
		state_drop(rn->s, s->dev_id, STATE_CREATED);
		return -ENXIO;
	}
	zswapctl_dev_unref(added);
	return 0;
}

static int hot_add_undo(struct runner *rn, const struct step *s,
			struct zswapctl_dev *dev, const struct step_result *res)
{
	int r;

	(void)res;
	runner_unlock_device(rn);
	dev = runner_dev(rn, s->dev_id);
	r = dev ? zswapctl_dev_hot_remove(dev) : -ENODEV;
	if (r == 0)
		state_drop(rn->s, s->dev_id, STATE_CREATED);
	return r;
}

/* ---- swapoff and swapon ---------------------------------------------- */

static int swapoff_run(struct runner *rn, const struct step *s,
		       struct zswapctl_dev *dev, struct step_result *res)
{
	(void)rn;
	(void)s;
	(void)res;
	return zswapctl_dev_swapoff(dev);
}

static int swapoff_undo(struct runner *rn, const struct step *s,
			struct zswapctl_dev *dev, const struct step_result *res)
{
	(void)rn;
	(void)res;
	return zswapctl_dev_swapon(dev, s->priority, 0);
}

/* The discard key's word for the flags: yes, once, pages; NULL: none. */
static const char *discard_policy(unsigned int flags)
{
	if (!(flags & SWAP_FLAG_DISCARD))
		return NULL;
	if (flags & SWAP_FLAG_DISCARD_ONCE)
		return "once";
	if (flags & SWAP_FLAG_DISCARD_PAGES)
		return "pages";
	return "yes";
}

static void swapon_describe(const struct step *s, char *buf, size_t len)
{
	const char *policy = discard_policy(s->swap_flags);

	snprintf(buf, len, "zram%u: swapon, priority %d%s%s", s->dev_id, s->priority,
		 policy ? ", discard" : "",
		 policy && strcmp(policy, "yes") ? (!strcmp(policy, "once") ? "=once" : "=pages") : "");
}

static void swapon_json(const struct step *s, struct json_object *o)
{
	const char *policy = discard_policy(s->swap_flags);

	json_object_object_add(o, "priority", json_object_new_int(s->priority));
	json_object_object_add(o, "discard", json_object_new_boolean(s->swap_flags != 0));
	json_object_object_add(o, "discard_policy", json_object_new_string(policy ? policy : "no"));
}

static int swapon_run(struct runner *rn, const struct step *s,
		      struct zswapctl_dev *dev, struct step_result *res)
{
	(void)res;
	runner_unlock_device(rn);
	return zswapctl_dev_swapon(dev, s->priority, s->swap_flags);
}

static int swapon_undo(struct runner *rn, const struct step *s,
		       struct zswapctl_dev *dev, const struct step_result *res)
{
	(void)rn;
	(void)s;
	(void)res;
	return zswapctl_dev_swapoff(dev);
}

static void swapon_failed(const struct setup_ctx *ctx, const struct step *s,
			  const char *what, int r)
{
	setup_error(ctx, (int)s->dev_id, "%s failed: %s%s", what, strerror(-r),
		    r == -EINVAL ? " (the swap header was not accepted)" : "");
}

/* ---- reset ----------------------------------------------------------- */

static int reset_run(struct runner *rn, const struct step *s,
		     struct zswapctl_dev *dev, struct step_result *res)
{
	int r;

	(void)res;
	runner_unlock_device(rn);
	r = zswapctl_dev_reset(dev);
	if (r == 0) /* what was written is gone with the reset */
		state_drop(rn->s, s->dev_id, STATE_WRITTEN);
	return r;
}

/* Configure it as it was; the old contents are gone either way (only
 * --force resets a device that held swap). */
static int reset_undo(struct runner *rn, const struct step *s,
		      struct zswapctl_dev *dev, const struct step_result *res)
{
	char size[32];
	int r;

	(void)rn;
	(void)res;
	if (s->old_value)
		runner_write(dev, "comp_algorithm", s->old_value);
	if (!s->size)
		return 0;
	snprintf(size, sizeof(size), "%llu", (unsigned long long)s->size);
	r = runner_write(dev, "disksize", size);
	/* The swapoff undone next needs a swap area to swap on. */
	if (r == 0 && s->was_swap)
		r = zswapctl_dev_write_swap_header(dev, s->size, NULL, NULL);
	return r;
}

/* ---- write: one attribute -------------------------------------------- */

static void write_describe(const struct step *s, char *buf, size_t len)
{
	/* No value: the device the step before makes, a loop device or a
	 * dm-crypt mapping (of the disk, or of the loop device). */
	snprintf(buf, len, "zram%u: %s = %s", s->dev_id, s->attr,
		 s->value ? s->value : "(the device made by the step above)");
}

static void write_json(const struct step *s, struct json_object *o)
{
	json_object_object_add(o, "attribute", json_object_new_string(s->attr));
	json_object_object_add(o, "value", s->value ? json_object_new_string(s->value) : NULL);
}

static int write_run(struct runner *rn, const struct step *s,
		     struct zswapctl_dev *dev, struct step_result *res)
{
	(void)res;
	runner_lock_device(rn, dev);
	/* teardown gives a device it did not create its algorithm back */
	if (!strcmp(s->attr, "comp_algorithm") && s->old_value &&
	    !state_has(rn->s, s->dev_id, STATE_CREATED))
		state_mark_algorithm(rn->s, s->dev_id, s->old_value);
	if (!s->value) /* backing_dev: the loop device attached just before */
		return rn->loopdev ? runner_write(dev, s->attr, rn->loopdev) : -EINVAL;
	return runner_write(dev, s->attr, s->value);
}

static int write_undo(struct runner *rn, const struct step *s,
		      struct zswapctl_dev *dev, const struct step_result *res)
{
	(void)res;
	if (!strcmp(s->attr, "disksize")) {
		runner_unlock_device(rn);
		return zswapctl_dev_reset(dev);
	}
	return s->old_value ? runner_write(dev, s->attr, s->old_value) : 0;
}

static void write_failed(const struct setup_ctx *ctx, const struct step *s,
			 const char *what, int r)
{
	(void)what;
	if (!s->value) { /* backing_dev: what the step before made */
		setup_error(ctx, (int)s->dev_id,
			    "zram%u/%s: cannot attach the loop device or dm-crypt mapping "
			    "made just before: %s; %s", s->dev_id, s->attr, strerror(-r),
			    setup_errno_advice(-r, s->attr));
		return;
	}
	setup_error(ctx, (int)s->dev_id, "zram%u/%s: cannot write '%s': %s; %s", s->dev_id,
		    s->attr, s->value, strerror(-r), setup_errno_advice(-r, s->attr));
}

/* ---- swap-header ----------------------------------------------------- */

static void swap_header_describe(const struct step *s, char *buf, size_t len)
{
	char size[32];

	setup_format_size(size, sizeof(size), s->size);
	snprintf(buf, len, "zram%u: write swap header (%s)", s->dev_id, size);
}

static void size_json(const struct step *s, struct json_object *o)
{
	json_object_object_add(o, "size", json_object_new_uint64(s->size));
}

static int swap_header_run(struct runner *rn, const struct step *s,
			   struct zswapctl_dev *dev, struct step_result *res)
{
	(void)res;
	/* Our own lock fd would make the O_EXCL open fail. */
	runner_unlock_device(rn);
	return zswapctl_dev_write_swap_header(dev, s->size, NULL, NULL);
}

/* ---- zswap-off ------------------------------------------------------- */

static void zswap_off_describe(const struct step *s, char *buf, size_t len)
{
	(void)s;
	snprintf(buf, len, "disable zswap (/sys/module/zswap/parameters/enabled = N)");
}

static int zswap_off_run(struct runner *rn, const struct step *s,
			 struct zswapctl_dev *dev, struct step_result *res)
{
	(void)s;
	(void)dev;
	(void)res;
	return zswapctl_zswap_set_enabled(rn->s->zctx, false);
}

static int zswap_off_undo(struct runner *rn, const struct step *s,
			  struct zswapctl_dev *dev, const struct step_result *res)
{
	(void)s;
	(void)dev;
	(void)res;
	return zswapctl_zswap_set_enabled(rn->s->zctx, true);
}

/* ---- backing-file and loop-attach: file:PATH:SIZE backing ------------- */

static void backing_file_describe(const struct step *s, char *buf, size_t len)
{
	char size[32];

	setup_format_size(size, sizeof(size), s->size);
	snprintf(buf, len, "zram%u: backing file %s (%s)", s->dev_id, s->value, size);
}

static void file_json(const struct step *s, struct json_object *o)
{
	json_object_object_add(o, "file", json_object_new_string(s->value));
}

static void backing_file_json(const struct step *s, struct json_object *o)
{
	file_json(s, o);
	size_json(s, o);
}

static int backing_file_run(struct runner *rn, const struct step *s,
			    struct zswapctl_dev *dev, struct step_result *res)
{
	(void)dev;
	return zswapctl_backing_file_create(rn->s->zctx, s->value, s->size,
					    s->force ? ZSWAPCTL_BACKING_FILE_REUSE : 0, &res->created);
}

static int backing_file_undo(struct runner *rn, const struct step *s,
			     struct zswapctl_dev *dev, const struct step_result *res)
{
	(void)dev;
	return res->created ? zswapctl_backing_file_remove(rn->s->zctx, s->value) : 0;
}

static void backing_file_failed(const struct setup_ctx *ctx, const struct step *s,
				const char *what, int r)
{
	setup_error(ctx, (int)s->dev_id, "%s: %s", what,
		    r == -EEXIST ? "the file exists and was not created by zswapctl; "
				   "choose another path, remove it, or use --force to take it over" :
		    r == -EPERM  ? "a directory on the way can be written by a user other "
				   "than root; use a directory only root may write "
				   "(such as /var/lib/zswapctl, mode 0700)" :
		    r == -EFBIG  ? "zswapctl made this file with another size; remove it "
				   "or give its size" :
		    r == -ELOOP  ? "the path is a symbolic link; give the real path" :
				   strerror(-r));
}

static void loop_attach_describe(const struct step *s, char *buf, size_t len)
{
	snprintf(buf, len, "zram%u: attach a loop device to %s", s->dev_id, s->value);
}

static int loop_attach_run(struct runner *rn, const struct step *s,
			   struct zswapctl_dev *dev, struct step_result *res)
{
	int r;

	(void)dev;
	r = zswapctl_loop_attach(rn->s->zctx, s->value, &res->loopdev, &res->loop_fd);
	if (r < 0)
		return r;
	rn->loopdev = res->loopdev;
	state_put(rn->s, s->dev_id, STATE_LOOP, res->loopdev);
	return 0;
}

static int loop_attach_undo(struct runner *rn, const struct step *s,
			    struct zswapctl_dev *dev, const struct step_result *res)
{
	(void)s;
	(void)dev;
	return res->loopdev ? zswapctl_loop_detach(rn->s->zctx, res->loopdev) : 0;
}

/* ---- remember: the write-only settings, in the journal ---------------- */

static void remember_describe(const struct step *s, char *buf, size_t len)
{
	snprintf(buf, len, "zram%u: remember write-only settings: %s", s->dev_id,
		 s->value && *s->value ? s->value : "none");
}

static void remember_json(const struct step *s, struct json_object *o)
{
	json_object_object_add(o, "settings", json_object_new_string(s->value ? s->value : ""));
}

static int remember_run(struct runner *rn, const struct step *s,
			struct zswapctl_dev *dev, struct step_result *res)
{
	(void)dev;
	(void)res;
	return state_put(rn->s, s->dev_id, STATE_WRITTEN, s->value);
}

static int remember_undo(struct runner *rn, const struct step *s,
			 struct zswapctl_dev *dev, const struct step_result *res)
{
	(void)dev;
	(void)res;
	state_drop(rn->s, s->dev_id, STATE_WRITTEN);
	return 0;
}

/* ---- crypt-open: dm-crypt over the backing device ---------------------- */

static void crypt_describe(const struct step *s, char *buf, size_t len)
{
	char name[CRYPT_NAME_SIZE];
	_cleanup_free_ char *node = NULL;

	state_crypt_name(s->dev_id, name);
	node = zswapctl_crypt_get_devnode(name);
	snprintf(buf, len, "zram%u: encrypt %s with dm-crypt (aes-xts-plain64, a random key "
		 "kept only by the kernel) as %s", s->dev_id,
		 s->value ? s->value : "the loop device", node ? node : name);
}

static void crypt_json(const struct step *s, struct json_object *o)
{
	char name[CRYPT_NAME_SIZE];

	state_crypt_name(s->dev_id, name);
	json_object_object_add(o, "below", s->value ? json_object_new_string(s->value) : NULL);
	json_object_object_add(o, "mapping", json_object_new_string(name));
	json_object_object_add(o, "cipher", json_object_new_string("aes-xts-plain64"));
}

/* A setup killed after it wrote backing_dev and before disksize leaves
 * zram holding the mapping, with no data in it (disksize 0): a reset lets
 * go of it, then the leftover can be removed. */
static int release_leftover(struct runner *rn, unsigned int id, const char *name)
{
	struct zswapctl_dev *zdev = runner_dev(rn, id);
	uint64_t disksize;

	if (!zdev || zswapctl_dev_read_u64(zdev, "disksize", &disksize) < 0 || disksize)
		return -EBUSY;
	zswapctl_dev_reset(zdev);
	return zswapctl_crypt_close(rn->s->zctx, name);
}

static int crypt_run(struct runner *rn, const struct step *s, struct zswapctl_dev *dev,
		     struct step_result *res)
{
	const char *below = s->value ? s->value : rn->loopdev;
	char name[CRYPT_NAME_SIZE];
	int r, left;

	(void)dev;
	if (!below)
		return -EINVAL;
	state_crypt_name(s->dev_id, name);
	/* Recorded first: a setup killed after the mapping appeared leaves
	 * one that the next setup or teardown knows to remove. A mapping of
	 * that name no zram holds is such a leftover. */
	r = state_put(rn->s, s->dev_id, STATE_CRYPT, name);
	if (r < 0)
		return r;
	left = zswapctl_crypt_close(rn->s->zctx, name);
	if (left == -EBUSY)
		left = release_leftover(rn, s->dev_id, name);
	r = zswapctl_crypt_open(rn->s->zctx, name, below, &res->mapped);
	if (r < 0) {
		/* A leftover that could not be removed stays recorded, for
		 * teardown to remove. */
		if (left == 0 || left == -ENOENT)
			state_drop(rn->s, s->dev_id, STATE_CRYPT);
		return r;
	}
	rn->loopdev = res->mapped;
	return 0;
}

static int crypt_undo(struct runner *rn, const struct step *s, struct zswapctl_dev *dev,
		      const struct step_result *res)
{
	char name[CRYPT_NAME_SIZE];
	int r;

	(void)dev;
	(void)res;
	state_crypt_name(s->dev_id, name);
	r = zswapctl_crypt_close(rn->s->zctx, name);
	if (r == 0 || r == -ENOENT)
		state_drop(rn->s, s->dev_id, STATE_CRYPT);
	return r == -ENOENT ? 0 : r;
}

static void crypt_failed(const struct setup_ctx *ctx, const struct step *s, const char *what,
			 int r)
{
	setup_error(ctx, (int)s->dev_id, "%s: %s; %s", what,
		    r == -ENOPKG ? dl_missing(DL_LIBCRYPTSETUP) : strerror(-r),
		    r == -ENOPKG ? "install it, or set backing-encryption = no" :
		    "is dm-crypt available (modprobe dm_crypt)? backing-encryption = no "
		    "turns encryption off");
}

/* ---- mkfs, mount, umount: a filesystem instead of swap ---------------- */

/* Options per filesystem for a zram device: blocks of 4 KiB, zram's
 * logical block size (the kernel refuses a smaller one, and busybox's
 * mke2fs picks 1024 for a small device), nothing to discard on it (a fresh
 * device reads as zeros), no blocks reserved for root on scratch space, and no question (setup has decided already: a device holding
 * something else is only overwritten with --force). Busybox's mke2fs takes
 * these as well. Other types: none. */
static const struct {
	const char *fs_type;
	const char *const options[9]; /* NULL-terminated */
} mkfs_options[] = {
	{ "ext2", { "-F", "-q", "-b", "4096", "-m", "0", "-E", "nodiscard" } },
	{ "ext3", { "-F", "-q", "-b", "4096", "-m", "0", "-E", "nodiscard" } },
	{ "ext4", { "-F", "-q", "-b", "4096", "-m", "0", "-E", "nodiscard" } },
	{ "xfs", { "-f", "-q", "-K" } },
	{ "btrfs", { "-f", "-q", "-K" } },
};

/* NULL: no options */
static const char *const *mkfs_options_for(const char *fs_type)
{
	for (size_t i = 0; i < ARRAY_SIZE(mkfs_options); i++)
		if (!strcmp(mkfs_options[i].fs_type, fs_type))
			return mkfs_options[i].options;
	return NULL;
}

static void mkfs_describe(const struct step *s, char *buf, size_t len)
{
	snprintf(buf, len, "zram%u: mkfs.%s", s->dev_id, s->attr);
}

static void fs_type_json(const struct step *s, struct json_object *o)
{
	json_object_object_add(o, "fs_type", json_object_new_string(s->attr));
}

static int mkfs_run(struct runner *rn, const struct step *s, struct zswapctl_dev *dev,
		    struct step_result *res)
{
	(void)res;
	runner_unlock_device(rn); /* mkfs opens the device exclusively */
	return zswapctl_dev_mkfs(dev, s->attr, mkfs_options_for(s->attr));
}

static void mkfs_failed(const struct setup_ctx *ctx, const struct step *s, const char *what,
			int r)
{
	setup_error(ctx, (int)s->dev_id, "%s failed: %s", what,
		    r == -ENOENT ? "there is no mkfs for this type on the system; install it "
				   "(e2fsprogs: ext2, ext3, ext4; xfsprogs; btrfs-progs)" :
		    r == -EIO ? "it exited with an error (its messages are above)" :
				strerror(-r));
}

static void mount_describe(const struct step *s, char *buf, size_t len)
{
	snprintf(buf, len, "zram%u: mount %s on %s%s%s", s->dev_id, s->attr, s->value,
		 s->options && *s->options ? ", options " : "", s->options ? s->options : "");
}

static void mount_json(const struct step *s, struct json_object *o)
{
	fs_type_json(s, o);
	json_object_object_add(o, "mount_point", json_object_new_string(s->value));
	json_object_object_add(o, "options", json_object_new_string(s->options ? s->options : ""));
}

static int mount_run(struct runner *rn, const struct step *s, struct zswapctl_dev *dev,
		     struct step_result *res)
{
	int r;

	(void)res;
	runner_unlock_device(rn);
	r = zswapctl_dev_mount(dev, s->value, s->attr, s->options);
	if (r < 0)
		return r;
	return state_put(rn->s, s->dev_id, STATE_MOUNT, s->value);
}

static int mount_undo(struct runner *rn, const struct step *s, struct zswapctl_dev *dev,
		      const struct step_result *res)
{
	int r;

	(void)dev;
	(void)res;
	r = zswapctl_umount(rn->s->zctx, s->value);
	if (r == 0)
		state_drop(rn->s, s->dev_id, STATE_MOUNT);
	return r;
}

static void mount_failed(const struct setup_ctx *ctx, const struct step *s, const char *what,
			 int r)
{
	setup_error(ctx, (int)s->dev_id, "%s failed: %s; %s", what, strerror(-r),
		    r == -EINVAL ? "the filesystem refused the options, or the kernel lacks "
				   "it; check mount-options and the kernel log" :
		    r == -ENODEV ? "the kernel has no such filesystem (is its module there?)" :
		    r == -ENOPKG ? dl_missing(DL_LIBMOUNT) :
		    r == -ENOTDIR ? "the mount point is not a directory" :
				    "check the mount point and the kernel log");
}

static void umount_describe(const struct step *s, char *buf, size_t len)
{
	snprintf(buf, len, "zram%u: unmount %s (its files are lost)", s->dev_id, s->value);
}

static void mount_point_json(const struct step *s, struct json_object *o)
{
	json_object_object_add(o, "mount_point", json_object_new_string(s->value));
}

static int umount_run(struct runner *rn, const struct step *s, struct zswapctl_dev *dev,
		      struct step_result *res)
{
	int r;

	(void)dev;
	(void)res;
	runner_unlock_device(rn);
	r = zswapctl_umount(rn->s->zctx, s->value);
	if (r == 0)
		state_drop(rn->s, s->dev_id, STATE_MOUNT);
	return r;
}

static void umount_failed(const struct setup_ctx *ctx, const struct step *s, const char *what,
			  int r)
{
	setup_error(ctx, (int)s->dev_id, "%s failed: %s%s", what, strerror(-r),
		    r == -EBUSY ? "; something uses it (fuser -vm MOUNTPOINT): stop it and retry" : "");
}

/* ---- tunable: a [system] knob, remembered for teardown ---------------- */

static void tunable_describe(const struct step *s, char *buf, size_t len)
{
	const struct tunable_info *ti = tunable_info(tunable_find(s->attr));

	snprintf(buf, len, "%s = %s (was %s)", ti ? ti->knob : s->attr, s->value,
		 s->old_value ? s->old_value : "?");
}

static void tunable_json(const struct step *s, struct json_object *o)
{
	const struct tunable_info *ti = tunable_info(tunable_find(s->attr));

	json_object_object_add(o, "key", json_object_new_string(s->attr));
	json_object_object_add(o, "name", json_object_new_string(ti ? ti->knob : s->attr));
	json_object_object_add(o, "value", json_object_new_string(s->value));
	json_object_object_add(o, "old_value",
			       s->old_value ? json_object_new_string(s->old_value) : NULL);
}

/* Recorded before the write, as hot_add is: a setup killed in between
 * leaves a record teardown can act on; a failed write forgets a record it
 * made. */
static int tunable_run(struct runner *rn, const struct step *s, struct zswapctl_dev *dev,
		       struct step_result *res)
{
	enum tunable t = tunable_find(s->attr);
	int r;

	(void)dev;
	if (t == TUNABLE_MAX || !s->old_value)
		return -EINVAL;
	r = state_mark_tunable(rn->s, s->attr, s->old_value, s->value, &res->created);
	if (r < 0)
		return r;
	r = tunable_write(rn->s, t, s->value);
	if (r < 0 && res->created)
		state_forget_tunable(rn->s, s->attr);
	return r;
}

static int tunable_undo(struct runner *rn, const struct step *s, struct zswapctl_dev *dev,
			const struct step_result *res)
{
	int r;

	(void)dev;
	r = tunable_write(rn->s, tunable_find(s->attr), s->old_value);
	if (r == 0 && res->created)
		state_forget_tunable(rn->s, s->attr);
	return r;
}

static void tunable_failed(const struct setup_ctx *ctx, const struct step *s, const char *what,
			   int r)
{
	const struct tunable_info *ti = tunable_info(tunable_find(s->attr));

	(void)what;
	if (r == -EINVAL || r == -ERANGE)
		setup_error(ctx, -1, "%s: cannot write '%s': the kernel refused it, out of this "
			    "kernel's range (swappiness above 100 needs Linux 5.8); change [system] %s",
			    ti ? ti->knob : s->attr, s->value, s->attr);
	else
		setup_error(ctx, -1, "%s: cannot write '%s': %s; %s", ti ? ti->knob : s->attr,
			    s->value, strerror(-r), setup_errno_advice(-r, NULL));
}

/* ---- the table ------------------------------------------------------- */

static const struct action_info actions[ACT_MAX] = {
	[ACT_LOAD_MODULE] = { "load-module", NEEDS_NOTHING, load_module_describe,
			      load_module_json, load_module_run,
			      NULL /* a loaded module is harmless */, load_module_failed },
	[ACT_HOT_ADD] = { "hot-add", NEEDS_ID, NULL, NULL, hot_add_run, hot_add_undo, NULL },
	[ACT_SWAPOFF] = { "swapoff", NEEDS_DEVICE, NULL, NULL, swapoff_run, swapoff_undo, NULL },
	[ACT_RESET] = { "reset", NEEDS_DEVICE, NULL, NULL, reset_run, reset_undo, NULL },
	[ACT_WRITE] = { "write", NEEDS_DEVICE, write_describe, write_json, write_run,
			write_undo, write_failed },
	[ACT_SWAP_HEADER] = { "swap-header", NEEDS_DEVICE, swap_header_describe, size_json,
			      swap_header_run,
			      NULL /* a header on a reset device is harmless */, NULL },
	[ACT_SWAPON] = { "swapon", NEEDS_DEVICE, swapon_describe, swapon_json, swapon_run,
			 swapon_undo, swapon_failed },
	[ACT_ZSWAP_OFF] = { "zswap-off", NEEDS_NOTHING, zswap_off_describe, NULL,
			    zswap_off_run, zswap_off_undo, NULL },
	[ACT_BACKING_FILE] = { "backing-file", NEEDS_ID, backing_file_describe,
			       backing_file_json, backing_file_run, backing_file_undo,
			       backing_file_failed },
	[ACT_LOOP_ATTACH] = { "loop-attach", NEEDS_ID, loop_attach_describe, file_json,
			      loop_attach_run, loop_attach_undo, NULL },
	[ACT_REMEMBER] = { "remember", NEEDS_ID, remember_describe, remember_json,
			   remember_run, remember_undo, NULL },
	[ACT_CRYPT_OPEN] = { "crypt-open", NEEDS_ID, crypt_describe, crypt_json, crypt_run,
			     crypt_undo, crypt_failed },
	[ACT_MKFS] = { "mkfs", NEEDS_DEVICE, mkfs_describe, fs_type_json, mkfs_run,
		       NULL /* the reset of the disksize undone takes it away */, mkfs_failed },
	[ACT_MOUNT] = { "mount", NEEDS_DEVICE, mount_describe, mount_json, mount_run,
			mount_undo, mount_failed },
	[ACT_UMOUNT] = { "umount", NEEDS_DEVICE, umount_describe, mount_point_json, umount_run,
			 NULL /* only before a reset, which loses the files anyway */,
			 umount_failed },
	[ACT_TUNABLE] = { "tunable", NEEDS_NOTHING, tunable_describe, tunable_json,
			  tunable_run, tunable_undo, tunable_failed },
};

const struct action_info *action_info(enum action a)
{
	return (unsigned int)a < ARRAY_SIZE(actions) ? &actions[a] : NULL;
}
