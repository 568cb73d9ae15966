/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the libFuzzer harnesses share: the input as a C string. */
#ifndef ZSWAPCTL_FUZZ_H
#define ZSWAPCTL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* DATA as a NUL-terminated string (a NUL inside ends it early, as it
 * would for the reader of a kernel file); free it. */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

#endif
