/* SPDX-License-Identifier: GPL-2.0-or-later */
/* TAP output for C unit tests: one "ok"/"not ok" line per check. */
#ifndef ZSWAPCTL_TAP_H
#define ZSWAPCTL_TAP_H
#include <stdio.h>

static int tap_failures, tap_checks;

/* cond is evaluated once: it may allocate or change state. */
#define CHECK(cond, ...)                                                    \
	do {                                                                \
		int tap_ok_ = !!(cond);                                     \
		tap_checks++;                                               \
		printf("%s %d - %s:%d: ", tap_ok_ ? "ok" : "not ok",        \
		       tap_checks, __func__, __LINE__);                     \
		printf(__VA_ARGS__);                                        \
		putchar('\n');                                              \
		if (!tap_ok_) {                                             \
			tap_failures++;                                     \
			printf("# failed: %s\n", #cond);                    \
		}                                                           \
	} while (0)

/* A check that cannot run here, with the reason. */
#define SKIP(...)                                                           \
	do {                                                                \
		tap_checks++;                                               \
		printf("ok %d - %s:%d # SKIP ", tap_checks, __func__, __LINE__); \
		printf(__VA_ARGS__);                                        \
		putchar('\n');                                              \
	} while (0)

static inline int tap_finish(void)
{
	printf("1..%d\n", tap_checks);
	return 0; /* the TAP driver counts "not ok" lines */
}
#endif
