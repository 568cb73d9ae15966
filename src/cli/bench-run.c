// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench: one round. Map the pages, fill them, push them out, check that
 * each left, optionally write a share back to the backing device, then
 * touch them in random order, one timed major fault each, and classify
 * every sample by the path it took. Floors come from the same pages.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"

volatile sig_atomic_t bench_interrupted;

/* Adds the fields' deltas from A to B into ACC; KNOWN[i] says that field i
 * was read, both times: one the kernel does not have (an older series) is
 * not a delta of 0. */
static void add_deltas(uint64_t *acc, bool *known, size_t n,
		       const struct zswapctl_counters *a, const struct zswapctl_counters *b)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t x, y;

		if (zswapctl_counters_get(a, i, &x) < 0 || zswapctl_counters_get(b, i, &y) < 0)
			continue;
		known[i] = true;
		if (y >= x)
			acc[i] += y - x;
	}
}

static int bd_reads(struct bench *b, uint64_t *v)
{
	return zswapctl_dev_read_counter(b->dev, ZSWAPCTL_GROUP_BD, "bd_reads", v);
}

static void shuffle(size_t *order, size_t n, uint64_t *rng)
{
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(prng_next(rng) % i), t = order[i - 1];

		order[i - 1] = order[j];
		order[j] = t;
	}
}

static int measure(struct bench *b, struct bench_side *side, char *mem,
		   const uint64_t *pm, const unsigned char *intent,
		   const size_t *order, size_t np, size_t psz)
{
	bool have_bd = side->have_bd;
	uint64_t majflt0 = side->own_majflt;
	char what[64];

	snprintf(what, sizeof(what), "bench %s, round %u/%u", side->label, side->rounds + 1,
		 b->opts.rounds);
	progress_init(&b->progress, b->cli);
	for (size_t k = 0; k < np && !bench_interrupted; k++) {
		size_t i = order[k];

		/* between two timed touches: the major faults getrusage counted */
		progress_show(&b->progress, what, side->own_majflt - majflt0, np, false);
		enum bench_path want = intent[i], got;
		struct harness_touch t;
		uint64_t r0 = 0, r1 = 0;
		int r;

		if (!(pm[i] & HARNESS_PM_SWAPPED)) {
			side->excluded[want][EXCL_NOT_SWAPPED]++;
			continue;
		}
		if (have_bd && bd_reads(b, &r0) < 0)
			have_bd = false;
		r = harness_touch_timed(mem + i * psz, &t);
		if (r < 0)
			return r;
		if (have_bd && bd_reads(b, &r1) < 0)
			have_bd = false;
		side->own_majflt += (uint64_t)t.majflt;
		if (t.majflt > 0)
			side->own_ns += t.ns;
		if (t.majflt != 1) {
			side->excluded[want][EXCL_NOT_MAJOR]++;
			continue;
		}
		got = want == PATH_SAME ? PATH_SAME : PATH_ZSPOOL;
		if (have_bd && r1 - r0 > 1) {
			side->excluded[want][EXCL_BD_MULTI]++;
			continue;
		}
		if (have_bd && r1 - r0 == 1)
			got = PATH_BACKING;
		if (got != want)
			side->wrong_path[want]++;
		r = samples_add(&side->path[got], t.ns);
		if (r < 0)
			return r;
	}
	progress_end(&b->progress);
	return 0;
}

