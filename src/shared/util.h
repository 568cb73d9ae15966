/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the library, the setup engine and the CLI share: array sizes, cleanup
 * helpers and zram's unit. Header only, so each of them can include it
 * without linking anything; not installed.
 */
#ifndef ZSWAPCTL_UTIL_H
#define ZSWAPCTL_UTIL_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * zram counts in 4 KiB units whatever the architecture's page size
 * (writeback_limit, bd_stat, a backing device's blocks); disksize and sizes
 * in the configuration are rounded to it.
 */
#define ZRAM_UNIT 4096

/* A file mode in octal as chmod(1) takes it, 1 to 4 digits (so at most
 * 07777): mount-options' X-mount.mode=, which the configuration checks and
 * libzswapctl applies. */
static inline bool parse_octal_mode(const char *s, size_t len, mode_t *mode)
{
	mode_t m = 0;

	if (len == 0 || len > 4)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '7')
			return false;
		m = m * 8 + (mode_t)(s[i] - '0');
	}
	*mode = m;
	return true;
}

/* snprintf() at BUF + *LEN, advancing *LEN: -ENOSPC (BUF unusable) when
 * it does not all fit, for texts built in pieces that must be whole. */
static inline int __attribute__((format(printf, 4, 5)))
buf_appendf(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list args;
	int n;

	if (*len >= size)
		return -ENOSPC;
	va_start(args, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, args);
	va_end(args);
	if (n < 0 || (size_t)n >= size - *len)
		return -ENOSPC;
	*len += (size_t)n;
	return 0;
}

/* V's decimal digits ending at END, at least WIDTH of them (zeros in
 * front); where they start. For text written often enough that printf's
 * pass over it shows (JSON numbers, the stats time stamp). */
static inline char *put_decimal(char *end, uint64_t v, int width)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (--width > 0 || v);
	return end;
}

static inline void freep(void *p)
{
	free(*(void **)p);
}

static inline void closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}

static inline void fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}

#define _cleanup_free_ __attribute__((cleanup(freep)))
#define _cleanup_close_ __attribute__((cleanup(closep)))
#define _cleanup_fclose_ __attribute__((cleanup(fclosep)))

#endif
