/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libzswapctl: a small library over the zram sysfs interface.
 *
 * Every function that can fail returns 0 or a negative errno. The library
 * never prints and never exits; messages go through the log callback.
 * Every path under /sys, /proc and /dev is resolved against the context's
 * root, so a test can point the library at a copied sysfs tree.
 *
 * Objects are opaque. Those made by a _new or _read function are reference
 * counted (_ref, _unref); what a getter or an iterator returns is borrowed
 * from the object it came from and lives as long as that object does.
 * libzswapctl(3) documents every function.
 */
#ifndef LIBZSWAPCTL_H
#define LIBZSWAPCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- context ------------------------------------------------------- */

struct zswapctl_ctx;

int zswapctl_ctx_new(struct zswapctl_ctx **ctx);
struct zswapctl_ctx *zswapctl_ctx_ref(struct zswapctl_ctx *ctx);
struct zswapctl_ctx *zswapctl_ctx_unref(struct zswapctl_ctx *ctx);

/* Root every /sys, /proc and /dev path is resolved under ("/" by default). */
int zswapctl_ctx_set_root(struct zswapctl_ctx *ctx, const char *root);
const char *zswapctl_ctx_get_root(const struct zswapctl_ctx *ctx);

/* Messages of PRIORITY (syslog levels, LOG_ERR .. LOG_DEBUG) and more urgent
 * go to LOG_FN; without one (the default) the library is silent. */
void zswapctl_ctx_set_log_fn(struct zswapctl_ctx *ctx,
			     void (*log_fn)(struct zswapctl_ctx *ctx,
					    int priority, const char *file,
					    int line, const char *fn,
					    const char *format, va_list args));
void zswapctl_ctx_set_log_priority(struct zswapctl_ctx *ctx, int priority);
int zswapctl_ctx_get_log_priority(const struct zswapctl_ctx *ctx);
void zswapctl_ctx_set_userdata(struct zswapctl_ctx *ctx, void *userdata);
void *zswapctl_ctx_get_userdata(const struct zswapctl_ctx *ctx);

/* Running kernel release as seen under the root (proc/sys/kernel/osrelease). */
int zswapctl_kernel_release(struct zswapctl_ctx *ctx, char **release);

/* Bytes from /proc/meminfo; either pointer may be NULL. -ENODATA when a
 * wanted line is missing. */
int zswapctl_meminfo(struct zswapctl_ctx *ctx, uint64_t *total,
		     uint64_t *available);

/* 0 when /sys/class/zram-control exists, -ENOENT when zram is absent. */
int zswapctl_control_present(struct zswapctl_ctx *ctx);

/* ---- devices ------------------------------------------------------- */

struct zswapctl_dev;

/* name: "zram0", "/dev/zram0" or "0" (zswapctl_parse_dev_name()); -ENODEV
 * when no such zram device, -EINVAL when the name names none. */
int zswapctl_dev_new(struct zswapctl_ctx *ctx, const char *name,
		     struct zswapctl_dev **dev);
struct zswapctl_dev *zswapctl_dev_ref(struct zswapctl_dev *dev);
struct zswapctl_dev *zswapctl_dev_unref(struct zswapctl_dev *dev);
struct zswapctl_ctx *zswapctl_dev_get_ctx(const struct zswapctl_dev *dev);
unsigned int zswapctl_dev_get_id(const struct zswapctl_dev *dev);
const char *zswapctl_dev_get_name(const struct zswapctl_dev *dev);
/* "/dev/zramN" as the kernel names it (not prefixed with the root). */
const char *zswapctl_dev_get_devnode(const struct zswapctl_dev *dev);

/* The context's zram devices as /sys/block lists them now, sorted by id.
 * The list holds a reference to each device; first/next return them
 * borrowed (zswapctl_dev_ref() one to keep it after the list is gone). */
struct zswapctl_dev_list;
int zswapctl_dev_list_new(struct zswapctl_ctx *ctx,
			  struct zswapctl_dev_list **list);
struct zswapctl_dev_list *zswapctl_dev_list_ref(struct zswapctl_dev_list *list);
struct zswapctl_dev_list *
zswapctl_dev_list_unref(struct zswapctl_dev_list *list);
/* NULL when the list is empty / after the last device. The next device is
 * the one of the next higher id, so DEV may be any device of the context. */
struct zswapctl_dev *
zswapctl_dev_list_get_first(const struct zswapctl_dev_list *list);
struct zswapctl_dev *
zswapctl_dev_list_get_next(const struct zswapctl_dev_list *list,
			   const struct zswapctl_dev *dev);
