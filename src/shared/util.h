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
#include <string.h>
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

/*
 * A, B and C one after the other in a new string (any may be ""); NULL: out
 * of memory. Paths are put together with this rather than asprintf(): the
 * first printf-family call of a process costs it 0.05 to 0.1 ms in a
 * virtual machine (vfprintf's pages of libc faulted in and torn down again:
 * tests/bench/first-call-cost), and `stats --json` needs printf for
 * nothing else.
 */
static inline char *strjoin3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *s = malloc(la + lb + lc + 1);

	if (s) {
		memcpy(s, a, la);
		memcpy(s + la, b, lb);
		memcpy(s + la + lb, c, lc + 1);
	}
	return s;
}

/*
 * <ctype.h>'s classes as the C locale has them (zswapctl never sets
 * another), without its table: for the kernel's ASCII that table is one
 * more page of libc to fault in, the only one a short report would touch.
 */
static inline bool ascii_isspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline bool ascii_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool ascii_isalnum(int c)
{
	return ascii_isdigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* "zramID" at BUF (ZRAM_NAME_MAX bytes), without printf (see strjoin3()). */
#define ZRAM_NAME_MAX (sizeof("zram4294967295"))
static inline void zram_name(char *buf, unsigned int id)
{
	char digits[10], *end = digits + sizeof(digits), *start = put_decimal(end, id, 1);
	size_t n = (size_t)(end - start);

	memcpy(buf, "zram", 4);
	memcpy(buf + 4, start, n);
	buf[4 + n] = '\0';
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
