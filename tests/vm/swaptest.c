// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * swaptest: swap integrity and swap_ops counter checks for the patched
 * kernel (kernel/ series).  Built with `gcc -static -O2`, runs as root in
 * the test VM.
 *
 * Every page carries its own checksum: bytes 0..7 hold the page's index and
 * a run seed, the body is a mix of compressible text and pseudo-random
 * words, and the last 8 bytes are the FNV-1a hash of everything before.
 * Every check verifies every page.
 *
 * Subcommands (PAGES: number of 4 KiB pages):
 *   anon PAGES [SECONDS]   private anonymous memory: fill, MADV_PAGEOUT,
 *                          check /proc/self/pagemap says "swapped", read
 *                          back and verify; repeat for SECONDS (load)
 *   fork PAGES             pageout, then a child verifies every page (the
 *                          swap cache path: the entries are shared), then
 *                          the parent verifies
 *   shmem PAGES            the same with a memfd (shmem) mapping
 *   mthp PAGES             64 KiB aligned, MADV_HUGEPAGE; the caller enables
 *                          hugepages-64kB and checks the mTHP counters
 *   munmap PAGES           pageout, then munmap: frees the swap slots
 *   hold PAGES             pageout, print READY, wait for SIGUSR1, verify
 *                          (lets a script write back, flip switches...)
 *   wbrace PAGES DEV [ROUNDS]
 *                          page_index= writeback aimed at the folio being
 *                          faulted in: a thread reads the swapped-out pages
 *                          in order while the main thread writes each page's
 *                          own slot (pagemap's swap offset) to DEV's
 *                          writeback; counts the writebacks the kernel took
 *                          that began and returned while that very page's
 *                          access was under way ("window" hits), then
 *                          verifies every page
 *   stat DEV               print swap_ops_stat of /sys/block/DEV as NAME VALUE
 *   snap DEV               print swap_ops_stat of DEV as one line
 *   expect BEFORE AFTER COND...
 *                          BEFORE and AFTER are swap_ops_stat lines; each
 *                          COND is NAME OP NUMBER on the delta (AFTER -
 *                          BEFORE), OP one of == != >= <= > <, e.g.
 *                          "ops_writes>=1000" "bio_writes==0"
 *
 * Output: one summary line per run ("swaptest: anon pages=... swapped=...
 * verified=..."), deltas for expect.  Exit status: 0 ok, 1 a page is
 * corrupt or a condition failed, 2 usage or setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "page-checksum.h"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
#ifndef MADV_HUGEPAGE
#define MADV_HUGEPAGE 14
#endif
#ifndef MFD_CLOEXEC
#define MFD_CLOEXEC 1U
#endif

#define PG 4096UL

static const char *const fields[] = {
	"ops_reads", "ops_writes", "bio_reads", "bio_writes",
	"wb_fallback", "off_fallback", "ops_notify_free", "bdev_notify_free",
	"ops_failed_reads", "ops_failed_writes", "ops_read_ns",
	"ops_write_ns", "bio_read_ns", "bio_write_ns", "ops_bd_reads",
	"bio_failed_reads", "bio_failed_writes",
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static uint64_t seed;
static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

static void die(const char *what)
{
	fprintf(stderr, "swaptest: %s: %s\n", what, strerror(errno));
	exit(2);
}

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void fill_page(unsigned char *p, size_t idx)
{
	uint64_t s = seed ^ (idx * 0x2545f4914f6cdd1dULL);
	uint64_t *w = (uint64_t *)p;
	size_t i, nw = PG / 8;
	uint64_t h;

	w[0] = ((uint64_t)idx << 20) ^ (seed & 0xfffff);
	/* a quarter random words, the rest text: compresses, not same-filled */
	for (i = 1; i < nw - 1; i++) {
		if (i % 4 == 0)
			w[i] = splitmix(&s);
		else
			memcpy(&w[i], "swaptest", 8);
	}
	h = fnv1a(p, PG - 8);
	memcpy(p + PG - 8, &h, 8);
}

/* Returns the number of bad pages; reports the first few. */
static size_t verify(unsigned char *base, size_t pages, const char *who)
{
	size_t i, bad = 0;

	for (i = 0; i < pages; i++) {
		unsigned char *p = base + i * PG;
		uint64_t h, want, tag;

		memcpy(&want, p + PG - 8, 8);
		memcpy(&tag, p, 8);
		h = fnv1a(p, PG - 8);
		if (h != want || tag != (((uint64_t)i << 20) ^ (seed & 0xfffff))) {
			if (bad < 5)
				fprintf(stderr, "swaptest: %s: page %zu corrupt\n",
					who, i);
			bad++;
		}
	}
	return bad;
}

/* pagemap's entries for [base, base + pages): the caller frees them. */
static uint64_t *read_pagemap(unsigned char *base, size_t pages)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	uint64_t *ents = malloc(pages * sizeof(*ents));

	if (fd < 0 || !ents)
		die("pagemap");
	if (pread(fd, ents, pages * sizeof(*ents),
		  (off_t)((uintptr_t)base / PG) * 8) !=
	    (ssize_t)(pages * sizeof(*ents)))
		die("read pagemap");
	close(fd);
	return ents;
}

/* Pages of [base, base + pages) that pagemap reports as swapped. */
static size_t count_swapped(unsigned char *base, size_t pages)
{
	uint64_t *ents = read_pagemap(base, pages);
	size_t i, n = 0;

	for (i = 0; i < pages; i++)
		if (ents[i] & (1ULL << 62))
			n++;
	free(ents);
	return n;
}

/* Pages not resident (mincore), for shmem where pagemap shows no swap. */
static size_t count_nonresident(unsigned char *base, size_t pages)
{
	unsigned char *vec = malloc(pages);
	size_t i, n = 0;

	if (!vec)
		die("malloc");
	if (mincore(base, pages * PG, vec))
		die("mincore");
	for (i = 0; i < pages; i++)
		if (!(vec[i] & 1))
			n++;
	free(vec);
	return n;
}

/* MADV_PAGEOUT until (nearly) everything is out; returns pages out. */
static size_t pageout(unsigned char *base, size_t pages, int shmem)
{
	size_t out = 0;
	int tries;

	for (tries = 0; tries < 5; tries++) {
		if (madvise(base, pages * PG, MADV_PAGEOUT))
			die("madvise(MADV_PAGEOUT)");
		out = shmem ? count_nonresident(base, pages) :
			      count_swapped(base, pages);
		if (out == pages)
			break;
		usleep(20000);
	}
	return out;
}

static unsigned char *map_anon(size_t pages, size_t align)
{
	size_t len = pages * PG + align;
	unsigned char *p;
	uintptr_t a;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("mmap");
	if (!align)
		return p;
	a = ((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1);
	return (unsigned char *)a;
}

static void fill(unsigned char *base, size_t pages)
{
	size_t i;

	for (i = 0; i < pages; i++)
		fill_page(base + i * PG, i);
}

static int report(const char *what, size_t pages, size_t out, size_t bad)
{
	printf("swaptest: %s pages=%zu swapped=%zu corrupt=%zu\n",
	       what, pages, out, bad);
	fflush(stdout);
	if (bad)
		return 1;
	if (!out) {
		fprintf(stderr, "swaptest: %s: nothing was swapped out\n", what);
		return 1;
	}
	return 0;
}

static int cmd_anon(size_t pages, int seconds)
{
	unsigned char *b = map_anon(pages, 0);
	time_t end = time(NULL) + seconds;
	size_t out, bad = 0, rounds = 0, maxout = 0;

	fill(b, pages);
	do {
		out = pageout(b, pages, 0);
		if (out > maxout)
			maxout = out;
		bad += verify(b, pages, "anon");
		rounds++;
	} while (!bad && time(NULL) < end);
	if (seconds)
		printf("swaptest: anon rounds=%zu\n", rounds);
	/* with SECONDS: the best round (swap may be off for a while) */
	return report("anon", pages, seconds ? maxout : out, bad);
}

static int cmd_fork(size_t pages)
{
	unsigned char *b = map_anon(pages, 0);
	size_t out, bad;
	int status;
	pid_t pid;

	fill(b, pages);
	out = pageout(b, pages, 0);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0)
		_exit(verify(b, pages, "fork child") ? 1 : 0);
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
	bad = verify(b, pages, "fork parent");
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "swaptest: fork child found corrupt pages\n");
		bad++;
	}
	return report("fork", pages, out, bad);
}