#define zswapctl_dev_list_foreach(list, dev)                   \
	for ((dev) = zswapctl_dev_list_get_first(list); (dev); \
	     (dev) = zswapctl_dev_list_get_next(list, dev))

/* hot_add a new device; hot_remove and reset an existing one. */
int zswapctl_dev_hot_add(struct zswapctl_ctx *ctx, struct zswapctl_dev **dev);
int zswapctl_dev_hot_remove(struct zswapctl_dev *dev);
int zswapctl_dev_reset(struct zswapctl_dev *dev);

/* Attribute access. -ENOENT: the kernel lacks the attribute. The value is
 * returned without its trailing newline; free() it. */
int zswapctl_dev_has_attr(const struct zswapctl_dev *dev, const char *attr);
int zswapctl_dev_read_attr(const struct zswapctl_dev *dev, const char *attr,
			   char **value);
int zswapctl_dev_read_u64(const struct zswapctl_dev *dev, const char *attr,
			  uint64_t *value);
int zswapctl_dev_write_attr(struct zswapctl_dev *dev, const char *attr,
			    const char *value);

/* The algorithms of comp_algorithm ("lzo [lzo-rle] lz4"), in the kernel's
 * order, and the selected one. Names are borrowed from the object. */
struct zswapctl_algorithms;
int zswapctl_dev_read_algorithms(const struct zswapctl_dev *dev,
				 struct zswapctl_algorithms **algs);
/* -EINVAL: not a list of names with at most one in brackets. */
int zswapctl_algorithms_parse(const char *text,
			      struct zswapctl_algorithms **algs);
struct zswapctl_algorithms *
zswapctl_algorithms_ref(struct zswapctl_algorithms *algs);
struct zswapctl_algorithms *
zswapctl_algorithms_unref(struct zswapctl_algorithms *algs);
/* NULL when none is marked. */
const char *
zswapctl_algorithms_get_selected(const struct zswapctl_algorithms *algs);
bool zswapctl_algorithms_has(const struct zswapctl_algorithms *algs,
			     const char *name);
/* NAME: what the previous call returned. */
const char *
zswapctl_algorithms_get_first(const struct zswapctl_algorithms *algs);
const char *zswapctl_algorithms_get_next(const struct zswapctl_algorithms *algs,
					 const char *name);
#define zswapctl_algorithms_foreach(algs, name)                   \
	for ((name) = zswapctl_algorithms_get_first(algs); (name); \
	     (name) = zswapctl_algorithms_get_next(algs, name))

/* backing_dev: path, or NULL when "none"; -ENOENT without writeback. */
int zswapctl_dev_read_backing_dev(const struct zswapctl_dev *dev, char **path);

/* swap_ops switch of the bundled kernel series. -ENOTSUP without it. */
int zswapctl_dev_get_swap_ops(const struct zswapctl_dev *dev, bool *enabled);
int zswapctl_dev_set_swap_ops(struct zswapctl_dev *dev, bool enabled);

/* ---- swap on a device ------------------------------------------------ */

/* Holds an exclusive BSD lock on the device node (udev does not probe a
 * locked disk); close the fd to release. */
int zswapctl_dev_lock(struct zswapctl_dev *dev, int *fd);
/* Writes a version-1 swap header for SIZE bytes (random UUID, optional
 * label of at most 15 bytes); uuid may be NULL. Opens with O_EXCL, so a
 * device in use is -EBUSY. */
int zswapctl_dev_write_swap_header(struct zswapctl_dev *dev, uint64_t size,
				   const char *label, unsigned char uuid[16]);
/* swapon(2): priority -1 lets the kernel choose; flags: SWAP_FLAG_DISCARD
 * and friends from <sys/swap.h>. */
int zswapctl_dev_swapon(struct zswapctl_dev *dev, int priority,
			unsigned int flags);
int zswapctl_dev_swapoff(struct zswapctl_dev *dev);

/* libblkid's view of DEVPATH (resolved under the root): *type is NULL when
 * no signature is found, else "swap", "ext4", "dos" (a partition table),
 * "ambivalent"... Free it. */
int zswapctl_probe_signature(struct zswapctl_ctx *ctx, const char *devpath,
			     char **type);

/* ---- filesystems on a device ----------------------------------------- */

