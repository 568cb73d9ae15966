// SPDX-License-Identifier: GPL-2.0-or-later
/* How the engine speaks: diagnostics through the context's callback, and
 * the wording shared with the CLI (errno advice, sizes). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "setup.h"

void setup_vreport(const struct setup_ctx *s, enum setup_severity severity, const char *file,
		   int line, int device, const char *fmt, va_list args)
{
	struct setup_diag d = { severity, file, line, device, NULL };
	char *message = NULL;
	int r;

	if (!s || !s->diag)
		return;
	r = vasprintf(&message, fmt, args);
	/* Out of memory: say at least that, rather than nothing. */
	d.message = r < 0 ? "out of memory" : message;
	s->diag(&d, s->userdata);
	if (r >= 0)
		free(message);
}

void setup_report(const struct setup_ctx *s, enum setup_severity severity,
		  const char *file, int line, int device, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	setup_vreport(s, severity, file, line, device, fmt, args);
	va_end(args);
}

const char *setup_errno_advice(int err, const char *attr)
{
	switch (err) {
	case EACCES:
	case EPERM:
		return "permission denied; run as root";
	case EBUSY:
		return "device in use; swapoff first (or run 'zswapctl teardown')";
	case ENOENT:
		/* Writing a path to backing_dev: the kernel opens that path. */
		if (attr && !strcmp(attr, "backing_dev"))
			return "the kernel could not open the backing device (gone, or its "
			       "/dev node not made), or it has no writeback (CONFIG_ZRAM_WRITEBACK)";
		return "the running kernel does not have this attribute";
	case ENODEV:
	case ENXIO:
		return "no such zram device; list them with 'zswapctl status'";
	case ENOTBLK:
		return "not a block device";
	case ENOSPC:
		return "no space left: the limit or the backing device is full";
	case ENOMEM:
		return "out of memory";
	case EINVAL:
		if (attr && (!strcmp(attr, "comp_algorithm") ||
			     !strcmp(attr, "backing_dev") ||
			     !strcmp(attr, "algorithm_params") ||
			     !strcmp(attr, "recomp_algorithm")))
			return "must be set before disksize; reset the device first";
		return "the kernel rejected the value";
	case EFBIG:
		return "the file is larger than any kernel attribute";
	default:
		return strerror(err);
	}
}

void setup_format_size(char *buf, size_t len, uint64_t bytes)
{
	static const char units[] = "BKMGTPE";
	double v = (double)bytes;
	int u = 0;

	while (v >= 1024 && u < 6) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, len, "%lluB", (unsigned long long)bytes);
	else if (v < 10 && v != (double)(uint64_t)v)
		snprintf(buf, len, "%.1f%c", v, units[u]);
	else
		snprintf(buf, len, "%.0f%c", v, units[u]);
}

void setup_format_duration(char *buf, size_t len, uint64_t s)
{
	if (s >= 3600)
		snprintf(buf, len, "%lluh %llumin", (unsigned long long)(s / 3600),
			 (unsigned long long)(s % 3600 / 60));
	else if (s >= 60)
		snprintf(buf, len, "%llumin %llus", (unsigned long long)(s / 60),
			 (unsigned long long)(s % 60));
	else
		snprintf(buf, len, "%llus", (unsigned long long)s);
}
