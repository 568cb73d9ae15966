// SPDX-License-Identifier: GPL-2.0-or-later
/* The statistics of zswapctl bench: nearest-rank percentiles, mean, max;
 * and its report (bench-report.c) on made-up runs. */
#include <errno.h>
#include <json-c/json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../../src/cli/bench.h"
#include "pty.h"
#include "tap.h"

/* ---- stand-ins for what bench-report.c calls outside bench-*.c ---------- */

const char *zswapctl_dev_get_name(const struct zswapctl_dev *dev)
{
	(void)dev;
	return "zram9";
}

const char *decomp_library(const struct decomp *d)
{
	(void)d;
	return "libstub 1.0";
}

const char *decomp_note(const struct decomp *d)
{
	(void)d;
	return NULL;
}

/* The device bench_write_back() writes to: what it was told, one
 * "ATTR VALUE" line each; page_index= refused where the kernel lacks it. */
static char written[4096];
static bool no_page_index;

int zswapctl_dev_write_attr(struct zswapctl_dev *dev, const char *attr, const char *value)
{
	(void)dev;
	if (no_page_index && !strncmp(value, "page_index=", 11))
		return -EINVAL;
	snprintf(written + strlen(written), sizeof(written) - strlen(written), "%s %s\n",
		 attr, value);
	return 0;
}

static char *printed_json; /* what bench_print_json() printed last */

int cli_print_json(struct json_object *o, int flags)
{
	free(printed_json);
	printed_json = strdup(json_object_to_json_string_ext(o, flags));
	return 0;
}

/* What bench_print_table(B) writes to standard output. */
static char *table_of(struct bench *b)
{
	FILE *f = tmpfile();
	int saved = dup(STDOUT_FILENO);
	char *buf = calloc(1, 1 << 16);

	fflush(stdout);
	dup2(fileno(f), STDOUT_FILENO);
	bench_print_table(b);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	rewind(f);
	fread(buf, 1, (1 << 16) - 1, f);
	fclose(f);
	return buf;
}

/* A run of one bio side on a kernel without the series, with a few
 * zspool samples; the caller frees it with bench_free(). */
static void bench_made_up(struct bench *b, const char *alg)
{
	memset(b, 0, sizeof(*b));
	b->opts.pages = 16;
	b->opts.rounds = 1;
	b->opts.nkinds = 1;
	b->opts.kinds[0] = DATA_TEXT;
	b->algorithm = strdup(alg);
	b->swap_ops_before = -1;
	b->sides[0] = (struct bench_side){ .label = "bio", .swap_ops = -1, .rounds = 1 };
	b->nsides = 1;
	for (int i = 0; i < 16; i++)
		samples_add(&b->sides[0].path[PATH_ZSPOOL], 3000 + (uint64_t)i * 100);
}

static void bench_free(struct bench *b)
{
	bench_samples_free(b);
	free(b->algorithm);
}

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

static void test_log2_slots(void)
{
	uint64_t low, high;

	CHECK(log2_slot(0) == 0 && log2_slot(1) == 0, "0 and 1 share slot 0");
	CHECK(log2_slot(2) == 1 && log2_slot(3) == 1, "2 and 3: slot 1");
	CHECK(log2_slot(4) == 2 && log2_slot(7) == 2 && log2_slot(8) == 3, "4..7: slot 2, 8: slot 3");
	CHECK(log2_slot(1023) == 9 && log2_slot(1024) == 10, "1023: slot 9, 1024: slot 10");
	CHECK(log2_slot(UINT64_MAX) == 63, "the largest value: slot 63");
	log2_slot_range(0, &low, &high);
	CHECK(low == 0 && high == 1, "slot 0 is 0 -> 1");
	log2_slot_range(1, &low, &high);
	CHECK(low == 2 && high == 3, "slot 1 is 2 -> 3");
	log2_slot_range(10, &low, &high);
	CHECK(low == 1024 && high == 2047, "slot 10 is 1024 -> 2047");
	log2_slot_range(63, &low, &high);
	CHECK(low == (uint64_t)1 << 63 && high == UINT64_MAX, "slot 63 ends at the largest value");
	/* every value lands in the slot whose range holds it */
	int bad = 0;
	for (uint64_t v = 0; v < 5000; v++) {
		log2_slot_range(log2_slot(v), &low, &high);
		bad += v < low || v > high;
	}
	CHECK(bad == 0, "0..4999 each inside its slot's range");
}