static int cmd_shmem(size_t pages)
{
	int fd = memfd_create("swaptest", MFD_CLOEXEC);
	unsigned char *b;
	size_t out, bad;

	if (fd < 0)
		die("memfd_create");
	if (ftruncate(fd, pages * PG))
		die("ftruncate");
	b = mmap(NULL, pages * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (b == MAP_FAILED)
		die("mmap shmem");
	fill(b, pages);
	out = pageout(b, pages, 1);
	bad = verify(b, pages, "shmem");
	return report("shmem", pages, out, bad);
}

static int cmd_mthp(size_t pages)
{
	size_t align = 64 * 1024, out, bad;
	struct rusage r0, r1;
	unsigned char *b;

	pages = (pages + 15) & ~(size_t)15;
	b = map_anon(pages, align);
	if (madvise(b, pages * PG, MADV_HUGEPAGE))
		die("madvise(MADV_HUGEPAGE)");
	fill(b, pages);
	out = pageout(b, pages, 0);
	getrusage(RUSAGE_SELF, &r0);
	bad = verify(b, pages, "mthp");
	getrusage(RUSAGE_SELF, &r1);
	/* about pages / 16 major faults if the folios came back whole */
	printf("swaptest: mthp majflt=%ld\n", r1.ru_majflt - r0.ru_majflt);
	return report("mthp", pages, out, bad);
}

static int cmd_munmap(size_t pages)
{
	unsigned char *b = map_anon(pages, 0);
	size_t out;

	fill(b, pages);
	out = pageout(b, pages, 0);
	if (munmap(b, pages * PG))
		die("munmap");
	return report("munmap", pages, out, 0);
}

static int cmd_hold(size_t pages)
{
	unsigned char *b = map_anon(pages, 0);
	struct sigaction sa;
	sigset_t set, old;
	size_t out, bad;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);

	fill(b, pages);
	out = pageout(b, pages, 0);
	printf("READY swapped=%zu\n", out);
	fflush(stdout);
	while (!got_usr1)
		sigsuspend(&old);
	bad = verify(b, pages, "hold");
	return report("hold", pages, out, bad);
}

