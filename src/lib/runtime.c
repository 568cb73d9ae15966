// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The system around zram that setup reads and changes: the names of zram
 * devices, zswap's switch, the kernel command line, and what zswapctl keeps
 * under /run (its lock and its state journal). Resolved under the root.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "private.h"

ZSWAPCTL_EXPORT int zswapctl_parse_dev_name(const char *name, unsigned int *id)
{
	unsigned int v = 0;
	size_t len;

	if (!name)
		return -EINVAL;
	/* "zramN", "/dev/zramN" or "N": not "/dev/N", no such node. */
	if (!strncmp(name, "/dev/zram", 9))
		name += 9;
	else if (!strncmp(name, "zram", 4))
		name += 4;
	len = strlen(name);
	/* The kernel's own names: decimal, no sign, no leading zeros. */
	if (len == 0 || len > 7 || strspn(name, "0123456789") != len ||
	    (name[0] == '0' && len > 1))
		return -EINVAL;
	for (size_t i = 0; i < len; i++)
		v = v * 10 + (unsigned int)(name[i] - '0');
	if (v > ZSWAPCTL_DEV_MAX_ID)
		return -EINVAL;
	*id = v;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_zswap_get_enabled(struct zswapctl_ctx *ctx, bool *enabled)
{
	_cleanup_free_ char *value = NULL;
	int r = zswapctl_read_rootf(ctx, ZSWAPCTL_READ_LINE, &value,
				    "/sys/module/zswap/parameters/enabled");

	if (r < 0)
		return r;
	*enabled = value[0] == 'Y' || value[0] == '1';
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_zswap_set_enabled(struct zswapctl_ctx *ctx, bool enabled)
{
	_cleanup_free_ char *path = zswapctl_path(ctx, "/sys/module/zswap/parameters/enabled");

	if (!path)
		return -ENOMEM;
	return zswapctl_write_file(path, enabled ? "Y" : "N");
}

/* The words of systemd's parse_boolean(), in any case. */
static bool word_in(const char *w, const char *const *words)
{
	for (; *words; words++)
		if (!strcasecmp(w, *words))
			return true;
	return false;
}

static bool is_yes(const char *w)
{
	return word_in(w, (const char *const[]){ "1", "yes", "y", "true", "t", "on", NULL });
}

static bool is_no(const char *w)
{
	return word_in(w, (const char *const[]){ "0", "no", "n", "false", "f", "off", NULL });
}

ZSWAPCTL_EXPORT int zswapctl_kernel_cmdline_has(struct zswapctl_ctx *ctx, const char *flag,
						bool *set)
{
	_cleanup_free_ char *line = NULL;
	size_t len = flag ? strlen(flag) : 0;
	char *save = NULL;
	int r;

	if (!len)
		return -EINVAL;
	*set = false;
	r = zswapctl_read_rootf(ctx, ZSWAPCTL_READ_LINE, &line, "/proc/cmdline");
	if (r < 0)
		return r;
	/* As systemd reads a boolean switch: the last word wins. */
	for (char *tok = strtok_r(line, " \t\n", &save); tok; tok = strtok_r(NULL, " \t\n", &save)) {
		if (strncmp(tok, flag, len) || (tok[len] && tok[len] != '='))
			continue;
		if (!tok[len] || is_yes(tok + len + 1))
			*set = true;
		else if (is_no(tok + len + 1))
			*set = false;
	}
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_run_lock(struct zswapctl_ctx *ctx, int *fd)
{
	_cleanup_free_ char *dir = zswapctl_path(ctx, "/run");
	_cleanup_free_ char *path = zswapctl_path(ctx, "/run/zswapctl.lock");
	int lock;

	if (!dir || !path)
		return -ENOMEM;
	mkdir(dir, 0755);
	lock = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (lock < 0)
		return -errno;
	/* Concurrent runs wait their turn, then see the state the first left. */
	while (flock(lock, LOCK_EX) < 0) {
		int e = errno;

		if (e != EINTR) {
			close(lock);
			return -e;
		}
	}
	*fd = lock;
	return 0;
}

/* NAME is one file of the journal directory: no path, nothing hidden. */
static char *state_path(struct zswapctl_ctx *ctx, const char *name)
{
	if (!name || !*name || name[0] == '.' || strchr(name, '/'))
		return NULL;
	return zswapctl_path(ctx, "/run/zswapctl/%s", name);
}

ZSWAPCTL_EXPORT int zswapctl_state_write(struct zswapctl_ctx *ctx, const char *name,
					 const char *contents)
{
	_cleanup_free_ char *dir = zswapctl_path(ctx, "/run/zswapctl");
	_cleanup_free_ char *path = state_path(ctx, name);
	_cleanup_close_ int fd = -1;
	size_t len = contents ? strlen(contents) : 0;

	if (!dir || !path)
		return name && !strchr(name, '/') ? -ENOMEM : -EINVAL;
	mkdir(dir, 0755);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return -errno;
	if (len && write(fd, contents, len) != (ssize_t)len)
		return errno ? -errno : -EIO;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_state_read(struct zswapctl_ctx *ctx, const char *name,
					char **contents)
{
	_cleanup_free_ char *path = state_path(ctx, name);

	if (!path)
		return -EINVAL;
	return zswapctl_read_line(path, contents);
}

ZSWAPCTL_EXPORT int zswapctl_state_remove(struct zswapctl_ctx *ctx, const char *name)
{
	_cleanup_free_ char *path = state_path(ctx, name);

	if (!path)
		return -EINVAL;
	return unlink(path) < 0 ? -errno : 0;
}

/* What a unit name may be: no path, nothing hidden, nothing relative. */
static bool is_unit_file_name(const char *name)
{
	return name && *name && name[0] != '.' && !strchr(name, '/') && strlen(name) < 256;
}

ZSWAPCTL_EXPORT int zswapctl_systemd_generated(struct zswapctl_ctx *ctx, const char *name)
{
	/* systemd.generator(7): the three directories a generator writes to. */
	static const char *const dirs[] = {
		"/run/systemd/generator.early",
		"/run/systemd/generator",
		"/run/systemd/generator.late",
	};

	if (!is_unit_file_name(name))
		return -EINVAL;
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		_cleanup_free_ char *path = zswapctl_path(ctx, "%s/%s", dirs[i], name);

		if (!path)
			return -ENOMEM;
		if (access(path, F_OK) == 0)
			return 1;
	}
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_ctx_resolve(struct zswapctl_ctx *ctx, const char *path,
					 char **resolved)
{
	if (!path || path[0] != '/')
		return -EINVAL;
	*resolved = zswapctl_path(ctx, "%s", path);
	return *resolved ? 0 : -ENOMEM;
}
