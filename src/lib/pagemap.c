// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Pages of the calling process: an anonymous mapping without huge pages,
 * MADV_PAGEOUT, /proc/self/pagemap, and one timed touch of a page with the
 * faults it took.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>

#include "private.h"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

struct zswapctl_pagemap {
	int refcount;
	struct zswapctl_ctx *ctx;
	int fd;
};

ZSWAPCTL_EXPORT size_t zswapctl_page_size(void)
{
	long sz = sysconf(_SC_PAGESIZE);

	return sz > 0 ? (size_t)sz : 4096;
}

ZSWAPCTL_EXPORT int zswapctl_mem_map(size_t npages, void **addr)
{
	size_t len = npages * zswapctl_page_size();
	void *p;

	if (!npages || len / npages != zswapctl_page_size())
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

ZSWAPCTL_EXPORT int zswapctl_mem_unmap(void *addr, size_t npages)
{
	return munmap(addr, npages * zswapctl_page_size()) < 0 ? -errno : 0;
}

ZSWAPCTL_EXPORT int zswapctl_mem_pageout(void *addr, size_t npages)
{
	return madvise(addr, npages * zswapctl_page_size(), MADV_PAGEOUT) < 0 ?
		       -errno : 0;
}

ZSWAPCTL_EXPORT int zswapctl_mem_discard(void *addr, size_t npages)
{
	return madvise(addr, npages * zswapctl_page_size(), MADV_DONTNEED) < 0 ?
		       -errno : 0;
}

ZSWAPCTL_EXPORT int zswapctl_pagemap_new(struct zswapctl_ctx *ctx,
					 struct zswapctl_pagemap **pm)
{
	_cleanup_free_ char *path = zswapctl_path(ctx, "/proc/self/pagemap");
	struct zswapctl_pagemap *p;

	if (!path)
		return -ENOMEM;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (p->fd < 0) {
		int r = -errno;

		free(p);
		return r;
	}
	p->refcount = 1;
	p->ctx = zswapctl_ctx_ref(ctx);
	*pm = p;
	return 0;
}

ZSWAPCTL_EXPORT struct zswapctl_pagemap *
zswapctl_pagemap_ref(struct zswapctl_pagemap *pm)
{
	if (pm)
		pm->refcount++;
	return pm;
}

ZSWAPCTL_EXPORT struct zswapctl_pagemap *
zswapctl_pagemap_unref(struct zswapctl_pagemap *pm)
{
	if (!pm || --pm->refcount > 0)
		return NULL;
	close(pm->fd);
	zswapctl_ctx_unref(pm->ctx);
	free(pm);
	return NULL;
}

ZSWAPCTL_EXPORT int zswapctl_pagemap_read(struct zswapctl_pagemap *pm,
					  const void *addr, size_t npages,
					  uint64_t *entries)
{
	size_t psz = zswapctl_page_size(), done = 0;
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

ZSWAPCTL_EXPORT int zswapctl_touch_timed(const void *addr,
					 struct zswapctl_touch *t)
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