/* The system's mkfs.TYPE (FSTYPE a word such as "ext4"), looked for in
 * /usr/local/sbin, /usr/local/bin, /usr/sbin, /usr/bin, /sbin and /bin
 * under the root: *path, free it; -ENOENT when there is none, -EINVAL for
 * a FSTYPE that is not a word. */
int zswapctl_mkfs_find(struct zswapctl_ctx *ctx, const char *fstype, char **path);
/* Runs mkfs.TYPE OPTIONS... on the device node (its stdout discarded, its
 * stderr left as it is); -EIO when it fails (the log says how). */
int zswapctl_dev_mkfs(struct zswapctl_dev *dev, const char *fstype,
		      const char *const *options);
/* Where the device is mounted (the first mount in mountinfo), or *target
 * NULL when it is not; free it. */
int zswapctl_dev_get_mount_point(const struct zswapctl_dev *dev, char **target);
/* What is mounted on TARGET (as mountinfo under the root says, the last
 * mount there): *what is "SOURCE (FSTYPE)", or NULL when nothing is; free
 * it. */
int zswapctl_mounted_on(struct zswapctl_ctx *ctx, const char *target, char **what);
/* libmount: mounts the device on TARGET (an absolute path under the root,
 * created 0755 with its parents when missing) with fstab(5) OPTIONS (may
 * be NULL), then applies X-mount.mode=OCTAL from OPTIONS to its root
 * (libmount before 2.39 ignores it); -errno of mount(2) (-EBUSY,
 * -EINVAL...), of libmount or of chmod(2) (then it is unmounted again). */
int zswapctl_dev_mount(struct zswapctl_dev *dev, const char *target, const char *fstype,
		       const char *options);
/* Unmounts TARGET (under the root) with libmount; -EBUSY while in use. */
int zswapctl_umount(struct zswapctl_ctx *ctx, const char *target);

/* ---- backing devices -------------------------------------------------- */

/* 0 when nothing uses the block device DEVPATH; -EBUSY with *why ("mounted
 * on /srv", "active swap", "the backing device of zram1"; free it);
 * -ENOTBLK when it is not a block device. */
int zswapctl_block_device_user(struct zswapctl_ctx *ctx, const char *devpath,
			       char **why);
/* Creates FILE of SIZE bytes for file backing, mode 0600 (no symlink
 * followed on the way, in a directory only root may write, marked as ours
 * with an extended attribute), or accepts one that is already ours and of
 * that size; *created tells which. -EEXIST: a file that is not ours
 * (unless FLAGS has ZSWAPCTL_BACKING_FILE_REUSE: then it is made ours and
 * of SIZE); -EFBIG: ours, of another size; -EPERM: a directory on the way
 * that others may write; -ELOOP: a symbolic link on the way. */
#define ZSWAPCTL_BACKING_FILE_REUSE 1u
int zswapctl_backing_file_create(struct zswapctl_ctx *ctx, const char *file,
				 uint64_t size, unsigned int flags, bool *created);
/* The space on the filesystem FILE goes in: *avail bytes free for
 * unprivileged use (statvfs f_bavail), and *existing, the size of FILE if
 * it is a regular file already (0 if it is not there). */
int zswapctl_backing_file_space(struct zswapctl_ctx *ctx, const char *file,
				uint64_t *avail, uint64_t *existing);
/* Attaches FILE to a free loop device with direct I/O and autoclear: the
 * device goes away when its last user closes it, so *loop_fd is an open fd
 * to close once zram (backing_dev) has opened the device, or after a
 * failure. */
int zswapctl_loop_attach(struct zswapctl_ctx *ctx, const char *file,
			 char **loopdev, int *loop_fd);
int zswapctl_loop_detach(struct zswapctl_ctx *ctx, const char *loopdev);

/* Removes a backing FILE (an undo of zswapctl_backing_file_create). */
int zswapctl_backing_file_remove(struct zswapctl_ctx *ctx, const char *file);
/* The file behind LOOPDEV ("/dev/loop3"); free it. */
int zswapctl_loop_get_backing_file(struct zswapctl_ctx *ctx, const char *loopdev,
				   char **file);
/* 1 when the block device nodes A and B are the same device (a
 * /dev/disk/by-* link and its target), 0 when not, -ENOTBLK when one is
 * not a block device, -errno when one cannot be looked at. */
int zswapctl_block_device_same(struct zswapctl_ctx *ctx, const char *a, const char *b);
/* A plain dm-crypt mapping NAME (aes-xts-plain64, a 512-bit random key
 * that only the kernel keeps) over DEVICE; *mapped is "/dev/mapper/NAME"
 * (free it). Loads libcryptsetup (-ENOPKG without it). */
