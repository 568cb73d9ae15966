// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cpuid-cost: what one CPUID instruction costs on this machine. glibc's
 * dynamic loader runs CPUID some fifty times before main() of every
 * dynamically linked program (init_cpu_features, and handle_amd or
 * handle_intel for the cache sizes memcpy's thresholds come from). On bare
 * metal that is a few microseconds in all; in a guest each CPUID traps to
 * the hypervisor, and the sum becomes a fixed cost that zswapctl and
 * zramctl pay alike, which pulls the ratio stats-vs-zramctl prints towards
 * 1. See README, "Not met: the stats target".
 *
 *   cc -O2 -o /tmp/cpuid-cost tests/bench/cpuid-cost.c
 *   /tmp/cpuid-cost [LOOPS]
 *
 * Prints the mean per instruction, in microseconds, for the leaves the
 * loader asks for. x86 only; no root needed.
 */
#include <cpuid.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
	static const unsigned int leaves[] = {
		0x0, 0x1, 0x7, 0xd, 0x80000000, 0x80000001, 0x80000005,
		0x80000006, 0x8000001d,
	};
	long loops = argc > 1 ? strtol(argv[1], NULL, 10) : 2000;

	if (loops <= 0) {
		fprintf(stderr, "usage: %s [LOOPS]\n", argv[0]);
		return 2;
	}
	for (size_t i = 0; i < sizeof(leaves) / sizeof(leaves[0]); i++) {
		unsigned int a, b, c, d;
		double start = now_us();

		for (long n = 0; n < loops; n++)
			__cpuid_count(leaves[i], 0, a, b, c, d);
		/* The asm is volatile, so the loop is not folded away. */
		printf("leaf 0x%08x: %.2f us\n", leaves[i],
		       (now_us() - start) / (double)loops);
	}
	return 0;
}