static int floors(struct bench *b, struct bench_side *side, char *mem,
		  const unsigned char *kind, const size_t *order, size_t np,
		  size_t psz, bool decompress)
{
	int r;

	/* userspace decompression of the same pages, now back in memory */
	for (size_t i = 0; decompress && b->decomp && i < np && !bench_interrupted; i++) {
		uint64_t ns;

		if (kind[i] == DATA_SAME)
			continue;
		r = decomp_time_page(b->decomp, mem + i * psz, psz, &ns);
		if (r < 0)
			return r;
		r = samples_add(&b->decompress, ns);
		if (r < 0)
			return r;
	}
	/* a minor fault: read an unpopulated anonymous page */
	r = harness_mem_discard(mem, np);
	if (r < 0)
		return r;
	for (size_t k = 0; k < np && !bench_interrupted; k++) {
		struct harness_touch t;

		r = harness_touch_timed(mem + order[k] * psz, &t);
		if (r < 0)
			return r;
		if (t.majflt == 0 && t.minflt == 1) {
			r = samples_add(&side->minor, t.ns);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

int bench_round(struct bench *b, struct bench_side *side, unsigned int round)
{
	size_t np = b->opts.pages, psz = harness_page_size();
	struct zswapctl_counters *so0 = NULL, *so1 = NULL, *bd0 = NULL, *bd1 = NULL;
	uint64_t rng = b->opts.seed ^ (0x51ed270b27a3c1d5ull * (round * 2 + 1 +
							     (uint64_t)(side - b->sides)));
	uint64_t kc0 = 0, kd0 = 0, kc1 = 0, kd1 = 0, pageout_ns;
	unsigned char *intent = NULL, *kind = NULL;
	uint64_t *pm = NULL;
	size_t *order = NULL;
	bool ks = false;
	char *mem = NULL;
	void *addr;
	int r;

	if (b->opts.compare) {
		r = zswapctl_dev_set_swap_ops(b->dev, side->swap_ops == 1);
		if (r < 0)
			return r;
	}
	pm = calloc(np, sizeof(*pm));
	intent = calloc(np, 1);
	kind = calloc(np, 1);
	order = calloc(np, sizeof(*order));
	if (!pm || !intent || !kind || !order) {
		r = -ENOMEM;
		goto out;
	}
	r = harness_mem_map(np, &addr);
	if (r < 0)
		goto out;
	mem = addr;
	for (size_t i = 0; i < np; i++) {
		kind[i] = (unsigned char)b->opts.kinds[i % b->opts.nkinds];
		intent[i] = kind[i] == DATA_SAME ? PATH_SAME : PATH_ZSPOOL;
		data_fill(mem + i * psz, psz, kind[i],
			  b->opts.seed + (uint64_t)round * np + i);
	}

	side->have_swap_ops =
		zswapctl_dev_read_counters(b->dev, ZSWAPCTL_GROUP_SWAP_OPS, &so0) == 0;
	side->have_bd = zswapctl_dev_read_counters(b->dev, ZSWAPCTL_GROUP_BD, &bd0) == 0;

	/* out, and check that every page left; a page still resident is
	 * pushed again on its own, twice at most */
	r = harness_mem_pageout_timed(mem, np, &pageout_ns);
	if (r == 0)
		r = samples_add(&side->swap_out, pageout_ns);
	if (r < 0)
		goto out;
	r = harness_pagemap_read(b->pm, mem, np, pm);
	for (int pass = 0; r == 0 && pass < 2; pass++) {
		bool again = false;

		for (size_t i = 0; i < np; i++)
			if (!(pm[i] & HARNESS_PM_SWAPPED)) {
				harness_mem_pageout(mem + i * psz, 1);
				again = true;
			}
		if (!again)
			break;
		r = harness_pagemap_read(b->pm, mem, np, pm);
	}
	if (r < 0)
		goto out;

	if (b->opts.writeback) {
		r = bench_write_back(b, pm, intent, np, &rng);
		if (r < 0)
			goto out;
	}

	shuffle(order, np, &rng);
	if (b->ts) {
		pid_t pid = getpid();

		ks = zswapctl_taskstats_swapin(b->ts, pid, false, &kc0, &kd0) == 0;
	}
	r = measure(b, side, mem, pm, intent, order, np, psz);
	if (r < 0)
		goto out;
	if (ks && zswapctl_taskstats_swapin(b->ts, getpid(), false, &kc1, &kd1) == 0) {
		side->have_taskstats = true;
		side->ks_count += kc1 - kc0;
		side->ks_delay_ns += kd1 - kd0;
	}
	if (side->have_swap_ops &&
	    zswapctl_dev_read_counters(b->dev, ZSWAPCTL_GROUP_SWAP_OPS, &so1) == 0)
		add_deltas(side->so_delta, side->so_known, BENCH_SO_FIELDS, so0, so1);
	if (side->have_bd && zswapctl_dev_read_counters(b->dev, ZSWAPCTL_GROUP_BD, &bd1) == 0)
		add_deltas(side->bd, side->bd_known, 3, bd0, bd1);

	if (!b->opts.no_floors)
		r = floors(b, side, mem, kind, order, np, psz,
			   round == 0 && side == b->sides);
	side->rounds++;
out:
	if (mem)
		harness_mem_unmap(mem, np);
	zswapctl_counters_unref(so0);
	zswapctl_counters_unref(so1);
	zswapctl_counters_unref(bd0);
	zswapctl_counters_unref(bd1);
	free(pm);
	free(intent);
	free(kind);
	free(order);
	return r;
}