static void test_histogram(void)
{
	struct samples s = { 0 };
	struct log2_hist h;
	unsigned int first = 99, last = 99;

	hist_from_samples(&h, &s);
	CHECK(h.total == 0 && !hist_span(&h, &first, &last), "no samples: no span");
	/* nanoseconds in, microseconds counted: 999 ns is 0 us */
	samples_add(&s, 999);	  /* 0 us: slot 0 */
	samples_add(&s, 1500);	  /* 1 us: slot 0 */
	samples_add(&s, 2000);	  /* 2 us: slot 1 */
	for (int i = 0; i < 8; i++)
		samples_add(&s, 300000); /* 300 us: slot 8 (256..511) */
	samples_add(&s, 512000);  /* 512 us: slot 9 */
	hist_from_samples(&h, &s);
	CHECK(h.total == 12, "12 samples counted");
	CHECK(h.count[0] == 2 && h.count[1] == 1 && h.count[8] == 8 && h.count[9] == 1,
	      "counts per slot 2,1,...,8,1");
	CHECK(hist_span(&h, &first, &last) && first == 0 && last == 9, "span 0..9");
	samples_free(&s);

	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	hist_print(f, &h, 0, 9, 16);
	fclose(f);
	CHECK(strstr(buf, "usecs") && strstr(buf, "count") && strstr(buf, "distribution"),
	      "a header names usecs, count, distribution");
	CHECK(strstr(buf, "        0 -> 1        : 2        |****            |\n") != NULL,
	      "slot 0: 2 of 8 is a quarter of 16 stars");
	CHECK(strstr(buf, "      256 -> 511      : 8        |****************|\n") != NULL,
	      "the largest slot fills the bar");
	CHECK(strstr(buf, "        4 -> 7        : 0        |                |\n") != NULL,
	      "an empty slot inside the span is printed, without stars");
	CHECK(strstr(buf, "      512 -> 1023     : 1        |**              |\n") != NULL,
	      "1 of 8 of 16 stars is 2");
	int lines = 0;
	for (char *p = buf; *p; p++)
		lines += *p == '\n';
	CHECK(lines == 11, "header and 10 rows (%d)", lines);
	free(buf);

	/* one sample in a thousand still shows a star */
	memset(&h, 0, sizeof(h));
	h.count[3] = 1000;
	h.count[4] = 1;
	f = open_memstream(&buf, &len);
	hist_print(f, &h, 3, 4, 40);
	fclose(f);
	CHECK(strstr(buf, ": 1        |*                                       |") != NULL,
	      "a slot with samples never has an empty bar");
	free(buf);
}

static void test_bar_width(void)
{
	int fds[2];

	CHECK(pipe(fds) == 0, "pipe");
	CHECK(hist_bar_width(fds[1]) == HIST_BAR_FIXED, "not a terminal: the fixed width (40)");
	close(fds[0]);
	close(fds[1]);
	CHECK(hist_bar_width(-1) == HIST_BAR_FIXED, "a bad descriptor: the fixed width");

	/* a terminal: what its width leaves after the 34 columns of counts
	 * and the closing bar */
	int master, slave;
	struct winsize ws = { .ws_row = 24, .ws_col = 100 };

	if (pty_open(&master, &slave) < 0) {
		SKIP("no pseudo-terminal here");
		return;
	}
	ioctl(slave, TIOCSWINSZ, &ws);
	CHECK(hist_bar_width(slave) == 100 - 34 - 1, "a 100-column terminal: 65 stars (%u)",
	      hist_bar_width(slave));
	ws.ws_col = 20;
	ioctl(slave, TIOCSWINSZ, &ws);
	CHECK(hist_bar_width(slave) == HIST_BAR_MIN, "a narrow terminal: the minimum (%u)",
	      hist_bar_width(slave));
	close(slave);
	close(master);
}

