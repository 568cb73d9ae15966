// SPDX-License-Identifier: GPL-2.0-or-later
/* bench: latency samples and their distribution (nearest-rank percentiles). */
#include <errno.h>
#include <string.h>

#include "bench.h"
#include "util.h"

int samples_add(struct samples *s, uint64_t ns)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		uint64_t *p = realloc(s->ns, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		s->ns = p;
		s->cap = cap;
	}
	s->ns[s->n++] = ns;
	s->sum += ns;
	return 0;
}

void samples_free(struct samples *s)
{
	free(s->ns);
	memset(s, 0, sizeof(*s));
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

const double cdf_levels[CDF_LEVELS] = {
	1, 5, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 95, 99, 99.5, 99.9, 99.99, 100,
};

uint64_t percentile_sorted(const uint64_t *sorted, size_t n, double p)
{
	double rank;
	size_t i;

	if (!n)
		return 0;
	/* Nearest rank: the smallest value with at least P% at or below it. */
	/* (the epsilon keeps 99.9% of 2000 at rank 1998, not 1999; rounded up
	 * by hand: zswapctl does not link libm) */
	rank = p / 100.0 * (double)n - 1e-9;
	i = rank < 1 ? 0 : (size_t)rank;
	if ((double)i < rank)
		i++;
	i = i ? i - 1 : 0;
	return sorted[i < n ? i : n - 1];
}

void samples_summarize(struct samples *s, struct summary *sum)
{
	memset(sum, 0, sizeof(*sum));
	if (!s->n)
		return;
	qsort(s->ns, s->n, sizeof(*s->ns), cmp_u64);
	sum->n = s->n;
	sum->mean = (double)s->sum / (double)s->n;
	sum->min = s->ns[0];
	sum->p50 = percentile_sorted(s->ns, s->n, 50);
	sum->p90 = percentile_sorted(s->ns, s->n, 90);
	sum->p99 = percentile_sorted(s->ns, s->n, 99);
	sum->p999 = percentile_sorted(s->ns, s->n, 99.9);
	sum->max = s->ns[s->n - 1];
}

void bench_samples_free(struct bench *b)
{
	for (size_t s = 0; s < ARRAY_SIZE(b->sides); s++) {
		for (size_t p = 0; p < PATH_COUNT; p++)
			samples_free(&b->sides[s].path[p]);
		samples_free(&b->sides[s].minor);
		samples_free(&b->sides[s].swap_out);
	}
	samples_free(&b->decompress);
}
