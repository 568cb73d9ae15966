// SPDX-License-Identifier: GPL-2.0-or-later
/* The statistics of zswapctl bench: nearest-rank percentiles, mean, max. */
#include <stdint.h>
#include <stdlib.h>

#include "../../src/cli/bench.h"
#include "tap.h"

static void test_percentiles(void)
{
	uint64_t v[100];

	for (int i = 0; i < 100; i++)
		v[i] = (uint64_t)(i + 1) * 10; /* 10 .. 1000 */
	CHECK(percentile_sorted(v, 100, 50) == 500, "p50 of 1..100 x10 is 500");
	CHECK(percentile_sorted(v, 100, 90) == 900, "p90 is 900");
	CHECK(percentile_sorted(v, 100, 99) == 990, "p99 is 990");
	CHECK(percentile_sorted(v, 100, 99.9) == 1000, "p99.9 of 100 samples is the max");
	CHECK(percentile_sorted(v, 100, 100) == 1000, "p100 is the max");
	CHECK(percentile_sorted(v, 100, 0.5) == 10, "p0.5 is the min");
	CHECK(percentile_sorted(v, 0, 50) == 0, "no samples: 0");
	CHECK(percentile_sorted(v, 1, 99.9) == 10, "one sample is every percentile");
	/* nearest rank with n = 3: p50 -> rank 2, p90 -> rank 3 */
	CHECK(percentile_sorted(v, 3, 50) == 20, "p50 of {10,20,30} is 20");
	CHECK(percentile_sorted(v, 3, 90) == 30, "p90 of {10,20,30} is 30");
	CHECK(percentile_sorted(v, 4, 50) == 20, "p50 of 4 samples is the 2nd");
}

static void test_summary(void)
{
	struct samples s = { 0 };
	struct summary sum;
	uint64_t state = 42;
	int r = 0;

	samples_summarize(&s, &sum);
	CHECK(sum.n == 0 && sum.max == 0 && sum.mean == 0, "empty set summarizes to zeros");

	/* 1..2000 in a shuffled order */
	uint64_t *vals = malloc(2000 * sizeof(*vals));
	for (int i = 0; i < 2000; i++)
		vals[i] = (uint64_t)i + 1;
	for (int i = 1999; i > 0; i--) {
		size_t j = prng_next(&state) % (uint64_t)(i + 1);
		uint64_t t = vals[i];

		vals[i] = vals[j];
		vals[j] = t;
	}
	for (int i = 0; i < 2000; i++)
		r |= samples_add(&s, vals[i]);
	free(vals);
	CHECK(r == 0 && s.n == 2000, "2000 samples added (growing the array)");
	samples_summarize(&s, &sum);
	CHECK(sum.n == 2000, "n = 2000");
	CHECK(sum.min == 1 && sum.max == 2000, "min 1, max 2000");
	CHECK(sum.mean > 1000.49 && sum.mean < 1000.51, "mean 1000.5 (%.2f)", sum.mean);
	CHECK(sum.p50 == 1000, "p50 1000 (%llu)", (unsigned long long)sum.p50);
	CHECK(sum.p90 == 1800, "p90 1800 (%llu)", (unsigned long long)sum.p90);
	CHECK(sum.p99 == 1980, "p99 1980 (%llu)", (unsigned long long)sum.p99);
	CHECK(sum.p999 == 1998, "p99.9 1998 (%llu)", (unsigned long long)sum.p999);
	CHECK(s.ns[0] == 1 && s.ns[1999] == 2000, "samples left sorted");
	samples_free(&s);
	CHECK(s.n == 0 && s.ns == NULL, "samples_free empties the set");

	/* one outlier moves max and p99.9 of 1000 samples, not p50 */
	for (int i = 0; i < 999; i++)
		samples_add(&s, 100);
	samples_add(&s, 1000000);
	samples_summarize(&s, &sum);
	CHECK(sum.p50 == 100 && sum.p99 == 100, "an outlier leaves p50 and p99 alone");
	CHECK(sum.p999 == 100 && sum.max == 1000000, "1 in 1000: p99.9 100 (rank 999), max the outlier");
	samples_free(&s);
}

int main(void)
{
	test_percentiles();
	test_summary();
	return tap_finish();
}
