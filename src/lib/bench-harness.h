/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The harness of `zswapctl bench`: memory of the calling process pushed to
 * swap and touched one page at a time, its pagemap, and the facts about the
 * machine a result depends on (CPU model, transparent hugepages).
 *
 * Not part of libzswapctl: nothing here is about zram, and a benchmark's
 * harness changes with the benchmark, so it must not become an ABI. It is a
 * noinst convenience library linked only by zswapctl and the tests, and
 * this header is not installed.
 */
#ifndef ZSWAPCTL_BENCH_HARNESS_H
#define ZSWAPCTL_BENCH_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "libzswapctl.h"

size_t harness_page_size(void);

/* An anonymous private mapping of NPAGES with MADV_NOHUGEPAGE, pushed to
 * swap with MADV_PAGEOUT, or dropped with MADV_DONTNEED. 0 or -errno. */
int harness_mem_map(size_t npages, void **addr);
int harness_mem_unmap(void *addr, size_t npages);
int harness_mem_pageout(void *addr, size_t npages);
int harness_mem_discard(void *addr, size_t npages);
/* harness_mem_pageout() between two CLOCK_MONOTONIC readings: the swap-out
 * of NPAGES, written synchronously by a zram device, in *NS. */
int harness_mem_pageout_timed(void *addr, size_t npages, uint64_t *ns);

/* /proc/self/pagemap (under the context's root): one 64-bit entry per page.
 * For a swapped-out page the low bits hold the swap type and offset (the
 * page index on the swap device; needs CAP_SYS_ADMIN, else 0). */
#define HARNESS_PM_PRESENT (1ULL << 63)
#define HARNESS_PM_SWAPPED (1ULL << 62)
#define HARNESS_PM_SWAP_TYPE(e) ((unsigned int)((e) & 0x1f))
#define HARNESS_PM_SWAP_OFFSET(e) (((e) >> 5) & ((1ULL << 50) - 1))
struct harness_pagemap;
int harness_pagemap_open(struct zswapctl_ctx *ctx, struct harness_pagemap **pm);
/* NULL is fine. */
void harness_pagemap_close(struct harness_pagemap *pm);
int harness_pagemap_read(const struct harness_pagemap *pm, const void *addr,
			 size_t npages, uint64_t *entries);

/* Reads one byte at ADDR between two CLOCK_MONOTONIC readings; the faults
 * the calling thread took (getrusage) are read outside that window. */
struct harness_touch {
	uint64_t ns;
	long majflt;
	long minflt;
};
int harness_touch_timed(const void *addr, struct harness_touch *t);

/* /sys/kernel/mm/transparent_hugepage/ATTR: the bracketed choice
 * ("madvise") or the whole value; free() it. */
int harness_thp_read(struct zswapctl_ctx *ctx, const char *attr, char **value);
/* "model name" of the first CPU in /proc/cpuinfo; -ENODATA without one. */
int harness_cpu_model(struct zswapctl_ctx *ctx, char **model);

#endif
