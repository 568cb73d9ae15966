/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libzswapctl: a small library over the zram sysfs interface.
 *
 * Every function that can fail returns 0 or a negative errno. The library
 * never prints and never exits; messages go through the log callback.
 * Every path under /sys, /proc and /dev is resolved against the context's
 * root, so a test can point the library at a copied sysfs tree.
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

typedef void (*zswapctl_log_fn)(struct zswapctl_ctx *ctx, int priority,
				const char *file, int line, const char *fn,
				const char *format, va_list args);

int zswapctl_ctx_new(struct zswapctl_ctx **ctx);
struct zswapctl_ctx *zswapctl_ctx_ref(struct zswapctl_ctx *ctx);
struct zswapctl_ctx *zswapctl_ctx_unref(struct zswapctl_ctx *ctx);

/* Root every /sys, /proc and /dev path is resolved under ("/" by default). */
int zswapctl_ctx_set_root(struct zswapctl_ctx *ctx, const char *root);
const char *zswapctl_ctx_get_root(struct zswapctl_ctx *ctx);

/* priority: syslog levels (LOG_ERR .. LOG_DEBUG). */
void zswapctl_ctx_set_log_fn(struct zswapctl_ctx *ctx, zswapctl_log_fn fn);
void zswapctl_ctx_set_log_priority(struct zswapctl_ctx *ctx, int priority);
void zswapctl_ctx_set_userdata(struct zswapctl_ctx *ctx, void *userdata);
void *zswapctl_ctx_get_userdata(struct zswapctl_ctx *ctx);

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

/* name: "zram0", "/dev/zram0" or "0"; -ENODEV when no such zram device. */
int zswapctl_dev_new(struct zswapctl_ctx *ctx, const char *name,
		     struct zswapctl_dev **dev);
struct zswapctl_dev *zswapctl_dev_ref(struct zswapctl_dev *dev);
struct zswapctl_dev *zswapctl_dev_unref(struct zswapctl_dev *dev);
struct zswapctl_ctx *zswapctl_dev_get_ctx(struct zswapctl_dev *dev);
unsigned int zswapctl_dev_get_id(struct zswapctl_dev *dev);
const char *zswapctl_dev_get_name(struct zswapctl_dev *dev);
/* "/dev/zramN" as the kernel names it (not prefixed with the root). */
const char *zswapctl_dev_get_devnode(struct zswapctl_dev *dev);

/* All zram devices, sorted by id. Free with zswapctl_dev_list_free(). */
int zswapctl_dev_list(struct zswapctl_ctx *ctx, struct zswapctl_dev ***devs,
		      size_t *count);
void zswapctl_dev_list_free(struct zswapctl_dev **devs, size_t count);

/* hot_add a new device; hot_remove and reset an existing one. */
int zswapctl_dev_hot_add(struct zswapctl_ctx *ctx, struct zswapctl_dev **dev);
int zswapctl_dev_hot_remove(struct zswapctl_dev *dev);
int zswapctl_dev_reset(struct zswapctl_dev *dev);

/* Attribute access. -ENOENT: the kernel lacks the attribute. The value is
 * returned without its trailing newline; free() it. */
int zswapctl_dev_has_attr(struct zswapctl_dev *dev, const char *attr);
int zswapctl_dev_read_attr(struct zswapctl_dev *dev, const char *attr,
			   char **value);
int zswapctl_dev_read_u64(struct zswapctl_dev *dev, const char *attr,
			  uint64_t *value);
int zswapctl_dev_write_attr(struct zswapctl_dev *dev, const char *attr,
			    const char *value);

/* Algorithms from comp_algorithm (or recomp_algorithm). */
struct zswapctl_algorithms {
	char **available; /* NULL-terminated */
	size_t count;
	char *selected; /* NULL when none is marked */
};
int zswapctl_dev_read_algorithms(struct zswapctl_dev *dev,
				 struct zswapctl_algorithms **algs);
void zswapctl_algorithms_free(struct zswapctl_algorithms *algs);
int zswapctl_parse_algorithms(const char *text,
			      struct zswapctl_algorithms **algs);

/* backing_dev: path, or NULL when "none"; -ENOENT without writeback. */
int zswapctl_dev_read_backing_dev(struct zswapctl_dev *dev, char **path);

/* swap_ops switch of the bundled kernel series. -ENOTSUP without it. */
int zswapctl_dev_get_swap_ops(struct zswapctl_dev *dev, bool *enabled);
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

/* ---- backing devices -------------------------------------------------- */

/* 0 when nothing uses the block device DEVPATH; -EBUSY with *why ("mounted
 * on /srv", "active swap", "the backing device of zram1"; free it);
 * -ENOTBLK when it is not a block device. */
int zswapctl_block_device_user(struct zswapctl_ctx *ctx, const char *devpath,
			       char **why);
/* Creates FILE of SIZE bytes for file backing (no symlink followed, marked
 * as ours with an extended attribute), or accepts one that is already ours
 * and of that size; *created tells which. -EEXIST: a file that is not ours;
 * -EFBIG: ours, of another size. */
int zswapctl_backing_file_create(struct zswapctl_ctx *ctx, const char *file,
				 uint64_t size, bool *created);
/* Attaches FILE to a free loop device with direct I/O and autoclear: the
 * device goes away when its last user closes it, so *loop_fd is an open fd
 * to close once zram (backing_dev) has opened the device, or after a
 * failure. */
int zswapctl_loop_attach(struct zswapctl_ctx *ctx, const char *file,
			 char **loopdev, int *loop_fd);
int zswapctl_loop_detach(struct zswapctl_ctx *ctx, const char *loopdev);

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

