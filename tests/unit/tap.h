/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Minimal checks for C unit tests: count failures, say where. */
#ifndef ZSWAPCTL_TAP_H
#define ZSWAPCTL_TAP_H
#include <stdio.h>

static int tap_failures, tap_checks;

#define CHECK(cond, ...)                                                    \
	do {                                                                \
		tap_checks++;                                               \
		if (!(cond)) {                                              \
			tap_failures++;                                     \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, \
				__LINE__, #cond);                           \
			fprintf(stderr, __VA_ARGS__);                       \
			fputc('\n', stderr);                                \
		}                                                           \
	} while (0)

static inline int tap_finish(void)
{
	printf("%d checks, %d failed\n", tap_checks, tap_failures);
	return tap_failures ? 1 : 0;
}
#endif
