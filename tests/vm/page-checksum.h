/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The page checksum of the test helpers (pageout.c, swaptest.c): FNV-1a,
 * 64 bits: cheap, and any changed byte changes it. */
#ifndef ZSWAPCTL_PAGE_CHECKSUM_H
#define ZSWAPCTL_PAGE_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t fnv1a(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n--) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

#endif