/*
 * wbrace: the writeback/swap-in race.  The toucher thread publishes
 * "touching = i + 1" before it reads page i and 0 after; the main thread
 * waits for a page being touched and writes page_index=<its slot> to
 * /sys/block/DEV/writeback.  A writeback that began and returned while
 * "touching" still named that page ran inside the window between the
 * fault's start and the page's arrival: the race the series must survive
 * (slot lock, ZRAM_UNDER_WB, the backing-device read in swap_ops).
 */
struct wbrace {
	unsigned char *base;
	size_t pages;
	atomic_size_t touching; /* page index + 1 being read, 0 between */
	atomic_int done;
	size_t bad;
};

static void *wbrace_toucher(void *arg)
{
	struct wbrace *w = arg;
	size_t i;

	for (i = 0; i < w->pages; i++) {
		atomic_store(&w->touching, i + 1);
		(void)*(volatile unsigned char *)(w->base + i * PG);
		atomic_store(&w->touching, 0);
	}
	w->bad = verify(w->base, w->pages, "wbrace");
	atomic_store(&w->done, 1);
	return NULL;
}

/* Swap offsets of the pages, or -1 for a page not on swap type TYPE (the
 * type most of them went to: DEV, the highest-priority swap). */
static void swap_offsets(unsigned char *base, size_t pages, int64_t *off)
{
	uint64_t *ents = read_pagemap(base, pages);
	unsigned int count[32] = { 0 }, type = 0, t;
	size_t i;

	for (i = 0; i < pages; i++)
		if (ents[i] & (1ULL << 62))
			count[ents[i] & 0x1f]++;
	for (t = 1; t < 32; t++)
		if (count[t] > count[type])
			type = t;
	for (i = 0; i < pages; i++) {
		uint64_t e = ents[i];

		off[i] = (e & (1ULL << 62)) && (e & 0x1f) == type ?
				 (int64_t)((e >> 5) & ((1ULL << 50) - 1)) : -1;
	}
	free(ents);
}

