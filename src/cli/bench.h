/* SPDX-License-Identifier: GPL-2.0-or-later */
/* zswapctl bench: swap-in latency per path (cmd-bench.c and bench-*.c). */
#ifndef ZSWAPCTL_BENCH_H
#define ZSWAPCTL_BENCH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "bench-harness.h"
#include "cli.h"
#include "progress.h"

/* ---- samples and their statistics (bench-stats.c) ---------------------- */

/* swap_ops_stat fields a bench side keeps deltas of (kernel.md) */
#define BENCH_SO_FIELDS 17

struct samples {
	uint64_t *ns;
	size_t n, cap;
	uint64_t sum;
};

struct summary {
	size_t n;
	double mean;
	uint64_t min, p50, p90, p99, p999, max;
};

int samples_add(struct samples *s, uint64_t ns);
void samples_free(struct samples *s);
/* Sorts the samples; an empty set gives n == 0 and zeros. */
void samples_summarize(struct samples *s, struct summary *sum);
/* Nearest-rank percentile (0 < P <= 100) of N sorted values. */
uint64_t percentile_sorted(const uint64_t *sorted, size_t n, double p);
/* The percentiles bench --json lists for a distribution (a CDF to plot). */
#define CDF_LEVELS 19
extern const double cdf_levels[CDF_LEVELS];

/* ---- log2 histograms in microseconds (bench-hist.c) ------------------- */

#define HIST_SLOTS 64
#define HIST_BAR_FIXED 40 /* bcc's width, when stdout is not a terminal */
#define HIST_BAR_MIN 10
#define HIST_BAR_MAX 512

struct log2_hist {
	uint64_t count[HIST_SLOTS];
	uint64_t total;
};

/* The slot of V: 0 for 0 and 1, floor(log2(V)) above. */
unsigned int log2_slot(uint64_t v);
/* The values slot SLOT holds, both ends included. */
void log2_slot_range(unsigned int slot, uint64_t *low, uint64_t *high);
/* Counts the samples (nanoseconds) in microsecond slots. */
void hist_from_samples(struct log2_hist *h, const struct samples *s);
/* The first and last slot with a count; false when there is none. */
bool hist_span(const struct log2_hist *h, unsigned int *first, unsigned int *last);
/* The bar width for output on FD: what is left of the terminal's width
 * after the counts, HIST_BAR_FIXED when FD is not a terminal. */
unsigned int hist_bar_width(int fd);
/* Slots FIRST to LAST, bars of up to WIDTH stars scaled to the largest. */
void hist_print(FILE *f, const struct log2_hist *h, unsigned int first,
		unsigned int last, unsigned int width);

/* ---- page contents (bench-data.c) -------------------------------------- */

enum data_kind { DATA_TEXT, DATA_BINARY, DATA_RANDOM, DATA_SAME, DATA_KINDS };

const char *data_kind_name(enum data_kind k);
int data_kind_parse(const char *name, enum data_kind *k);
/* Fills one page of SIZE bytes; SEED makes it reproducible. */
void data_fill(void *page, size_t size, enum data_kind k, uint64_t seed);
uint64_t prng_next(uint64_t *state);

/* ---- userspace decompression floor (bench-decomp.c) -------------------- */

struct decomp;
/* -ENOTSUP: no library for ALG in this build; -ENOPKG: its library is not
 * installed, *missing says which. */
int decomp_new(const char *alg, struct decomp **d, const char **missing);
void decomp_free(struct decomp *d);
/* "liblz4 1.9.4" and a note ("lzo1x stands in for lzo-rle") or NULL. */
const char *decomp_library(const struct decomp *d);
const char *decomp_note(const struct decomp *d);
/* Compresses PAGE (untimed), then decompresses it timed; *ns, 0 or -errno. */
int decomp_time_page(struct decomp *d, const void *page, size_t size,
		     uint64_t *ns);

/* ---- the run (bench-run.c; the names in bench-report.c) ----------------- */

