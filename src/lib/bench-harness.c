// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The bench harness (see bench-harness.h): pages of the calling process (an
 * anonymous mapping without huge pages, MADV_PAGEOUT, /proc/self/pagemap,
 * one timed touch of a page with the faults it took) and the machine facts
 * a result is reported with.
 *
 * It lives in src/lib, not in src/cli, because architecture.md gives the
 * library layer every syscall and every file under /sys and /proc: the CLI
 * decides and presents, this is mechanism. It is not in libzswapctl.so
 * because it is a benchmark's mechanism, not zram's: exported, it would be
 * an ABI frozen for one command's measurement method.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>

#include "bench-harness.h"
#include "private.h"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

size_t harness_page_size(void)
{
	long sz = sysconf(_SC_PAGESIZE);

	return sz > 0 ? (size_t)sz : 4096;
}

int harness_mem_map(size_t npages, void **addr)
{
	size_t len = npages * harness_page_size();
	void *p;

	if (!npages || len / npages != harness_page_size())
		return -EINVAL;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	/* One page per fault: no THP, so every touch is one 4 KiB swap-in. */
	if (madvise(p, len, MADV_NOHUGEPAGE) < 0) {
		int r = -errno;

		munmap(p, len);
		return r;
	}
	*addr = p;
	return 0;
}

int harness_mem_unmap(void *addr, size_t npages)
{
	return munmap(addr, npages * harness_page_size()) < 0 ? -errno : 0;
}

int harness_mem_pageout(void *addr, size_t npages)
{
	return madvise(addr, npages * harness_page_size(), MADV_PAGEOUT) < 0 ?
		       -errno : 0;
}

int harness_mem_discard(void *addr, size_t npages)
{
	return madvise(addr, npages * harness_page_size(), MADV_DONTNEED) < 0 ?
		       -errno : 0;
}

struct harness_pagemap {
	int fd;
};

int harness_pagemap_open(struct zswapctl_ctx *ctx, struct harness_pagemap **out)
{
	_cleanup_free_ char *path = zswapctl_path(ctx, "/proc/self/pagemap");
	struct harness_pagemap *pm;

	if (!path)
		return -ENOMEM;
	pm = calloc(1, sizeof(*pm));
	if (!pm)
		return -ENOMEM;
	pm->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (pm->fd < 0) {
		int r = -errno;

		free(pm);
		return r;
	}
	*out = pm;
	return 0;
}

void harness_pagemap_close(struct harness_pagemap *pm)
{
	if (!pm)
		return;
	close(pm->fd);
	free(pm);
}

int harness_pagemap_read(const struct harness_pagemap *pm, const void *addr,
			 size_t npages, uint64_t *entries)
{
	size_t psz = harness_page_size(), done = 0;
	off_t off = (off_t)((uintptr_t)addr / psz * sizeof(uint64_t));

	if ((uintptr_t)addr % psz)
		return -EINVAL;
	while (done < npages * sizeof(uint64_t)) {
		ssize_t n = pread(pm->fd, (char *)entries + done,
				  npages * sizeof(uint64_t) - done,
				  off + (off_t)done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		done += (size_t)n;
	}
	return 0;
}

static uint64_t ts_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * 1000000000ull + (uint64_t)ts->tv_nsec;
}

int harness_mem_pageout_timed(void *addr, size_t npages, uint64_t *ns)
{
	struct timespec a, b;
	int r;

	clock_gettime(CLOCK_MONOTONIC, &a);
	r = harness_mem_pageout(addr, npages);
	clock_gettime(CLOCK_MONOTONIC, &b);
	*ns = ts_ns(&b) - ts_ns(&a);
	return r;
}

int harness_touch_timed(const void *addr, struct harness_touch *t)
{
	struct rusage ru0, ru1;
	struct timespec a, b;

	if (getrusage(RUSAGE_THREAD, &ru0) < 0)
		return -errno;
	/* The timed window holds the access and nothing else. */
	clock_gettime(CLOCK_MONOTONIC, &a);
	__asm__ volatile("" ::: "memory");
	(void)*(const volatile char *)addr;
	__asm__ volatile("" ::: "memory");
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (getrusage(RUSAGE_THREAD, &ru1) < 0)
		return -errno;
	t->ns = ts_ns(&b) - ts_ns(&a);
	t->majflt = ru1.ru_majflt - ru0.ru_majflt;
	t->minflt = ru1.ru_minflt - ru0.ru_minflt;
	return 0;
}

int harness_thp_read(struct zswapctl_ctx *ctx, const char *attr, char **value)
{
	char *text, *open, *close;
	int r;

	if (!attr || !*attr || strchr(attr, '/') || strstr(attr, ".."))
		return -EINVAL;
	r = zswapctl_read_rootf(ctx, 0, &text, "/sys/kernel/mm/transparent_hugepage/%s", attr);
	if (r < 0)
		return r;
	zswapctl_rstrip(text);
	/* "always [madvise] never": the choice in brackets. */
	open = strchr(text, '[');
	close = open ? strchr(open, ']') : NULL;
	if (open && close) {
		*close = '\0';
		memmove(text, open + 1, (size_t)(close - open));
	}
	*value = text;
	return 0;
}

int harness_cpu_model(struct zswapctl_ctx *ctx, char **model)
{
	_cleanup_free_ char *text = NULL;
	char *line, *colon, *end;
	int r = zswapctl_read_rootf(ctx, 0, &text, "/proc/cpuinfo");

	if (r < 0)
		return r;
	for (line = text; line && *line; line = end ? end + 1 : NULL) {
		end = strchr(line, '\n');
		if (end)
			*end = '\0';
		if (strncmp(line, "model name", 10) != 0)
			continue;
		colon = strchr(line, ':');
		if (!colon)
			continue;
		colon++;
		while (*colon == ' ' || *colon == '\t')
			colon++;
		*model = strdup(colon);
		return *model ? 0 : -ENOMEM;
	}
	return -ENODATA;
}
