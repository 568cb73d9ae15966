// SPDX-License-Identifier: LGPL-2.1-or-later
/* MemTotal and MemAvailable from /proc/meminfo. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "private.h"

/* "KEY:   N kB" -> N * 1024 in *bytes; -ENOENT for another key, -EINVAL or
 * -ERANGE for a value that is not a KiB count (a sign, garbage, too big). */
static int kib_line(const char *line, const char *key, uint64_t *bytes)
{
	size_t klen = strlen(key);
	char digits[24];
	uint64_t kib;
	size_t n;

	if (strncmp(line, key, klen) || line[klen] != ':')
		return -ENOENT;
	line += klen + 1;
	line += strspn(line, " \t");
	n = strspn(line, "0123456789");
	if (!n || n >= sizeof(digits) || strncmp(line + n, " kB", 3) ||
	    (line[n + 3] && line[n + 3] != '\n'))
		return -EINVAL;
	memcpy(digits, line, n);
	digits[n] = '\0';
	if (zswapctl_parse_u64(digits, &kib) < 0 || kib > UINT64_MAX / 1024)
		return -ERANGE;
	*bytes = kib * 1024;
	return 0;
}

int zswapctl_meminfo_parse(const char *text, uint64_t *total, uint64_t *available)
{
	bool have_total = false, have_avail = false;
	const char *line;
	int r;

	for (line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		uint64_t bytes;

		r = kib_line(line, "MemTotal", &bytes);
		if (r == 0) {
			if (total)
				*total = bytes;
			have_total = true;
			continue;
		}
		if (r != -ENOENT)
			return r; /* a MemTotal that is not a size is no size */
		r = kib_line(line, "MemAvailable", &bytes);
		if (r == 0) {
			if (available)
				*available = bytes;
			have_avail = true;
		} else if (r != -ENOENT) {
			return r;
		}
	}
	/* Only the lines asked for must be there (either pointer may be NULL). */
	if ((total && !have_total) || (available && !have_avail))
		return -ENODATA;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_meminfo(struct zswapctl_ctx *ctx, uint64_t *total,
				     uint64_t *available)
{
	_cleanup_free_ char *text = NULL;
	int r = zswapctl_read_rootf(ctx, 0, &text, "/proc/meminfo");

	return r < 0 ? r : zswapctl_meminfo_parse(text, total, available);
}
