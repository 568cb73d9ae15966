/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The three renderings of `zswapctl stats`: JSON, Prometheus text, table. */
#ifndef ZSWAPCTL_STATS_H
#define ZSWAPCTL_STATS_H

#include "snapshot.h"

/*
 * prev is the earlier snapshot in interval mode (its devices in the same
 * order as cur's), NULL for a one-shot report.
 */
int stats_print_json(const struct snapshot *cur, const struct snapshot *prev,
		     bool one_line);
int stats_print_prometheus(const struct snapshot *cur);
int stats_print_table(const struct snapshot *cur, const struct snapshot *prev);

/* Seconds between two snapshots. */
double snapshot_elapsed(const struct snapshot *cur, const struct snapshot *prev);

/*
 * The walk every rendering makes over the fields of C's group:
 *	for (i = 0; (r = counters_field(c, i, &f, &v)) >= 0; i++)
 * 1 with the value in *value when the kernel gave field I, 0 when it did
 * not (*field is set either way), -ERANGE past the last field (at once
 * when C is NULL: a group the kernel does not have).
 */
int counters_field(const struct zswapctl_counters *c, size_t i,
		   const struct zswapctl_field **field, uint64_t *value);

/* Field delta between snapshots: -ENODATA when either side is unknown. A
 * counter that went backwards (device reset) reports the new value. */
int counters_delta(const struct zswapctl_counters *cur,
		   const struct zswapctl_counters *prev, size_t index,
		   uint64_t *delta);

/* The derived mean time per page of each I/O path of swap_ops_stat. */
struct path_mean {
	const char *name;     /* "ops_read_ns_per_page" */
	const char *ns_field; /* "ops_read_ns" */
	const char *pages_field; /* "ops_reads" */
};
#define PATH_MEANS 4
extern const struct path_mean path_means[PATH_MEANS];

/* Mean nanoseconds per page of a swap_ops path, e.g. ("ops_read_ns",
 * "ops_reads"); -ENODATA when unknown or no pages. */
int swap_ops_mean_ns(const struct zswapctl_counters *c, const char *ns_field,
		     const char *pages_field, double *mean);

/* stats --pid: swap-in delay per process from delay accounting; an exit
 * code. */
int stats_pids(struct cli *cli, const int *pids, size_t npids, bool json);

#endif