static void write_attr(const char *dev, const char *attr, const char *val)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "/sys/block/%s/%s", dev, attr);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		die(path);
	if (write(fd, val, strlen(val)) < 0 && errno != EINVAL)
		fprintf(stderr, "swaptest: %s: %s\n", path, strerror(errno));
	close(fd);
}

static int cmd_wbrace(size_t pages, const char *dev, int rounds)
{
	unsigned char *b = map_anon(pages, 0);
	int64_t *off = malloc(pages * sizeof(*off));
	size_t attempts = 0, failed = 0, window = 0, out = 0, bad = 0;
	char path[128], cmd[64];
	int fd, r;

	if (!off)
		die("malloc");
	snprintf(path, sizeof(path), "/sys/block/%s/writeback", dev);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		die(path);
	fill(b, pages);
	for (r = 0; r < rounds && !bad; r++) {
		struct wbrace w = { .base = b, .pages = pages };
		size_t last = 0;
		pthread_t t;

		out += pageout(b, pages, 0);
		swap_offsets(b, pages, off);
		/* page_index= writes back only idle or huge slots */
		write_attr(dev, "idle", "all");
		if (pthread_create(&t, NULL, wbrace_toucher, &w))
			die("pthread_create");
		while (!atomic_load(&w.done)) {
			size_t i = atomic_load(&w.touching);

			if (!i || i == last || off[i - 1] < 0) {
				sched_yield();
				continue;
			}
			last = i;
			snprintf(cmd, sizeof(cmd), "page_index=%lld",
				 (long long)off[i - 1]);
			attempts++;
			if (write(fd, cmd, strlen(cmd)) < 0)
				failed++;
			else if (atomic_load(&w.touching) == i)
				window++;
		}
		pthread_join(t, NULL);
		bad += w.bad;
	}
	close(fd);
	free(off);
	printf("swaptest: wbrace rounds=%d attempts=%zu failed=%zu window=%zu\n",
	       r, attempts, failed, window);
	return report("wbrace", pages, out, bad);
}

static int read_stat(const char *dev, unsigned long long *v)
{
	char path[256], line[1024], *p, *end;
	size_t i;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/block/%s/swap_ops_stat", dev);
	f = fopen(path, "r");
	if (!f)
		die(path);
	if (!fgets(line, sizeof(line), f))
		die("read swap_ops_stat");
	fclose(f);
	p = line;
	for (i = 0; i < NFIELDS; i++) {
		v[i] = strtoull(p, &end, 10);
		if (end == p) {
			fprintf(stderr, "swaptest: swap_ops_stat has %zu fields\n", i);
			exit(2);
		}
		p = end;
	}
	return 0;
}

static int parse_line(const char *s, unsigned long long *v)
{
	const char *p = s;
	char *end;
	size_t i;

	for (i = 0; i < NFIELDS; i++) {
		v[i] = strtoull(p, &end, 10);
		if (end == p)
			return -1;
		p = end;
	}
	return 0;
}

