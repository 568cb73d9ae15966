// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Paths under the context's root; reading and writing small kernel files,
 * and parsing their numbers. Built apart (libzswapctl-io) because the bench
 * harness, which is not in the shared library, reads files under the root
 * the same way: so this file knows the context only by its public API.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "private.h"

char *zswapctl_root_path(const struct zswapctl_ctx *ctx, const char *rel)
{
	const char *root = zswapctl_ctx_get_root(ctx);

	/* The real root, nearly always: the path as it is. */
	return strjoin3(strcmp(root, "/") ? root : "", rel, "");
}

static char *vpath(const struct zswapctl_ctx *ctx, const char *fmt, va_list args)
{
	_cleanup_free_ char *rel = NULL;

	/* Most paths are constants: nothing for vasprintf() (util.h's
	 * strjoin3() says why that is worth avoiding). */
	if (!strchr(fmt, '%'))
		return zswapctl_root_path(ctx, fmt);
	if (vasprintf(&rel, fmt, args) < 0)
		return NULL;
	return zswapctl_root_path(ctx, rel);
}

char *zswapctl_path(const struct zswapctl_ctx *ctx, const char *fmt, ...)
{
	va_list args;
	char *path;

	va_start(args, fmt);
	path = vpath(ctx, fmt, args);
	va_end(args);
	return path;
}

static int read_path(const char *path, unsigned int flags, char **contents)
{
	if (!path)
		return -ENOMEM;
	return flags & ZSWAPCTL_READ_LINE ? zswapctl_read_line(path, contents)
					  : zswapctl_read_file(path, contents);
}

int zswapctl_read_root(const struct zswapctl_ctx *ctx, unsigned int flags, char **contents,
		       const char *rel)
{
	_cleanup_free_ char *path = zswapctl_root_path(ctx, rel);

	return read_path(path, flags, contents);
}

int zswapctl_read_rootf(const struct zswapctl_ctx *ctx, unsigned int flags, char **contents,
			const char *fmt, ...)
{
	_cleanup_free_ char *path = NULL;
	va_list args;

	va_start(args, fmt);
	path = vpath(ctx, fmt, args);
	va_end(args);
	return read_path(path, flags, contents);
}

/* The first read's size: every sysfs attribute (a page at most). */
#define READ_FIRST 4096

/*
 * The whole of FD into a NUL-terminated heap buffer of its own size.
 * Read straight into the heap, then shrunk to what came: the part given
 * back joins the free top of the heap it was taken from, so the heap
 * grows by the contents only, and what a short file touches is the page
 * the heap's top is on already. (A buffer on the stack reached a page of
 * stack of its own: a page fault, much of what a short command costs.)
 * ONE_SHOW: a sysfs attribute, which the kernel produces whole (at most a
 * page) at the first read, so a read that returns less than asked is all
 * of it and the read that would return 0 is not made.
 */
static int read_fd(int fd, bool one_show, char **contents)
{
	size_t size = READ_FIRST, len = 0;
	char *buf = malloc(size), *fitted;

	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t n;

		if (len + 1 >= size) {
			char *bigger;

			if (size >= ZSWAPCTL_READ_MAX) {
				free(buf);
				return -EFBIG;
			}
			size *= 2;
			bigger = realloc(buf, size);
			if (!bigger) {
				free(buf);
				return -ENOMEM;
			}
			buf = bigger;
		}
		n = read(fd, buf + len, size - len - 1);
		if (n < 0) {
			int e = errno;

			if (e == EINTR)
				continue;
			free(buf);
			return -e;
		}
		len += (size_t)n;
		if (n == 0 || (one_show && len + 1 < READ_FIRST))
			break;
	}
	buf[len] = '\0';
	if (memchr(buf, '\0', len)) {
		/* Binary content is not a sysfs text attribute. */
		free(buf);
		return -EINVAL;
	}
	fitted = realloc(buf, len + 1);
	*contents = fitted ? fitted : buf;
	return 0;
}

int zswapctl_read_file(const char *path, char **contents)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	return read_fd(fd, false, contents);
}

int zswapctl_read_attr_fd(int fd, char **contents)
{
	return read_fd(fd, true, contents);
}

int zswapctl_write_file(const char *path, const char *value)
{
	_cleanup_close_ int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	return zswapctl_write_fd(fd, value);
}

int zswapctl_write_fd(int fd, const char *value)
{
	size_t len = strlen(value);
	ssize_t n;

	do
		n = write(fd, value, len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	/* sysfs takes a value in one write; a short write is a failure. */
	if ((size_t)n != len)
		return -EIO;
	return 0;
}

void zswapctl_rstrip(char *s)
{
	size_t len = strlen(s);

	while (len > 0 && ascii_isspace(s[len - 1]))
		s[--len] = '\0';
}

int zswapctl_parse_u64(const char *s, uint64_t *value)
{
	uint64_t v = 0;

	while (ascii_isspace(*s))
		s++;
	if (!ascii_isdigit(*s))
		return -EINVAL;
	for (; ascii_isdigit(*s); s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (v > (UINT64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	while (ascii_isspace(*s))
		s++;
	if (*s)
		return -EINVAL;
	*value = v;
	return 0;
}

int zswapctl_read_line(const char *path, char **line)
{
	char *text;
	int r = zswapctl_read_file(path, &text);

	if (r < 0)
		return r;
	text[strcspn(text, "\n")] = '\0';
	*line = text;
	return 0;
}
