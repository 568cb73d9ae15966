/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal helpers shared by the library's files; not installed. */
#ifndef LIBZSWAPCTL_PRIVATE_H
#define LIBZSWAPCTL_PRIVATE_H

#include <stdlib.h>
#include <sys/types.h>
#include <syslog.h>
#include <unistd.h>

#include "libzswapctl.h"
#include "util.h"

#define ZSWAPCTL_EXPORT __attribute__((visibility("default")))

/* Largest sysfs/proc file we read in one go; vmstat is the biggest (~10 KiB). */
#define ZSWAPCTL_READ_MAX (256 * 1024)


void zswapctl_log(struct zswapctl_ctx *ctx, int priority, const char *file,
		  int line, const char *fn, const char *format, ...)
	__attribute__((format(printf, 6, 7)));
int zswapctl_log_priority(struct zswapctl_ctx *ctx);

#define zlog_cond(ctx, prio, ...)                                             \
	do {                                                                  \
		if (zswapctl_log_priority(ctx) >= (prio))                     \
			zswapctl_log(ctx, prio, __FILE__, __LINE__, __func__, \
				     __VA_ARGS__);                            \
	} while (0)
#define dbg(ctx, ...) zlog_cond(ctx, LOG_DEBUG, __VA_ARGS__)
#define info(ctx, ...) zlog_cond(ctx, LOG_INFO, __VA_ARGS__)
#define err(ctx, ...) zlog_cond(ctx, LOG_ERR, __VA_ARGS__)

/* "<root>/<path>", path being absolute ("/sys/..."). Caller frees. */
char *zswapctl_root_path(const struct zswapctl_ctx *ctx, const char *rel);
/* The same of a path formatted as printf() does. */
char *zswapctl_path(const struct zswapctl_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The directory of zswapctl_persist_*(): the one set, or /var/lib/zswapctl
 * under the root. Caller frees; NULL: out of memory. */
char *zswapctl_persist_dir(const struct zswapctl_ctx *ctx);
/* statvfs(3) of a resolved PATH, or what a unit test set in its place
 * (zswapctl_ctx_set_statvfs(), not exported). -errno on failure. */
struct statvfs;
int zswapctl_statvfs(const struct zswapctl_ctx *ctx, const char *path, struct statvfs *st);
void zswapctl_ctx_set_statvfs(struct zswapctl_ctx *ctx,
			      int (*fn)(const char *path, struct statvfs *st));

/* Whole file into a NUL-terminated buffer; -errno. */
int zswapctl_read_file(const char *path, char **contents);
/* The first line of a file, without its newline; -errno. */
int zswapctl_read_line(const char *path, char **line);
/* One write() of the whole value, as sysfs wants it; -errno. */
int zswapctl_write_file(const char *path, const char *value);
/* A sysfs attribute (or a copy of one) already open for reading: one
 * read() where the value is shorter than a page, as the kernel shows it
 * whole; -errno. */
int zswapctl_read_attr_fd(int fd, char **contents);
/* zswapctl_write_file() on a file already open for writing. */
int zswapctl_write_fd(int fd, const char *value);
/* Strip trailing whitespace in place. */
void zswapctl_rstrip(char *s);
/* Strict decimal u64 ("  42\n" fine, "4x", "", overflow are -EINVAL/-ERANGE). */
int zswapctl_parse_u64(const char *s, uint64_t *value);
/* zswapctl_read_file() of zswapctl_path(ctx, fmt, ...), or with
 * ZSWAPCTL_READ_LINE zswapctl_read_line() of it; zswapctl_read_root() the
 * same of a path as it is (zswapctl_root_path()). */
#define ZSWAPCTL_READ_LINE 1U
int zswapctl_read_root(const struct zswapctl_ctx *ctx, unsigned int flags, char **contents,
		       const char *rel);
int zswapctl_read_rootf(const struct zswapctl_ctx *ctx, unsigned int flags, char **contents,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The text of /proc/swaps into a list (swaps.c); lines it cannot read are
 * left out; -ENOMEM. */
int zswapctl_swap_list_parse(const char *text, struct zswapctl_swap_list **out);
/* Where the block device DEVNO (or SRCPATH, may be NULL) is mounted
 * according to mountinfo under the root (mount.c): *target, or NULL. */
int zswapctl_devno_mount_target(struct zswapctl_ctx *ctx, dev_t devno, const char *srcpath,
				char **target);
/* zswapctl_meminfo() of the text of /proc/meminfo. */
int zswapctl_meminfo_parse(const char *text, uint64_t *total, uint64_t *available);
/* The device number of the block device at devpath (under the root);
 * -ENOTBLK when it is something else. */
int zswapctl_block_devno(struct zswapctl_ctx *ctx, const char *devpath, dev_t *devno);

#endif
