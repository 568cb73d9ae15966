// SPDX-License-Identifier: LGPL-2.1-or-later
/* sysctls under /proc/sys, resolved under the root. */
#include <errno.h>
#include <string.h>

#include "private.h"

/* "vm.page-cluster" -> "vm/page-cluster"; NULL for names that would leave
 * /proc/sys. */
static char *sysctl_rel(const char *name)
{
	char *rel;

	if (!name || !*name || name[0] == '.' || name[0] == '/' ||
	    strstr(name, "..") || strchr(name, '/'))
		return NULL;
	rel = strdup(name);
	if (!rel)
		return NULL;
	for (char *p = rel; *p; p++)
		if (*p == '.')
			*p = '/';
	return rel;
}

ZSWAPCTL_EXPORT int zswapctl_sysctl_read(struct zswapctl_ctx *ctx,
					 const char *name, char **value)
{
	_cleanup_free_ char *rel = sysctl_rel(name);
	char *text;
	int r;

	if (!rel)
		return -EINVAL;
	r = zswapctl_read_rootf(ctx, &text, "/proc/sys/%s", rel);
	if (r < 0)
		return r;
	zswapctl_rstrip(text);
	*value = text;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_sysctl_write(struct zswapctl_ctx *ctx,
					  const char *name, const char *value)
{
	_cleanup_free_ char *rel = sysctl_rel(name), *path = NULL;
	_cleanup_free_ char *back = NULL;
	int r;

	if (!rel || !value)
		return -EINVAL;
	path = zswapctl_path(ctx, "/proc/sys/%s", rel);
	if (!path)
		return -ENOMEM;
	r = zswapctl_write_file(path, value);
	if (r < 0)
		return r;
	dbg(ctx, "sysctl %s = %s", name, value);
	/* The kernel may clamp: read back and compare. */
	r = zswapctl_sysctl_read(ctx, name, &back);
	if (r < 0)
		return r;
	return strcmp(back, value) == 0 ? 0 : -ERANGE;
}