struct zswapctl_field_info {
	const char *name;
	enum zswapctl_unit unit;
	bool monotonic; /* a counter, as opposed to a gauge */
	const char *help;
};

/* Static description of a group: its key ("mm"), file and fields. */
const char *zswapctl_group_key(enum zswapctl_group group);
const char *zswapctl_group_file(enum zswapctl_group group);
size_t zswapctl_group_nfields(enum zswapctl_group group);
const struct zswapctl_field_info *
zswapctl_group_field(enum zswapctl_group group, size_t index);

struct zswapctl_counters;

/* Parse a group's file contents; -EINVAL for garbage. */
int zswapctl_counters_parse(enum zswapctl_group group, const char *text,
			    struct zswapctl_counters **counters);
/* Read a device group (-ENOENT: file absent). Use the ctx variant for the
 * system-wide groups VMSTAT and PSI. */
int zswapctl_dev_read_counters(struct zswapctl_dev *dev,
			       enum zswapctl_group group,
			       struct zswapctl_counters **counters);
int zswapctl_read_counters(struct zswapctl_ctx *ctx, enum zswapctl_group group,
			   struct zswapctl_counters **counters);
void zswapctl_counters_free(struct zswapctl_counters *counters);
enum zswapctl_group zswapctl_counters_group(const struct zswapctl_counters *c);
/* 0 and *value, or -ENODATA when the kernel does not print that field. */
int zswapctl_counters_get(const struct zswapctl_counters *c, size_t index,
			  uint64_t *value);
int zswapctl_counters_get_by_name(const struct zswapctl_counters *c,
				  const char *name, uint64_t *value);
/* One field of a device group, read now: e.g. (MM, "compr_data_size"). */
int zswapctl_dev_read_counter(struct zswapctl_dev *dev, enum zswapctl_group group,
			      const char *name, uint64_t *value);

/* ---- swap areas (/proc/swaps) ------------------------------------------ */

struct zswapctl_swap_area {
	char *source; /* as the kernel prints it, e.g. "/dev/zram0" */
	bool is_partition;
	uint64_t size;	/* bytes */
	uint64_t used;	/* bytes */
	int priority;
};

int zswapctl_swaps_read(struct zswapctl_ctx *ctx,
			struct zswapctl_swap_area **areas, size_t *count);
void zswapctl_swaps_free(struct zswapctl_swap_area *areas, size_t count);
/* The area on this device, or NULL. */
const struct zswapctl_swap_area *
zswapctl_swaps_find(const struct zswapctl_swap_area *areas, size_t count,
		    struct zswapctl_dev *dev);

/* ---- measuring swap-ins (zswapctl bench) ------------------------------ */

/* sysctls by their dotted name ("vm.page-cluster"), without the trailing
 * newline; free() the value. Writes read back: -ERANGE when the kernel
 * stored something else. -ENOENT: the kernel lacks the sysctl. */
int zswapctl_sysctl_read(struct zswapctl_ctx *ctx, const char *name,
			 char **value);
int zswapctl_sysctl_write(struct zswapctl_ctx *ctx, const char *name,
			  const char *value);
/* /sys/kernel/mm/transparent_hugepage/ATTR: the bracketed choice ("madvise")
 * or the whole value; free() it. */
int zswapctl_thp_read(struct zswapctl_ctx *ctx, const char *attr,
		      char **value);
/* "model name" of the first CPU in /proc/cpuinfo; -ENODATA without one. */
int zswapctl_cpu_model(struct zswapctl_ctx *ctx, char **model);

/* Memory of the calling process: an anonymous private mapping of NPAGES
 * with MADV_NOHUGEPAGE, pushed to swap with MADV_PAGEOUT, or dropped with
 * MADV_DONTNEED. */
size_t zswapctl_page_size(void);
int zswapctl_mem_map(size_t npages, void **addr);
int zswapctl_mem_unmap(void *addr, size_t npages);
int zswapctl_mem_pageout(void *addr, size_t npages);
int zswapctl_mem_discard(void *addr, size_t npages);

/* /proc/self/pagemap: one 64-bit entry per page. For a swapped-out page the
 * low bits hold the swap type and offset (the page index on the swap
 * device; needs CAP_SYS_ADMIN, else 0). */
#define ZSWAPCTL_PM_PRESENT (1ULL << 63)
#define ZSWAPCTL_PM_SWAPPED (1ULL << 62)
#define ZSWAPCTL_PM_SWAP_TYPE(e) ((unsigned int)((e) & 0x1f))
#define ZSWAPCTL_PM_SWAP_OFFSET(e) (((e) >> 5) & ((1ULL << 50) - 1))
struct zswapctl_pagemap;
int zswapctl_pagemap_new(struct zswapctl_ctx *ctx,
			 struct zswapctl_pagemap **pm);
struct zswapctl_pagemap *zswapctl_pagemap_ref(struct zswapctl_pagemap *pm);
struct zswapctl_pagemap *zswapctl_pagemap_unref(struct zswapctl_pagemap *pm);
int zswapctl_pagemap_read(struct zswapctl_pagemap *pm, const void *addr,
			  size_t npages, uint64_t *entries);

/* Reads one byte at ADDR between two CLOCK_MONOTONIC readings; the faults
 * the calling thread took (getrusage) are read outside that window. */
struct zswapctl_touch {
	uint64_t ns;
	long majflt;
	long minflt;
};
int zswapctl_touch_timed(const void *addr, struct zswapctl_touch *t);

/* Per-task delay accounting (taskstats over generic netlink). -ENOTSUP: the
 * kernel has no taskstats; -ENOSYS: libzswapctl was built without
 * libnl-genl-3. The counts move only while kernel.task_delayacct is 1. */
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
