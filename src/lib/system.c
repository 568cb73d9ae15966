// SPDX-License-Identifier: LGPL-2.1-or-later
/* The kernel's memory-management knobs: sysctls under /proc/sys and MGLRU
 * under /sys/kernel/mm, resolved under the root. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
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
	r = zswapctl_read_rootf(ctx, 0, &text, "/proc/sys/%s", rel);
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

ZSWAPCTL_EXPORT int zswapctl_lru_gen_get(struct zswapctl_ctx *ctx, unsigned int *mask)
{
	_cleanup_free_ char *text = NULL;
	unsigned long v;
	char *end;
	int r;

	r = zswapctl_read_rootf(ctx, ZSWAPCTL_READ_LINE, &text, "/sys/kernel/mm/lru_gen/enabled");
	if (r < 0)
		return r;
	/* "0x0007": the kernel prints the mask in hex. */
	errno = 0;
	v = strtoul(text, &end, 0);
	if (errno || end == text || *end || v > UINT_MAX)
		return -EINVAL; /* not the format it prints */
	*mask = (unsigned int)v;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_lru_gen_set(struct zswapctl_ctx *ctx, unsigned int mask)
{
	_cleanup_free_ char *path = zswapctl_path(ctx, "/sys/kernel/mm/lru_gen/enabled");
	char value[16];

	if (!path)
		return -ENOMEM;
	/* "y": every component this kernel has; a mask it lacks is refused. */
	if (mask == ZSWAPCTL_LRU_GEN_ALL)
		snprintf(value, sizeof(value), "y");
	else
		snprintf(value, sizeof(value), "0x%x", mask);
	dbg(ctx, "lru_gen/enabled = %s", value);
	return zswapctl_write_file(path, value);
}
