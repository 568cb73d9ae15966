// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * page-cluster: one measurement of swap-in from the highest-priority swap
 * area (zram) at whatever vm.page-cluster is now; tests/bench/page-cluster
 * sets it and calls this once per side and round.
 *
 *   page-cluster MIB SEED [private|forked|shared]
 *
 * Maps MIB MiB of anonymous memory (no THP): private (the default: a
 * process's heap), forked (private, and a child forked after the page-out
 * holds the same swap slots while the parent reads: a slot used twice
 * takes the kernel's readahead path even on zram), or shared (shmem, as
 * tmpfs pages and System V shared memory are swapped). Fills it with text-like
 * pages from SEED (the same pages for the same seed: both sides read the
 * same data), and then twice pushes all of it out with MADV_PAGEOUT, checks
 * from /proc/self/pagemap that every page left, and reads it back:
 *   whole:  every page in address order, one timed pass (what a process
 *           that scans its heap after a reclaim waits for);
 *   touch:  every page in a random order, each first touch timed alone
 *           (the latency a fault sees; with readahead some touches find
 *           their page already read and cost a minor fault).
 * Prints one line: key=value pairs (ns, counts). The data read back is
 * checked against the checksum it was written with.
 * Exit status: 0; 1 a page did not leave or came back different; 2 usage.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
#define PM_SWAPPED (1ULL << 62)

static uint64_t rng;

static uint64_t next(void)
{
	/* xorshift64*: enough for text and a shuffle */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static long majflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_majflt;
}

static void fill_text(char *p, size_t len)
{
	static const char *const words[] = {
		"the ", "zram ", "swap ", "page ", "of ", "memory ", "kernel ", "and ",
		"compressed ", "read ", "fault ", "cluster ", "latency ", "a ", "to ",
		"readahead ", "slot ", "device ", "in ", "is ", "\n", "for ", "with ",
	};
	size_t i = 0;

	while (i < len) {
		const char *w = words[next() % (sizeof(words) / sizeof(words[0]))];
		size_t n = strlen(w);

		if (n > len - i)
			n = len - i;
		memcpy(p + i, w, n);
		i += n;
	}
}

static uint64_t page_sum(const unsigned char *p, size_t len)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i += 8) {
		uint64_t v;

		memcpy(&v, p + i, 8);
		h = (h ^ v) * 1099511628211ULL;
	}
	return h;
}

/* Pages of [p, p + n pages) that are in swap now. A shared page that left
 * leaves no swap entry in the page table (shmem keeps it in its own
 * mapping): there, count the pages not resident. */
static size_t swapped(char *p, size_t n, size_t psz, bool shared)
{
	if (shared) {
		unsigned char *vec = malloc(n);
		size_t count = 0;

		if (!vec || mincore(p, n * psz, vec) < 0) {
			perror("page-cluster: mincore");
			exit(2);
		}
		for (size_t i = 0; i < n; i++)
			count += !(vec[i] & 1);
		free(vec);
		return count;
	}

	uint64_t *pm = malloc(n * sizeof(*pm));
	int fd = open("/proc/self/pagemap", O_RDONLY);
	size_t count = 0;
	off_t off = (off_t)((uintptr_t)p / psz * sizeof(uint64_t));

	if (!pm || fd < 0 || pread(fd, pm, n * sizeof(*pm), off) != (ssize_t)(n * sizeof(*pm))) {
		perror("page-cluster: /proc/self/pagemap");
		exit(2);
	}
	for (size_t i = 0; i < n; i++)
		count += !!(pm[i] & PM_SWAPPED);
	close(fd);
	free(pm);
	return count;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void page_out(char *p, size_t len, size_t n, size_t psz, bool shared, const char *phase)
{
	size_t out;

	if (madvise(p, len, MADV_PAGEOUT) < 0) {
		perror("page-cluster: MADV_PAGEOUT");
		exit(2);
	}
	out = swapped(p, n, psz, shared);
	if (out != n) {
		fprintf(stderr, "page-cluster: %s: %zu of %zu pages left for swap\n", phase, out, n);
		exit(1);
	}
}

/* A child that shares every swap slot of the mapping until released. */
static pid_t hold_slots(void)
{
	pid_t pid = fork();

	if (pid < 0) {
		perror("page-cluster: fork");
		exit(2);
	}
	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static void release(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void verify(const char *p, size_t n, size_t psz, const uint64_t *sums, const char *phase)
{
	for (size_t i = 0; i < n; i++)
		if (page_sum((const unsigned char *)p + i * psz, psz) != sums[i]) {
			fprintf(stderr, "page-cluster: %s: page %zu came back different\n", phase, i);
			exit(1);
		}
}

int main(int argc, char **argv)
{
	size_t psz = (size_t)sysconf(_SC_PAGESIZE), mib, n, len;
	uint64_t *sums, *lat, *order, t0, whole_ns, touch_ns = 0;
	volatile unsigned char sink = 0;
	long f0, whole_flt, touch_flt;
	char *p;

	const char *mode = argc == 4 ? argv[3] : "private";
	bool shared = !strcmp(mode, "shared"), forked = !strcmp(mode, "forked");
	pid_t child;

	if (argc < 3 || argc > 4 || !(mib = strtoul(argv[1], NULL, 10)) ||
	    (!shared && !forked && strcmp(mode, "private"))) {
		fprintf(stderr, "usage: page-cluster MIB SEED [private|forked|shared]\n");
		return 2;
	}
	rng = strtoull(argv[2], NULL, 10) | 1;
	len = mib << 20;
	n = len / psz;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS, -1, 0);
	sums = calloc(n, sizeof(*sums));
	lat = calloc(n, sizeof(*lat));
	order = calloc(n, sizeof(*order));
	if (p == MAP_FAILED || !sums || !lat || !order) {
		perror("page-cluster");
		return 2;
	}
	madvise(p, len, MADV_NOHUGEPAGE);
	for (size_t i = 0; i < n; i++) {
		fill_text(p + i * psz, psz);
		sums[i] = page_sum((unsigned char *)p + i * psz, psz);
		order[i] = i;
	}
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = next() % (i + 1);
		uint64_t t = order[i];

		order[i] = order[j];
		order[j] = t;
	}

	page_out(p, len, n, psz, shared, "whole");
	child = forked ? hold_slots() : 0;
	f0 = majflt();
	t0 = now_ns();
	for (size_t i = 0; i < n; i++)
		sink ^= ((volatile unsigned char *)p)[i * psz];
	whole_ns = now_ns() - t0;
	whole_flt = majflt() - f0;
	release(child);
	verify(p, n, psz, sums, "whole");

	page_out(p, len, n, psz, shared, "touch");
	child = forked ? hold_slots() : 0;
	f0 = majflt();
	for (size_t i = 0; i < n; i++) {
		t0 = now_ns();
		sink ^= ((volatile unsigned char *)p)[order[i] * psz];
		lat[i] = now_ns() - t0;
		touch_ns += lat[i];
	}
	touch_flt = majflt() - f0;
	release(child);
	verify(p, n, psz, sums, "touch");
	qsort(lat, n, sizeof(*lat), cmp_u64);

	printf("pages=%zu whole_ns=%llu whole_majflt=%ld touch_ns=%llu touch_majflt=%ld "
	       "p50_ns=%llu p90_ns=%llu p99_ns=%llu\n",
	       n, (unsigned long long)whole_ns, whole_flt, (unsigned long long)touch_ns, touch_flt,
	       (unsigned long long)lat[n / 2], (unsigned long long)lat[n * 9 / 10],
	       (unsigned long long)lat[n * 99 / 100]);
	(void)sink;
	return 0;
}