/* The note under the table where the decompression floor has no row:
 * "no library in this build" only when there is none (from a review: it
 * was printed as well when every page was same-filled or the library
 * failed to load). */
static void test_floor_gap(void)
{
	struct bench b;
	char *t;

	bench_made_up(&b, "lzo-rle");
	b.decomp_rc = -ENOTSUP;
	t = table_of(&b);
	CHECK(strstr(t, "(no userspace decompression floor: no library for lzo-rle in this build)"),
	      "no library for the algorithm in this build: said");
	free(t);

	b.decomp_rc = 0;
	b.decomp = (struct decomp *)&b; /* opened; never looked into */
	t = table_of(&b);
	CHECK(!strstr(t, "no library") && strstr(t, "no compressible pages"),
	      "library opened, every page same-filled: no compressible pages");
	free(t);

	b.decomp = NULL;
	b.decomp_rc = -ENOPKG;
	t = table_of(&b);
	CHECK(!strstr(t, "decompression floor"),
	      "library not installed (warned when opened): no note in the table");
	free(t);

	b.decomp_rc = -ENOTSUP;
	b.opts.no_floors = true;
	t = table_of(&b);
	CHECK(!strstr(t, "decompression floor"), "--no-floors: no note");
	free(t);
	bench_free(&b);
}

/* The lines of the table (header and rows: from "SIDE" to the first
 * empty line or note in parentheses) all have the same length: no label pushes its numbers right
 * (from a review: "floor: lzo-rle in userspace" overflowed a 24-column
 * label). */
static bool rows_aligned(const char *t, size_t *rows)
{
	const char *p = strstr(t, "\nSIDE ");
	size_t len = 0;

	*rows = 0;
	if (!p)
		return false;
	for (p++; *p && *p != '\n' && strncmp(p, "  (", 3);) {
		size_t n = strcspn(p, "\n");

		if (*rows && n != len)
			return false;
		len = n;
		++*rows;
		p += n + (p[n] == '\n');
	}
	return true;
}

static void test_table_columns(void)
{
	struct bench b;
	size_t rows;
	char *t;

	bench_made_up(&b, "lzo-rle");
	b.decomp = (struct decomp *)&b;
	for (int i = 0; i < 8; i++) {
		samples_add(&b.decompress, 1500);
		samples_add(&b.sides[0].minor, 800);
	}
	samples_add(&b.sides[0].swap_out, 2000000);
	t = table_of(&b);
	CHECK(strstr(t, "floor: lzo-rle in userspace") && rows_aligned(t, &rows) && rows == 5,
	      "zspool, swap-out, minor and lzo-rle floor rows line up with the header (%zu rows)",
	      rows);
	free(t);

	b.opts.pages = (size_t)1 << 26;
	t = table_of(&b);
	CHECK(strstr(t, "swap-out of 67108864 pages") && rows_aligned(t, &rows) && rows == 5,
	      "the longest swap-out label lines up too");
	free(t);
	bench_free(&b);
}

/* bench --json: a swap_ops_stat or bd_stat field the kernel does not have
 * is null, never 0 (interface.md; from a review: it was 0). */