enum bench_path { PATH_ZSPOOL, PATH_BACKING, PATH_SAME, PATH_COUNT };
const char *bench_path_name(enum bench_path p);

enum excl_reason {
	EXCL_NOT_SWAPPED, /* pagemap: the page did not leave */
	EXCL_NOT_MAJOR,	  /* the touch was not exactly one major fault */
	EXCL_BD_MULTI,	  /* more than one backing-device read in a touch */
	EXCL_REASONS
};
const char *excl_reason_name(enum excl_reason r);

struct bench_opts {
	size_t pages;	   /* per round */
	unsigned int rounds; /* per side */
	bool compare;
	int writeback; /* share in percent, 0: none */
	enum data_kind kinds[DATA_KINDS];
	size_t nkinds;
	uint64_t seed;
	bool json;
	bool no_floors;
};

/* One swap_ops setting (or the one path of a kernel without the series). */
struct bench_side {
	const char *label; /* "swap_ops" or "bio" */
	int swap_ops;	   /* 1 on, 0 off, -1 kernel without swap_ops */
	unsigned int rounds;
	struct samples path[PATH_COUNT];
	size_t excluded[PATH_COUNT][EXCL_REASONS];
	size_t wrong_path[PATH_COUNT]; /* observed path differed from intent */
	struct samples minor;
	/* one sample per round: MADV_PAGEOUT of the round's pages */
	struct samples swap_out;
	/* counter deltas over the side's rounds; have_*: group present,
	 * *_known: the field is one the kernel has (else null in the JSON) */
	bool have_swap_ops, have_bd;
	uint64_t so_delta[BENCH_SO_FIELDS], bd[3];
	bool so_known[BENCH_SO_FIELDS], bd_known[3];
	/* the kernel's delay accounting for this process, and our own view */
	bool have_taskstats;
	uint64_t ks_count, ks_delay_ns;
	uint64_t own_majflt, own_ns;
};

struct bench {
	struct cli *cli;
	struct bench_opts opts;
	struct zswapctl_dev *dev;
	struct harness_pagemap *pm;
	struct zswapctl_taskstats *ts;
	struct decomp *decomp;
	int decomp_rc; /* decomp_new()'s, which the table's note follows */
	/* what the run found and changed */
	char *kernel, *cpu, *algorithm, *backing_dev;
	char *thp_enabled, *thp_defrag;
	char *page_cluster_before, *delayacct_before;
	int swap_ops_before; /* -1: no swap_ops */
	bool page_cluster_set, delayacct_set;
	const char *writeback_method; /* "page_index", "idle" or NULL */
	uint64_t swap_used_before;    /* of the device, /proc/swaps */
	bool writeback_refused;	      /* no page_index=, and not bench's alone */
	char *taskstats_problem;      /* why the cross-check is missing */
	struct bench_side sides[2];
	size_t nsides;
	struct samples decompress;
	size_t pages_written_back;
	struct progress progress; /* of the round that runs */
};

extern volatile sig_atomic_t bench_interrupted;

/* Every sample list of B (bench-stats.c), the rest of it left alone. */
void bench_samples_free(struct bench *b);

int bench_round(struct bench *b, struct bench_side *side, unsigned int round);
/* --writeback of a round's pages (PM: their pagemap entries) whose INTENT is
 * the zspool, moved to PATH_BACKING; -EBUSY with writeback_refused where
 * only "writeback idle" is there and the device held other pages. */
int bench_write_back(struct bench *b, const uint64_t *pm, unsigned char *intent,
		     size_t np, uint64_t *rng);

/* ---- output (bench-report.c) ------------------------------------------- */
/* It calls into libzswapctl (zswapctl_dev_get_name), bench-decomp.c and
 * cli.c (cli_print_json) only: test-bench-stats.c links it with stand-ins
 * for those. */

void bench_print_table(struct bench *b);
int bench_print_json(struct bench *b);

#endif
