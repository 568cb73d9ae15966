// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench --writeback: a share of a round's compressible pages written back
 * to the backing device before they are read (apart from bench-run.c so
 * that test-bench-stats can run it on a stand-in device).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"

/* Writes back the chosen pages by their slot (page_index=, 6.x kernels);
 * where the kernel refuses that, marks everything idle and writes back
 * every idle page, on a device that holds only bench's pages. */
int bench_write_back(struct bench *b, const uint64_t *pm, unsigned char *intent,
		     size_t np, uint64_t *rng)
{
	bool tried = false;
	char buf[48];
	int r;

	if (!b->writeback_method || !strcmp(b->writeback_method, "page_index")) {
		for (size_t i = 0; i < np; i++) {
			if (intent[i] != PATH_ZSPOOL || !(pm[i] & HARNESS_PM_SWAPPED) ||
			    prng_next(rng) % 100 >= (uint64_t)b->opts.writeback)
				continue;
			snprintf(buf, sizeof(buf), "page_index=%llu",
				 (unsigned long long)HARNESS_PM_SWAP_OFFSET(pm[i]));
			tried = true;
			r = zswapctl_dev_write_attr(b->dev, "writeback", buf);
			if (r == -EINVAL && !b->writeback_method)
				break; /* no page_index= here: fall back */
			if (r < 0)
				return r;
			b->writeback_method = "page_index";
			intent[i] = PATH_BACKING;
			b->pages_written_back++;
		}
		/* no page chosen (none compressible, or the draw): nothing to
		 * learn about the kernel, nothing to write back */
		if (b->writeback_method || !tried)
			return 0;
	}
	/* "idle all" marks every page of the device, another process's too,
	 * and "writeback idle" writes them all back: only on a device that
	 * held nothing before the run */
	if (b->swap_used_before) {
		b->writeback_refused = true;
		return -EBUSY;
	}
	b->writeback_method = "idle";
	r = zswapctl_dev_write_attr(b->dev, "idle", "all");
	if (r < 0)
		return r;
	r = zswapctl_dev_write_attr(b->dev, "writeback", "idle");
	if (r < 0)
		return r;
	for (size_t i = 0; i < np; i++)
		if (intent[i] == PATH_ZSPOOL && (pm[i] & HARNESS_PM_SWAPPED)) {
			intent[i] = PATH_BACKING;
			b->pages_written_back++;
		}
	return 0;
}
