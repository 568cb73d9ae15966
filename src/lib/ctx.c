// SPDX-License-Identifier: LGPL-2.1-or-later
/* The library context: root directory, logging, reference count. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>
#include <sys/utsname.h>

#include "private.h"

struct zswapctl_ctx {
	int refcount;
	char *root; /* "" for "/", else without trailing slash */
	void (*log_fn)(struct zswapctl_ctx *ctx, int priority, const char *file,
		       int line, const char *fn, const char *format,
		       va_list args);
	int log_priority;
	void *userdata;
	char *persist_dir; /* NULL: /var/lib/zswapctl under the root */
	/* statvfs(3) unless a unit test sets its own (private.h): the free
	 * space of a fixture's filesystem is whatever the test machine has. */
	int (*statvfs_fn)(const char *path, struct statvfs *st);
};

ZSWAPCTL_EXPORT int zswapctl_ctx_new(struct zswapctl_ctx **ctx)
{
	struct zswapctl_ctx *c = calloc(1, sizeof(*c));

	if (!c)
		return -ENOMEM;
	c->refcount = 1;
	c->root = strdup("");
	if (!c->root) {
		free(c);
		return -ENOMEM;
	}
	c->log_priority = LOG_ERR;
	*ctx = c;
	return 0;
}

ZSWAPCTL_EXPORT struct zswapctl_ctx *zswapctl_ctx_ref(struct zswapctl_ctx *ctx)
{
	if (ctx)
		ctx->refcount++;
	return ctx;
}

ZSWAPCTL_EXPORT struct zswapctl_ctx *zswapctl_ctx_unref(struct zswapctl_ctx *ctx)
{
	if (!ctx || --ctx->refcount > 0)
		return NULL;
	free(ctx->root);
	free(ctx->persist_dir);
	free(ctx);
	return NULL;
}

ZSWAPCTL_EXPORT int zswapctl_ctx_set_persist_dir(struct zswapctl_ctx *ctx, const char *dir)
{
	char *copy = NULL;

	if (dir && dir[0] != '/')
		return -EINVAL;
	if (dir && !(copy = strdup(dir)))
		return -ENOMEM;
	free(ctx->persist_dir);
	ctx->persist_dir = copy;
	return 0;
}

void zswapctl_ctx_set_statvfs(struct zswapctl_ctx *ctx,
			      int (*fn)(const char *path, struct statvfs *st))
{
	ctx->statvfs_fn = fn;
}

int zswapctl_statvfs(const struct zswapctl_ctx *ctx, const char *path, struct statvfs *st)
{
	return (ctx->statvfs_fn ? ctx->statvfs_fn : statvfs)(path, st) < 0 ? -errno : 0;
}

char *zswapctl_persist_dir(const struct zswapctl_ctx *ctx)
{
	if (ctx->persist_dir)
		return strdup(ctx->persist_dir);
	return zswapctl_path(ctx, "/var/lib/zswapctl");
}

ZSWAPCTL_EXPORT int zswapctl_ctx_set_root(struct zswapctl_ctx *ctx,
					  const char *root)
{
	char *copy;
	size_t len;

	if (!root || root[0] != '/')
		return -EINVAL;
	copy = strdup(root);
	if (!copy)
		return -ENOMEM;
	len = strlen(copy);
	while (len > 0 && copy[len - 1] == '/')
		copy[--len] = '\0';
	free(ctx->root);
	ctx->root = copy;
	return 0;
}

ZSWAPCTL_EXPORT const char *zswapctl_ctx_get_root(const struct zswapctl_ctx *ctx)
{
	return ctx->root[0] ? ctx->root : "/";
}

ZSWAPCTL_EXPORT void
zswapctl_ctx_set_log_fn(struct zswapctl_ctx *ctx,
			void (*log_fn)(struct zswapctl_ctx *ctx, int priority,
				       const char *file, int line,
				       const char *fn, const char *format,
				       va_list args))
{
	ctx->log_fn = log_fn;
}

ZSWAPCTL_EXPORT void zswapctl_ctx_set_log_priority(struct zswapctl_ctx *ctx,
						   int priority)
{
	ctx->log_priority = priority;
}

ZSWAPCTL_EXPORT int zswapctl_ctx_get_log_priority(const struct zswapctl_ctx *ctx)
{
	return ctx->log_priority;
}

ZSWAPCTL_EXPORT void zswapctl_ctx_set_userdata(struct zswapctl_ctx *ctx,
					       void *userdata)
{
	ctx->userdata = userdata;
}

ZSWAPCTL_EXPORT void *zswapctl_ctx_get_userdata(const struct zswapctl_ctx *ctx)
{
	return ctx->userdata;
}

int zswapctl_log_priority(struct zswapctl_ctx *ctx)
{
	return ctx->log_fn ? ctx->log_priority : -1;
}

void zswapctl_log(struct zswapctl_ctx *ctx, int priority, const char *file,
		  int line, const char *fn, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	ctx->log_fn(ctx, priority, file, line, fn, format, args);
	va_end(args);
}

/* /proc/sys/kernel/osrelease, or the third word of /proc/version (what a
 * copied tree may have instead). Under the real root, uname(2) says the
 * same without a file to open. */
ZSWAPCTL_EXPORT int zswapctl_kernel_release(struct zswapctl_ctx *ctx,
					    char **release)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_free_ char *version = NULL;
	struct utsname uts;
	char word[128];
	int r;

	if (!ctx->root[0] && uname(&uts) == 0) {
		*release = strdup(uts.release);
		return *release ? 0 : -ENOMEM;
	}
	path = zswapctl_path(ctx, "/proc/sys/kernel/osrelease");
	if (!path)
		return -ENOMEM;
	r = zswapctl_read_file(path, release);
	if (r == 0) {
		zswapctl_rstrip(*release);
		return 0;
	}
	free(path);
	path = zswapctl_path(ctx, "/proc/version");
	if (!path)
		return -ENOMEM;
	r = zswapctl_read_file(path, &version);
	if (r < 0)
		return r;
	if (sscanf(version, "Linux version %127s", word) != 1)
		return -EINVAL;
	*release = strdup(word);
	return *release ? 0 : -ENOMEM;
}

ZSWAPCTL_EXPORT int zswapctl_control_present(struct zswapctl_ctx *ctx)
{
	_cleanup_free_ char *path = zswapctl_path(ctx, "/sys/class/zram-control");

	if (!path)
		return -ENOMEM;
	return access(path, F_OK) == 0 ? 0 : -errno;
}