int zswapctl_crypt_open(struct zswapctl_ctx *ctx, const char *name, const char *device,
			char **mapped);
/* The device node of the mapping NAME, "/dev/mapper/NAME" (free it), as
 * zswapctl_crypt_open() names it; NULL when out of memory. */
char *zswapctl_crypt_get_devnode(const char *name);
/* Removes the mapping NAME: -ENOENT when there is none, -EBUSY in use. */
int zswapctl_crypt_close(struct zswapctl_ctx *ctx, const char *name);
/* 1 when DEVPATH is a dm-crypt mapping (its uuid is libcryptsetup's), 0
 * when not, -errno when it cannot be looked at. */
int zswapctl_block_device_encrypted(struct zswapctl_ctx *ctx, const char *devpath);
/* The device below the device-mapper device DEVPATH ("/dev/loop0"; free
 * it); -ENOENT when DEVPATH is no such device, -ENODATA when it has no
 * device below it. */
int zswapctl_crypt_underlying(struct zswapctl_ctx *ctx, const char *devpath, char **below);

/* ---- the system around zram -------------------------------------------- */

/* zram has one minor per device and MINORBITS is 20. */
#define ZSWAPCTL_DEV_MAX_ID 1048575U
/*
 * The one rule for device names: "zramN", "/dev/zramN" or "N", N decimal
 * from 0 to ZSWAPCTL_DEV_MAX_ID without leading zeros (the kernel's own
 * names). -EINVAL for anything else.
 */
int zswapctl_parse_dev_name(const char *name, unsigned int *id);

/* The absolute PATH under the context's root; free it. */
int zswapctl_ctx_resolve(struct zswapctl_ctx *ctx, const char *path, char **resolved);
/*
 * 1 if a systemd generator wrote the unit or drop-in directory NAME (a plain
 * file name such as "dev-zram0.swap") into /run/systemd/generator{.early,,.late}
 * this boot, 0 if not, -EINVAL for a name with a path.
 */
int zswapctl_systemd_generated(struct zswapctl_ctx *ctx, const char *name);
/* zswap's switch (/sys/module/zswap/parameters/enabled). */
int zswapctl_zswap_get_enabled(struct zswapctl_ctx *ctx, bool *enabled);
int zswapctl_zswap_set_enabled(struct zswapctl_ctx *ctx, bool enabled);
/*
 * *set: the kernel command line turns the boolean switch FLAG on: a word
 * FLAG, or FLAG=1|yes|true|on; FLAG=0|no|false|off turns it off, the last
 * such word wins, and another value is ignored (systemd reads its own
 * switches so).
 */
int zswapctl_kernel_cmdline_has(struct zswapctl_ctx *ctx, const char *flag, bool *set);
/* Waits for and holds the lock of zswapctl runs that change devices
 * (/run/zswapctl.lock); close *fd to release it. */
int zswapctl_run_lock(struct zswapctl_ctx *ctx, int *fd);
/*
 * A journal of small named records under /run/zswapctl (gone at reboot,
 * as the devices are): write replaces (contents may be NULL: an empty
 * record), read gives the first line (-ENOENT: no such record), remove
 * deletes. NAME is a plain file name.
 */
int zswapctl_state_write(struct zswapctl_ctx *ctx, const char *name, const char *contents);
int zswapctl_state_read(struct zswapctl_ctx *ctx, const char *name, char **contents);
int zswapctl_state_remove(struct zswapctl_ctx *ctx, const char *name);

/*
 * State that survives reboots (the maintenance policy's budgets), one small
 * file per NAME in /var/lib/zswapctl under the root, or in the directory
 * set with zswapctl_ctx_set_persist_dir() (an absolute path, not resolved
 * under the root; NULL: the default again). Writes are atomic (a
 * temporary file in the same directory, fsync, rename): a reader sees the
 * old contents or the new, never a mix. Reads give the whole file, at most
 * 64 KiB (-EFBIG), with *len; -ENOENT when there is none; a write of more
 * is -EINVAL. zswapctl_persist_path() gives the file's path in *path, for
 * messages; free it.
 */
int zswapctl_ctx_set_persist_dir(struct zswapctl_ctx *ctx, const char *dir);
int zswapctl_persist_write(struct zswapctl_ctx *ctx, const char *name, const char *contents,
			   size_t len);