static void test_json_unknown_counters(void)
{
	struct bench b;
	json_object *root, *so, *bd, *v;

	bench_made_up(&b, "lz4");
	b.sides[0].have_swap_ops = true;
	b.sides[0].have_bd = true;
	for (int i = 0; i < 14; i++) { /* a series without the last three */
		b.sides[0].so_known[i] = true;
		b.sides[0].so_delta[i] = i == 0 ? 16 : 0;
	}
	b.sides[0].bd_known[1] = true;
	b.sides[0].bd[1] = 0;
	CHECK(bench_print_json(&b) == 0 && printed_json, "bench --json printed");
	root = json_tokener_parse(printed_json ? printed_json : "");
	so = bd = NULL;
	if (root) {
		json_object *side = json_object_array_get_idx(
			json_object_object_get(root, "sides"), 0);
		json_object *ctr = json_object_object_get(side, "counter_deltas");

		so = json_object_object_get(ctr, "swap_ops");
		bd = json_object_object_get(ctr, "bd");
	}
	CHECK(so && json_object_object_get_ex(so, "ops_reads", &v) &&
	      json_object_get_int64(v) == 16, "a known field: its delta (ops_reads 16)");
	CHECK(so && json_object_object_get_ex(so, "ops_write_ns", &v) && v &&
	      json_object_get_int64(v) == 0, "a known field that did not move: 0");
	CHECK(so && json_object_object_get_ex(so, "ops_bd_reads", &v) && v == NULL &&
	      json_object_object_get_ex(so, "bio_failed_writes", &v) && v == NULL,
	      "fields the kernel lacks: null (ops_bd_reads, bio_failed_writes)");
	CHECK(bd && json_object_object_get_ex(bd, "bd_reads", &v) && v &&
	      json_object_object_get_ex(bd, "bd_writes", &v) && v == NULL,
	      "bd: bd_reads 0, bd_writes unknown: null");
	json_object_put(root);
	bench_free(&b);
}

/* One round's writeback of 8 swapped-out pages (slots 100..107), text or
 * KIND; the return value, and what was written in written[]. */
static int write_back_round(struct bench *b, unsigned char kind, uint64_t used_before)
{
	uint64_t pm[8], rng = 1;
	unsigned char intent[8];

	written[0] = '\0';
	memset(b, 0, sizeof(*b));
	b->opts.writeback = 100;
	b->swap_used_before = used_before;
	for (int i = 0; i < 8; i++) {
		pm[i] = HARNESS_PM_SWAPPED | ((uint64_t)(100 + i) << 5);
		intent[i] = kind;
	}
	return bench_write_back(b, pm, intent, 8, &rng);
}

/* --writeback where the kernel has no page_index=: "idle all" and
 * "writeback idle" take every page of the device, so only on a device
 * that held nothing before the run (from a review: it wrote back other
 * processes' pages too). */
static void test_write_back(void)
{
	struct bench b;
	int r;

	no_page_index = false;
	r = write_back_round(&b, PATH_ZSPOOL, 1 << 20);
	CHECK(r == 0 && b.pages_written_back == 8 && strstr(written, "writeback page_index=107\n") &&
	      !strstr(written, "idle"), "page_index=: page by page, whatever else the device holds");

	no_page_index = true;
	r = write_back_round(&b, PATH_ZSPOOL, 1 << 20);
	CHECK(r == -EBUSY && b.writeback_refused && !written[0] && !b.pages_written_back,
	      "no page_index=, the device held 1 MiB before the run: refused, nothing written");
	r = write_back_round(&b, PATH_ZSPOOL, 0);
	CHECK(r == 0 && !strcmp(written, "idle all\nwriteback idle\n") &&
	      b.pages_written_back == 8 && !strcmp(b.writeback_method, "idle"),
	      "no page_index=, bench's pages alone on the device: every idle page");
	r = write_back_round(&b, PATH_SAME, 1 << 20);
	CHECK(r == 0 && !written[0] && !b.writeback_method && !b.writeback_refused,
	      "no compressible page in the round: nothing written, nothing refused");
	no_page_index = false;
}

int main(void)
{
	test_percentiles();
	test_summary();
	test_log2_slots();
	test_histogram();
	test_bar_width();
	test_floor_gap();
	test_table_columns();
	test_json_unknown_counters();
	test_write_back();
	free(printed_json);
	return tap_finish();
}
