// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pageout: push anonymous memory out to swap and check it comes back intact.
 *
 * Built with `gcc -static -O2` by tests/vm/run and put into the test VM as
 * /usr/bin/pageout; also used by tests/vm/capture-fixtures.sh on the host.
 *
 * It maps SIZE MiB of private anonymous memory and fills it with four kinds of
 * page in turn: zero pages, same-filled pages, compressible text and
 * incompressible pseudo-random data. Every page has a checksum. Then it calls
 * MADV_PAGEOUT on the whole mapping, reads back (and verifies) the first
 * PERCENT of the pages, and reports VmSwap before and after.
 *
 * With -H it then prints "READY" and waits for SIGUSR1 or SIGTERM (so that a
 * test can mark pages idle, write them back, read statistics...), verifies
 * every page and exits. Without -H it verifies every page at once. With -H -H
 * it prints "VERIFIED" after the check and waits for a signal once more before
 * it exits (statistics while the memory, now read back, is still mapped).
 *
 * Exit status: 0 all pages intact, 1 a page differs, 2 usage or setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "page-checksum.h"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static uint64_t xorshift(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

static void fill_page(unsigned char *p, size_t psz, size_t idx, uint64_t seed)
{
	static const char words[] =
		"zram swap page compressible text for zswapctl tests ";
	uint64_t s = seed ^ (idx * 0x9e3779b97f4a7c15ULL) ^ 1;
	size_t i;

	switch (idx % 4) {
	case 0: /* zero page */
		memset(p, 0, psz);
		break;
	case 1: /* same-filled, non-zero */
		for (i = 0; i < psz; i += sizeof(uint64_t)) {
			uint64_t v = 0x0101010101010101ULL * ((idx & 0x7f) + 1);

			memcpy(p + i, &v, sizeof(v));
		}
		break;
	case 2: /* compressible */
		for (i = 0; i < psz; i++)
			p[i] = words[(i + idx) % (sizeof(words) - 1)];
		{
			/* A page-unique label at the start, cut to 32 bytes. */
			char label[64];
			int n = snprintf(label, sizeof(label), "page %zu seed %llu", idx,
					 (unsigned long long)seed);

			memcpy(p, label, n < 32 ? (size_t)n + 1 : 32);
		}
		break;
	default: /* incompressible */
		for (i = 0; i < psz; i += sizeof(uint64_t)) {
			uint64_t v = xorshift(&s);

			memcpy(p + i, &v, sizeof(v));
		}
		break;
	}
}

static long vm_swap_kib(void)
{
	char line[256];
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmSwap: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

static size_t verify(const unsigned char *map, size_t psz, size_t first,
		     size_t last, const uint64_t *sums)
{
	size_t i, bad = 0;

	for (i = first; i < last; i++) {
		if (fnv1a(map + i * psz, psz) != sums[i]) {
			if (bad < 10)
				fprintf(stderr, "pageout: page %zu differs\n", i);
			bad++;
		}
	}
	return bad;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pageout [-m MIB] [-r PERCENT] [-s SEED] [-H]\n"
		"  -m MIB      size of the mapping (default 16)\n"
		"  -r PERCENT  pages read back right after the pageout (default 25)\n"
		"  -s SEED     seed for the incompressible pages (default 1)\n"
		"  -H          hold: print READY, wait for SIGUSR1/SIGTERM, then verify\n"
		"              (twice: then print VERIFIED and wait again)\n");
}

int main(int argc, char **argv)
{
	size_t psz = (size_t)sysconf(_SC_PAGESIZE);
	unsigned long mib = 16, percent = 25;
	uint64_t seed = 1;
	int hold = 0, opt, tries;
	size_t npages, i, back, bad;
	unsigned char *map;
	uint64_t *sums;
	long before, after;
	sigset_t mask, old;

	while ((opt = getopt(argc, argv, "m:r:s:Hh")) != -1) {
		switch (opt) {
		case 'm':
			mib = strtoul(optarg, NULL, 0);
			break;
		case 'r':
			percent = strtoul(optarg, NULL, 0);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'H':
			hold++;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!mib || percent > 100 || optind != argc) {
		usage(stderr);
		return 2;
	}

	npages = mib * 1024 * 1024 / psz;
	sums = calloc(npages, sizeof(*sums));
	map = mmap(NULL, npages * psz, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!sums || map == MAP_FAILED) {
		perror("pageout: mmap");
		return 2;
	}
	/* keep the whole mapping in small pages so each one pages out alone */
	madvise(map, npages * psz, MADV_NOHUGEPAGE);

	for (i = 0; i < npages; i++) {
		fill_page(map + i * psz, psz, i, seed);
		sums[i] = fnv1a(map + i * psz, psz);
	}

	/* block the signals now so that none is lost before sigsuspend */
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, &old);
	signal(SIGUSR1, on_signal);
	signal(SIGTERM, on_signal);

	/*
	 * MADV_PAGEOUT passes over a page it cannot isolate at that moment
	 * (compaction, DAMON or khugepaged holding it): ask again, a few
	 * times, while pages are left in memory. A page already out is not
	 * written twice.
	 */
	before = vm_swap_kib();
	for (tries = 1;; tries++) {
		if (madvise(map, npages * psz, MADV_PAGEOUT)) {
			fprintf(stderr, "pageout: MADV_PAGEOUT: %s\n", strerror(errno));
			return 2;
		}
		after = vm_swap_kib();
		if (after - before >= (long)(npages * psz / 1024) || tries == 4)
			break;
	}
	printf("pageout: %zu pages, VmSwap %ld kB -> %ld kB (MADV_PAGEOUT %d time%s)\n",
	       npages, before, after, tries, tries > 1 ? "s" : "");

	back = npages * percent / 100;
	bad = verify(map, psz, 0, back, sums);
	printf("pageout: read back %zu pages, %zu differ, VmSwap %ld kB\n",
	       back, bad, vm_swap_kib());
	if (bad)
		return 1;

	if (hold) {
		printf("READY\n");
		fflush(stdout);
		while (!got_signal)
			sigsuspend(&old);
	}

	bad = verify(map, psz, 0, npages, sums);
	printf("pageout: verified %zu pages, %zu differ\n", npages, bad);
	if (hold > 1) {
		got_signal = 0;
		printf("VERIFIED\n");
		fflush(stdout);
		while (!got_signal)
			sigsuspend(&old);
	}
	return bad ? 1 : 0;
}
