// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * page-fault-cost: what a page fault costs on this machine, the unit in
 * which a short command like `zswapctl stats --json` is paid for here.
 *
 * Three prices, each the best of ROUNDS fresh mappings:
 *   - an anonymous page (heap, stack, .bss, a copy-on-write page of the
 *     program's data) touched for the first time: one fault each;
 *   - the same pages made present first by one madvise(MADV_POPULATE_WRITE)
 *     (Linux 5.14), what src/cli/prefault.c does for stats' heap;
 *   - a file already in the page cache (libc here), one page touched every
 *     64 KiB: the kernel maps the pages around a fault with it
 *     (fault-around), so this is the price of a program's text or read-only
 *     data per 64 KiB window it touches.
 * In a guest every fault goes through the hypervisor; on bare metal the
 * three are a fraction of a microsecond. tests/bench/README.md, issue 8,
 * says how the counts of `perf stat -e page-faults` turn into time.
 *
 *   cc -O2 -o /tmp/page-fault-cost tests/bench/page-fault-cost.c
 *   /tmp/page-fault-cost [PAGES] [ROUNDS]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
#define PAGE 4096L
#define WINDOW (64 * 1024L)

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* Microseconds a page, the best of ROUNDS: anonymous pages, populated
 * first or not. */
static double anonymous(long pages, int rounds, int populate)
{
	double best = 1e30;

	for (int r = 0; r < rounds; r++) {
		volatile char *p = mmap(NULL, (size_t)(pages * PAGE), PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		double t;

		if (p == MAP_FAILED)
			return -1;
		t = now_us();
		if (populate && madvise((void *)p, (size_t)(pages * PAGE), MADV_POPULATE_WRITE) < 0) {
			munmap((void *)p, (size_t)(pages * PAGE));
			return -1;
		}
		for (long i = 0; i < pages; i++)
			p[i * PAGE] = 1;
		t = now_us() - t;
		if (t < best)
			best = t;
		munmap((void *)p, (size_t)(pages * PAGE));
	}
	return best / (double)pages;
}

/* Microseconds a 64 KiB window of a cached file, the best of ROUNDS. */
static double file_windows(const char *path, long windows, int rounds)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	double best = 1e30;

	if (fd < 0)
		return -1;
	for (int r = 0; r < rounds; r++) {
		volatile char *p = mmap(NULL, (size_t)(windows * WINDOW), PROT_READ, MAP_PRIVATE, fd, 0);
		double t;
		int sum = 0;

		if (p == MAP_FAILED) {
			close(fd);
			return -1;
		}
		t = now_us();
		for (long i = 0; i < windows; i++)
			sum += p[i * WINDOW];
		t = now_us() - t;
		(void)sum;
		if (t < best)
			best = t;
		munmap((void *)p, (size_t)(windows * WINDOW));
	}
	close(fd);
	return best / (double)windows;
}

int main(int argc, char **argv)
{
	long pages = argc > 1 ? atol(argv[1]) : 16;
	int rounds = argc > 2 ? atoi(argv[2]) : 200;
	const char *libc = "/usr/lib/x86_64-linux-gnu/libc.so.6";

	if (pages < 1 || pages > 4096 || rounds < 1) {
		fprintf(stderr, "usage: page-fault-cost [PAGES 1-4096] [ROUNDS]\n");
		return 2;
	}
	printf("anonymous page, first touch:           %6.2f us\n", anonymous(pages, rounds, 0));
	printf("anonymous page, MADV_POPULATE_WRITE:   %6.2f us (negative: not supported)\n",
	       anonymous(pages, rounds, 1));
	printf("64 KiB window of %s: %6.2f us\n", libc, file_windows(libc, 16, rounds));
	return 0;
}
