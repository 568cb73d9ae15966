// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * State that survives reboots (/var/lib/zswapctl): small files replaced
 * atomically, so that a crash or a power cut leaves the old state or the
 * new one, never half of each.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "private.h"

#define PERSIST_MAX (64 * 1024)

/* NAME is one plain file of the directory: no path, nothing hidden. */
static bool name_ok(const char *name)
{
	return name && *name && name[0] != '.' && !strchr(name, '/') && strlen(name) < 128;
}

ZSWAPCTL_EXPORT int zswapctl_persist_path(struct zswapctl_ctx *ctx, const char *name, char **path)
{
	_cleanup_free_ char *dir = NULL;

	if (!name_ok(name))
		return -EINVAL;
	dir = zswapctl_persist_dir(ctx);
	if (!dir || !(*path = strjoin3(dir, "/", name)))
		return -ENOMEM;
	return 0;
}

/* DIR and the directories above it that are missing (a fresh root). */
static int mkdir_parents(char *dir)
{
	for (char *p = strchr(dir + 1, '/'); ; p = strchr(p + 1, '/')) {
		if (p)
			*p = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
			int e = errno;

			if (p)
				*p = '/';
			return -e;
		}
		if (!p)
			return 0;
		*p = '/';
	}
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_persist_write(struct zswapctl_ctx *ctx, const char *name,
					   const char *contents, size_t len)
{
	_cleanup_free_ char *dir = NULL, *path = NULL, *tmp = NULL;
	_cleanup_close_ int fd = -1, dfd = -1;
	int r;

	if (!name_ok(name) || (!contents && len) || len > PERSIST_MAX)
		return -EINVAL;
	dir = zswapctl_persist_dir(ctx);
	if (!dir || !(path = strjoin3(dir, "/", name)) ||
	    asprintf(&tmp, "%s/.%s.tmp", dir, name) < 0)
		return -ENOMEM;
	r = mkdir_parents(dir);
	if (r < 0)
		return r;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return -errno;
	r = write_all(fd, contents, len);
	if (r == 0 && fsync(fd) < 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0) {
		unlink(tmp);
		return r;
	}
	/* The rename itself survives a power cut once the directory is synced. */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0)
		fsync(dfd);
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_persist_read(struct zswapctl_ctx *ctx, const char *name,
					  char **contents, size_t *len)
{
	_cleanup_free_ char *path = NULL, *buf = NULL;
	_cleanup_close_ int fd = -1;
	size_t have = 0;
	int r = zswapctl_persist_path(ctx, name, &path);

	if (r < 0)
		return r;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	buf = malloc(PERSIST_MAX + 1);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t n = read(fd, buf + have, PERSIST_MAX + 1 - have);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		have += (size_t)n;
		if (have > PERSIST_MAX)
			return -EFBIG;
	}
	buf[have] = '\0';
	*len = have;
	*contents = buf;
	buf = NULL;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_boot_id(struct zswapctl_ctx *ctx, char **id)
{
	return zswapctl_read_rootf(ctx, ZSWAPCTL_READ_LINE, id, "/proc/sys/kernel/random/boot_id");
}