static int cmd_expect(int argc, char **argv)
{
	unsigned long long a[NFIELDS], b[NFIELDS];
	int i, failed = 0;
	size_t f;

	if (argc < 2 || parse_line(argv[0], a) || parse_line(argv[1], b)) {
		fprintf(stderr, "swaptest: expect: need two %zu-field lines\n",
			NFIELDS);
		return 2;
	}
	printf("swaptest: delta");
	for (f = 0; f < 10; f++)
		printf(" %s=%lld", fields[f], (long long)(b[f] - a[f]));
	printf("\n");
	for (i = 2; i < argc; i++) {
		char name[64], op[3] = "";
		long long want, got;
		const char *c = argv[i];
		size_t n = strcspn(c, "=!<>");

		if (n == 0 || n >= sizeof(name)) {
			fprintf(stderr, "swaptest: bad condition %s\n", c);
			return 2;
		}
		memcpy(name, c, n);
		name[n] = 0;
		c += n;
		op[0] = *c++;
		if (*c == '=')
			op[1] = *c++;
		want = strtoll(c, NULL, 10);
		for (f = 0; f < NFIELDS; f++)
			if (!strcmp(fields[f], name))
				break;
		if (f == NFIELDS) {
			fprintf(stderr, "swaptest: unknown field %s\n", name);
			return 2;
		}
		got = (long long)(b[f] - a[f]);
		if (!((!strcmp(op, "==") && got == want) ||
		      (!strcmp(op, "!=") && got != want) ||
		      (!strcmp(op, ">=") && got >= want) ||
		      (!strcmp(op, "<=") && got <= want) ||
		      (!strcmp(op, ">") && got > want) ||
		      (!strcmp(op, "<") && got < want))) {
			printf("swaptest: expected %s, delta is %lld\n",
			       argv[i], got);
			failed = 1;
		}
	}
	return failed;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: swaptest anon PAGES [SECONDS] | fork PAGES | shmem PAGES |\n"
		"       mthp PAGES | munmap PAGES | hold PAGES |\n"
		"       wbrace PAGES DEV [ROUNDS] | stat DEV |\n"
		"       snap DEV | expect BEFORE AFTER COND...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long long v[NFIELDS];
	size_t pages = 0;
	size_t i;

	if (argc < 3)
		usage();
	seed = (uint64_t)getpid() * 0x9e3779b97f4a7c15ULL ^ (uint64_t)time(NULL);
	if (!strcmp(argv[1], "expect"))
		return cmd_expect(argc - 2, argv + 2);
	if (!strcmp(argv[1], "stat") || !strcmp(argv[1], "snap")) {
		read_stat(argv[2], v);
		for (i = 0; i < NFIELDS; i++) {
			if (argv[1][1] == 't')
				printf("%s %llu\n", fields[i], v[i]);
			else
				printf("%s%llu", i ? " " : "", v[i]);
		}
		if (argv[1][1] == 'n')
			printf("\n");
		return 0;
	}
	pages = strtoul(argv[2], NULL, 0);
	if (!pages)
		usage();
	if (!strcmp(argv[1], "anon"))
		return cmd_anon(pages, argc > 3 ? atoi(argv[3]) : 0);
	if (!strcmp(argv[1], "fork"))
		return cmd_fork(pages);
	if (!strcmp(argv[1], "shmem"))
		return cmd_shmem(pages);
	if (!strcmp(argv[1], "mthp"))
		return cmd_mthp(pages);
	if (!strcmp(argv[1], "munmap"))
		return cmd_munmap(pages);
	if (!strcmp(argv[1], "hold"))
		return cmd_hold(pages);
	if (!strcmp(argv[1], "wbrace") && argc > 3)
		return cmd_wbrace(pages, argv[3], argc > 4 ? atoi(argv[4]) : 1);
	usage();
	return 2;
}
