// SPDX-License-Identifier: LGPL-2.1-or-later
/* MemTotal and MemAvailable from /proc/meminfo. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "private.h"

ZSWAPCTL_EXPORT int zswapctl_meminfo(struct zswapctl_ctx *ctx, uint64_t *total,
				     uint64_t *available)
{
	_cleanup_free_ char *text = NULL;
	bool have_total = false, have_avail = false;
	const char *line;
	int r = zswapctl_read_rootf(ctx, &text, "/proc/meminfo");

	if (r < 0)
		return r;
	for (line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		unsigned long long kib;

		if (sscanf(line, "MemTotal: %llu kB", &kib) == 1) {
			if (total)
				*total = (uint64_t)kib * 1024;
			have_total = true;
		} else if (sscanf(line, "MemAvailable: %llu kB", &kib) == 1) {
			if (available)
				*available = (uint64_t)kib * 1024;
			have_avail = true;
		}
	}
	if (!have_total || (available && !have_avail))
		return -ENODATA;
	return 0;
}