int zswapctl_persist_read(struct zswapctl_ctx *ctx, const char *name, char **contents,
			  size_t *len);
int zswapctl_persist_path(struct zswapctl_ctx *ctx, const char *name, char **path);
/* /proc/sys/kernel/random/boot_id: a new value at every boot; free it. */
int zswapctl_boot_id(struct zswapctl_ctx *ctx, char **id);

/* Loads a module (with options) unless it is built in or loaded; *builtin
 * says which. -EOPNOTSUPP under a moved root. */
int zswapctl_module_load(struct zswapctl_ctx *ctx, const char *name,
			 const char *options, bool *builtin);

/* ---- counter groups -------------------------------------------------- */

/*
 * A counter group is one kernel file of whitespace-separated numbers whose
 * meaning is fixed by position. Kernels differ: a field the running kernel
 * does not print is "unknown" (-ENODATA), never 0; a missing file makes the
 * whole group absent.
 */
enum zswapctl_group {
	ZSWAPCTL_GROUP_MM,	 /* /sys/block/zramN/mm_stat */
	ZSWAPCTL_GROUP_IO,	 /* /sys/block/zramN/io_stat */
	ZSWAPCTL_GROUP_BD,	 /* /sys/block/zramN/bd_stat */
	ZSWAPCTL_GROUP_DEBUG,	 /* /sys/block/zramN/debug_stat */
	ZSWAPCTL_GROUP_BLOCK,	 /* /sys/block/zramN/stat */
	ZSWAPCTL_GROUP_SWAP_OPS, /* /sys/block/zramN/swap_ops_stat */
	ZSWAPCTL_GROUP_VMSTAT,	 /* swap lines of /proc/vmstat */
	ZSWAPCTL_GROUP_PSI,	 /* /proc/pressure/memory */
	ZSWAPCTL_GROUP_COUNT
};

enum zswapctl_unit {
	ZSWAPCTL_UNIT_COUNT,   /* events */
	ZSWAPCTL_UNIT_BYTES,
	ZSWAPCTL_UNIT_PAGES,
	ZSWAPCTL_UNIT_SECTORS, /* 512 bytes */
	ZSWAPCTL_UNIT_MS,
	ZSWAPCTL_UNIT_US,
	ZSWAPCTL_UNIT_NS,
	ZSWAPCTL_UNIT_PERCENT_X100, /* psi averages, fixed point */
};

/* Static description of a group: its key ("mm"), file and fields. A
 * field's index is its position in the kernel file and the index
 * zswapctl_counters_get() takes; fields live as long as the program. */
struct zswapctl_field;
const char *zswapctl_group_key(enum zswapctl_group group);
const char *zswapctl_group_file(enum zswapctl_group group);
size_t zswapctl_group_nfields(enum zswapctl_group group);
const struct zswapctl_field *zswapctl_group_field(enum zswapctl_group group,
						  size_t index);
const char *zswapctl_field_get_name(const struct zswapctl_field *field);
enum zswapctl_unit zswapctl_field_get_unit(const struct zswapctl_field *field);
/* A counter (only grows), as opposed to a gauge. */
bool zswapctl_field_is_monotonic(const struct zswapctl_field *field);
/* One line of English, for --help style output and Prometheus HELP. */
const char *zswapctl_field_get_help(const struct zswapctl_field *field);

struct zswapctl_counters;

/* Parse a group's file contents; -EINVAL for garbage. */
int zswapctl_counters_parse(enum zswapctl_group group, const char *text,
			    struct zswapctl_counters **counters);
/* Read a device group (-ENOENT: file absent). Use the ctx variant for the
 * system-wide groups VMSTAT and PSI. */
int zswapctl_dev_read_counters(const struct zswapctl_dev *dev,
			       enum zswapctl_group group,
			       struct zswapctl_counters **counters);
int zswapctl_read_counters(struct zswapctl_ctx *ctx, enum zswapctl_group group,
			   struct zswapctl_counters **counters);
struct zswapctl_counters *zswapctl_counters_ref(struct zswapctl_counters *c);
struct zswapctl_counters *zswapctl_counters_unref(struct zswapctl_counters *c);
enum zswapctl_group
zswapctl_counters_get_group(const struct zswapctl_counters *c);
/* 0 and *value, or -ENODATA when the kernel does not print that field. */
int zswapctl_counters_get(const struct zswapctl_counters *c, size_t index,
			  uint64_t *value);
