// SPDX-License-Identifier: GPL-2.0-or-later
/* Arithmetic shared by the stats renderings. */
#include <errno.h>

#include "stats.h"

const struct path_mean path_means[PATH_MEANS] = {
	{ "ops_read_ns_per_page", "ops_read_ns", "ops_reads" },
	{ "ops_write_ns_per_page", "ops_write_ns", "ops_writes" },
	{ "bio_read_ns_per_page", "bio_read_ns", "bio_reads" },
	{ "bio_write_ns_per_page", "bio_write_ns", "bio_writes" },
};

double snapshot_elapsed(const struct snapshot *cur, const struct snapshot *prev)
{
	return (double)(cur->monotonic.tv_sec - prev->monotonic.tv_sec) +
	       (double)(cur->monotonic.tv_nsec - prev->monotonic.tv_nsec) / 1e9;
}

int counters_field(const struct zswapctl_counters *c, size_t i,
		   const struct zswapctl_field **field, uint64_t *value)
{
	enum zswapctl_group g;

	if (!c || i >= zswapctl_group_nfields(g = zswapctl_counters_get_group(c)))
		return -ERANGE;
	*field = zswapctl_group_field(g, i);
	return zswapctl_counters_get(c, i, value) == 0;
}

int counters_delta(const struct zswapctl_counters *cur,
		   const struct zswapctl_counters *prev, size_t index,
		   uint64_t *delta)
{
	uint64_t a, b;

	if (!cur || !prev || zswapctl_counters_get(cur, index, &b) < 0 ||
	    zswapctl_counters_get(prev, index, &a) < 0)
		return -ENODATA;
	*delta = b >= a ? b - a : b;
	return 0;
}

int swap_ops_mean_ns(const struct zswapctl_counters *c, const char *ns_field,
		     const char *pages_field, double *mean)
{
	uint64_t ns, pages;

	if (!c || zswapctl_counters_get_by_name(c, ns_field, &ns) < 0 ||
	    zswapctl_counters_get_by_name(c, pages_field, &pages) < 0 || !pages)
		return -ENODATA;
	*mean = (double)ns / (double)pages;
	return 0;
}