int zswapctl_counters_get_by_name(const struct zswapctl_counters *c,
				  const char *name, uint64_t *value);
/* One field of a device group, read now: e.g. (MM, "compr_data_size"). */
int zswapctl_dev_read_counter(const struct zswapctl_dev *dev,
			      enum zswapctl_group group,
			      const char *name, uint64_t *value);

/* ---- swap areas (/proc/swaps) ------------------------------------------ */

/* /proc/swaps as read once. The list owns its areas: first/next/find return
 * them borrowed, valid while the list is. */
struct zswapctl_swap_list;
struct zswapctl_swap_area;
int zswapctl_swap_list_new(struct zswapctl_ctx *ctx,
			   struct zswapctl_swap_list **list);
struct zswapctl_swap_list *
zswapctl_swap_list_ref(struct zswapctl_swap_list *list);
struct zswapctl_swap_list *
zswapctl_swap_list_unref(struct zswapctl_swap_list *list);
const struct zswapctl_swap_area *
zswapctl_swap_list_get_first(const struct zswapctl_swap_list *list);
const struct zswapctl_swap_area *
zswapctl_swap_list_get_next(const struct zswapctl_swap_list *list,
			    const struct zswapctl_swap_area *area);
#define zswapctl_swap_list_foreach(list, area)                   \
	for ((area) = zswapctl_swap_list_get_first(list); (area); \
	     (area) = zswapctl_swap_list_get_next(list, area))
/* The area on this device, or NULL. */
const struct zswapctl_swap_area *
zswapctl_swap_list_find_dev(const struct zswapctl_swap_list *list,
			    const struct zswapctl_dev *dev);
/* As the kernel prints it, e.g. "/dev/zram0". */
const char *
zswapctl_swap_area_get_source(const struct zswapctl_swap_area *area);
/* A block device (type "partition"), as opposed to a file. */
bool zswapctl_swap_area_is_partition(const struct zswapctl_swap_area *area);
/* Bytes. */
uint64_t zswapctl_swap_area_get_size(const struct zswapctl_swap_area *area);
uint64_t zswapctl_swap_area_get_used(const struct zswapctl_swap_area *area);
int zswapctl_swap_area_get_priority(const struct zswapctl_swap_area *area);

/* ---- sysctls ------------------------------------------------------------ */

/* sysctls by their dotted name ("vm.page-cluster"), without the trailing
 * newline; free() the value. Writes read back: -ERANGE when the kernel
 * stored something else. -ENOENT: the kernel lacks the sysctl. */
int zswapctl_sysctl_read(struct zswapctl_ctx *ctx, const char *name,
			 char **value);
int zswapctl_sysctl_write(struct zswapctl_ctx *ctx, const char *name,
			  const char *value);
/* MGLRU, the multi-generational LRU (/sys/kernel/mm/lru_gen/enabled): the
 * mask of its enabled components, bit 0 being MGLRU itself. -ENOENT: a
 * kernel without CONFIG_LRU_GEN. Setting ZSWAPCTL_LRU_GEN_ALL turns on
 * every component the kernel has; 0 turns it off. */
#define ZSWAPCTL_LRU_GEN_ALL 0xffffffffu
int zswapctl_lru_gen_get(struct zswapctl_ctx *ctx, unsigned int *mask);
int zswapctl_lru_gen_set(struct zswapctl_ctx *ctx, unsigned int mask);

/* ---- per-task swap-ins -------------------------------------------------- */

/* Per-task delay accounting (taskstats over generic netlink). -ENOTSUP: the
 * kernel has no taskstats; -ENOPKG: libnl-genl-3.so.200, loaded on the
 * first call, is not installed. The counts move only while
 * kernel.task_delayacct is 1. */
struct zswapctl_taskstats;
int zswapctl_taskstats_new(struct zswapctl_ctx *ctx,
			   struct zswapctl_taskstats **ts);
struct zswapctl_taskstats *
zswapctl_taskstats_ref(struct zswapctl_taskstats *ts);
struct zswapctl_taskstats *
zswapctl_taskstats_unref(struct zswapctl_taskstats *ts);
/* Swap-ins of thread PID, or of every thread of process PID with
 * WHOLE_PROCESS; -ESRCH: no such task. */
int zswapctl_taskstats_swapin(struct zswapctl_taskstats *ts, int pid,
			      bool whole_process, uint64_t *count,
			      uint64_t *delay_ns);

#ifdef __cplusplus
}
#endif
#endif
