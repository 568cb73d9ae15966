// SPDX-License-Identifier: GPL-2.0-or-later
/* bench: the report, as a table (microseconds) or JSON (nanoseconds). */
#include <errno.h>
#include <json-c/json.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

static const char *const path_names[PATH_COUNT] = {
	[PATH_ZSPOOL] = "zspool",
	[PATH_BACKING] = "backing-device",
	[PATH_SAME] = "same-filled",
};

static const char *const excl_names[EXCL_REASONS] = {
	[EXCL_NOT_SWAPPED] = "not_swapped_out",
	[EXCL_NOT_MAJOR] = "not_one_major_fault",
	[EXCL_BD_MULTI] = "several_backing_reads",
};

const char *bench_path_name(enum bench_path p)
{
	return (unsigned int)p < PATH_COUNT ? path_names[p] : "?";
}

const char *excl_reason_name(enum excl_reason r)
{
	return (unsigned int)r < EXCL_REASONS ? excl_names[r] : "?";
}

static const char *const swap_ops_names[BENCH_SO_FIELDS] = {
	"ops_reads", "ops_writes", "bio_reads", "bio_writes", "wb_fallback",
	"off_fallback", "ops_notify_free", "bdev_notify_free", "ops_failed_reads",
	"ops_failed_writes", "ops_read_ns", "ops_write_ns", "bio_read_ns", "bio_write_ns",
	"ops_bd_reads", "bio_failed_reads", "bio_failed_writes",
};
static const char *const bd_names[3] = { "bd_count", "bd_reads", "bd_writes" };

static size_t excluded_total(const struct bench_side *s, enum bench_path p)
{
	size_t n = 0;

	for (int r = 0; r < EXCL_REASONS; r++)
		n += s->excluded[p][r];
	return n;
}

static bool path_seen(const struct bench *b, enum bench_path p)
{
	for (size_t s = 0; s < b->nsides; s++)
		if (b->sides[s].path[p].n || excluded_total(&b->sides[s], p))
			return true;
	return false;
}

static void kinds_text(const struct bench *b, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t i = 0; i < b->opts.nkinds; i++) {
		if (i)
			strncat(buf, ",", len - strlen(buf) - 1);
		strncat(buf, data_kind_name(b->opts.kinds[i]), len - strlen(buf) - 1);
	}
}

/* ---- table --------------------------------------------------------------- */

static void us(char *buf, size_t len, double ns)
{
	snprintf(buf, len, "%.2f", ns / 1000.0);
}

static const char minor_floor[] = "floor: minor fault";

/* The second column is as wide as its longest label (w), so that a long
 * one ("floor: lzo-rle in userspace") does not push its numbers right. */
static void print_row(int w, const char *a, const char *bcol, const struct summary *s,
		      size_t excluded)
{
	char m[24], p50[24], p90[24], p99[24], p999[24], mx[24];

	us(m, sizeof(m), s->mean);
	us(p50, sizeof(p50), (double)s->p50);
	us(p90, sizeof(p90), (double)s->p90);
	us(p99, sizeof(p99), (double)s->p99);
	us(p999, sizeof(p999), (double)s->p999);
	us(mx, sizeof(mx), (double)s->max);
	printf("%-9s %-*s %7zu %8s %8s %8s %8s %8s %9s %8zu\n", a, w, bcol, s->n, m,
	       p50, p90, p99, p999, mx, excluded);
}

/* Why the decompression floor has no row. A library that is missing or
 * failed to load was warned about when it was opened; a build without one
 * for the algorithm, or pages that were all same-filled (nothing to
 * decompress), are said here. */
static void print_floor_gap(const struct bench *b)
{
	if (b->decomp_rc == -ENOTSUP)
		printf("  (no userspace decompression floor: no library for %s in this build)\n",
		       b->algorithm ? b->algorithm : "?");
	else if (b->decomp)
		printf("  (no userspace decompression floor: no compressible pages)\n");
}

/* Per path, one histogram per side over the same slots, so that the
 * rows of the two sides line up. */
static void print_histograms(struct bench *b)
{
	unsigned int width = hist_bar_width(STDOUT_FILENO);

	for (int p = 0; p < PATH_COUNT; p++) {
		struct log2_hist h[2];
		unsigned int first = HIST_SLOTS, last = 0, f, l;

		for (size_t s = 0; s < b->nsides; s++) {
			hist_from_samples(&h[s], &b->sides[s].path[p]);
			if (!hist_span(&h[s], &f, &l))
				continue;
			first = f < first ? f : first;
			last = l > last ? l : last;
		}
		if (first == HIST_SLOTS)
			continue;
		for (size_t s = 0; s < b->nsides; s++) {
			if (!h[s].total)
				continue;
			printf("\n%s, %s: %llu swap-ins\n", b->sides[s].label,
			       bench_path_name((enum bench_path)p),
			       (unsigned long long)h[s].total);
			hist_print(stdout, &h[s], first, last, width);
		}
	}
}

/* The width of the second column: its header, the path names and the
 * labels of the rows that will be printed, the longest of them. */
static int label_width(const struct bench *b, const char *swap_out, const char *dec_floor,
		       const struct summary *dec)
{
	size_t w = strlen("PATH (us)");

	for (int p = 0; p < PATH_COUNT; p++)
		if (strlen(bench_path_name((enum bench_path)p)) > w)
			w = strlen(bench_path_name((enum bench_path)p));
	for (size_t s = 0; s < b->nsides; s++)
		if (b->sides[s].swap_out.n && strlen(swap_out) > w)
			w = strlen(swap_out);
	if (strlen(minor_floor) > w)
		w = strlen(minor_floor);
	if (dec->n && strlen(dec_floor) > w)
		w = strlen(dec_floor);
	return (int)w;
}

void bench_print_table(struct bench *b)
{
	struct summary sum[2][PATH_COUNT], minor[2], dec;
	char kinds[64], swap_out[48], dec_floor[64];
	int w;

	kinds_text(b, kinds, sizeof(kinds));
	snprintf(swap_out, sizeof(swap_out), "swap-out of %zu pages", b->opts.pages);
	snprintf(dec_floor, sizeof(dec_floor), "floor: %s in userspace",
		 b->algorithm ? b->algorithm : "?");
	samples_summarize(&b->decompress, &dec);
	w = label_width(b, swap_out, dec_floor, &dec);
	printf("zswapctl bench: %s, %s, %zu pages x %u round%s%s, data %s, seed %llu\n",
	       zswapctl_dev_get_name(b->dev), b->algorithm ? b->algorithm : "?",
	       b->opts.pages, b->opts.rounds, b->opts.rounds == 1 ? "" : "s",
	       b->opts.compare ? " per side" : "", kinds,
	       (unsigned long long)b->opts.seed);
	printf("kernel %s; CPU %s\n", b->kernel ? b->kernel : "?", b->cpu ? b->cpu : "?");
	printf("vm.page-cluster %s -> 0 for the run; THP enabled=%s defrag=%s "
	       "(the bench maps with MADV_NOHUGEPAGE)\n",
	       b->page_cluster_before ? b->page_cluster_before : "?",
	       b->thp_enabled ? b->thp_enabled : "?", b->thp_defrag ? b->thp_defrag : "?");
	if (b->opts.writeback)
		printf("writeback: %zu pages to %s (%s)\n", b->pages_written_back,
		       b->backing_dev ? b->backing_dev : "?",
		       b->writeback_method ? b->writeback_method : "none");
	printf("\n%-9s %-*s %7s %8s %8s %8s %8s %8s %9s %8s\n", "SIDE", w, "PATH (us)", "N",
	       "MEAN", "P50", "P90", "P99", "P99.9", "MAX", "EXCLUDED");
	for (size_t s = 0; s < b->nsides; s++) {
		struct bench_side *side = &b->sides[s];

		for (int p = 0; p < PATH_COUNT; p++) {
			samples_summarize(&side->path[p], &sum[s][p]);
			if (path_seen(b, (enum bench_path)p))
				print_row(w, side->label, bench_path_name((enum bench_path)p),
					  &sum[s][p], excluded_total(side, (enum bench_path)p));
		}
	}
	for (size_t s = 0; s < b->nsides; s++) {
		struct summary out;

		samples_summarize(&b->sides[s].swap_out, &out);
		if (out.n)
			print_row(w, b->sides[s].label, swap_out, &out, 0);
	}
	for (size_t s = 0; s < b->nsides; s++) {
		samples_summarize(&b->sides[s].minor, &minor[s]);
		if (minor[s].n)
			print_row(w, b->sides[s].label, minor_floor, &minor[s], 0);
	}
	if (dec.n) {
		print_row(w, "-", dec_floor, &dec, 0);
		printf("  (%s%s%s)\n", decomp_library(b->decomp),
		       decomp_note(b->decomp) ? "; " : "",
		       decomp_note(b->decomp) ? decomp_note(b->decomp) : "");
	} else if (!b->opts.no_floors) {
		print_floor_gap(b);
	}
	print_histograms(b);

	for (size_t s = 0; s < b->nsides; s++) {
		struct bench_side *side = &b->sides[s];

		printf("\n%s:", side->label);
		for (int p = 0; p < PATH_COUNT; p++)
			for (int r = 0; r < EXCL_REASONS; r++)
				if (side->excluded[p][r])
					printf(" excluded %s %s %zu;", bench_path_name((enum bench_path)p),
					       excl_reason_name((enum excl_reason)r), side->excluded[p][r]);
		for (int p = 0; p < PATH_COUNT; p++)
			if (side->wrong_path[p])
				printf(" meant for %s but took another path %zu;",
				       bench_path_name((enum bench_path)p), side->wrong_path[p]);
		if (side->have_swap_ops) {
			printf(" swap_ops_stat deltas:");
			for (int i = 0; i < BENCH_SO_FIELDS; i++)
				if (side->so_delta[i])
					printf(" %s %llu", swap_ops_names[i],
					       (unsigned long long)side->so_delta[i]);
			putchar(';');
		}
		if (side->have_bd)
			printf(" bd_reads %llu bd_writes %llu;", (unsigned long long)side->bd[1],
			       (unsigned long long)side->bd[2]);
		putchar('\n');
		if (side->have_taskstats)
			printf("  delay accounting: kernel %llu swap-ins, %.1f us total "
			       "(%.2f us mean); bench %llu major faults, %.1f us timed\n",
			       (unsigned long long)side->ks_count, side->ks_delay_ns / 1000.0,
			       side->ks_count ? side->ks_delay_ns / 1000.0 / side->ks_count : 0.0,
			       (unsigned long long)side->own_majflt, side->own_ns / 1000.0);
	}
	if (b->taskstats_problem)
		printf("  delay accounting: not available: %s\n", b->taskstats_problem);
	if (b->nsides == 2) {
		printf("\nswap_ops / bio:");
		for (int p = 0; p < PATH_COUNT; p++)
			if (sum[0][p].n && sum[1][p].n && sum[1][p].p50 && sum[1][p].mean > 0)
				printf(" %s p50 %.3f mean %.3f p99 %.3f;", bench_path_name((enum bench_path)p),
				       (double)sum[0][p].p50 / (double)sum[1][p].p50,
				       sum[0][p].mean / sum[1][p].mean,
				       sum[1][p].p99 ? (double)sum[0][p].p99 / (double)sum[1][p].p99 : 0.0);
		putchar('\n');
	}
	if (dec.n) {
		printf("decompression floor / zspool p50:");
		for (size_t s = 0; s < b->nsides; s++)
			if (sum[s][PATH_ZSPOOL].p50)
				printf(" %s %.3f", b->sides[s].label,
				       (double)dec.p50 / (double)sum[s][PATH_ZSPOOL].p50);
		putchar('\n');
	}
}

/* ---- JSON -------------------------------------------------------------- */

static json_object *jstr(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

/* A counter delta; null where the kernel does not have the counter
 * (interface.md: never 0 for that). */
static json_object *jdelta(bool known, uint64_t delta)
{
	return known ? json_object_new_int64((int64_t)delta) : NULL;
}

static json_object *jsummary(const struct summary *s)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "n", json_object_new_int64((int64_t)s->n));
	json_object_object_add(o, "mean_ns", json_object_new_double(s->mean));
	json_object_object_add(o, "p50_ns", json_object_new_int64((int64_t)s->p50));
	json_object_object_add(o, "p90_ns", json_object_new_int64((int64_t)s->p90));
	json_object_object_add(o, "p99_ns", json_object_new_int64((int64_t)s->p99));
	json_object_object_add(o, "p99.9_ns", json_object_new_int64((int64_t)s->p999));
	json_object_object_add(o, "max_ns", json_object_new_int64((int64_t)s->max));
	return o;
}

/* The distribution of sorted samples: percentiles for a CDF, and the
 * log2 histogram the table draws. */
static void jdistribution(json_object *o, const struct samples *sorted)
{
	json_object *pct = json_object_new_array(), *hist = json_object_new_array();
	struct log2_hist h;
	unsigned int first, last;

	for (size_t i = 0; sorted->n && i < CDF_LEVELS; i++) {
		json_object *pt = json_object_new_object();

		json_object_object_add(pt, "percent", json_object_new_double(cdf_levels[i]));
		json_object_object_add(pt, "ns", json_object_new_int64((int64_t)
			percentile_sorted(sorted->ns, sorted->n, cdf_levels[i])));
		json_object_array_add(pct, pt);
	}
	json_object_object_add(o, "percentiles", pct);
	hist_from_samples(&h, sorted);
	for (unsigned int i = 0; hist_span(&h, &first, &last) && i + first <= last; i++) {
		json_object *slot = json_object_new_object();
		uint64_t low, high;

		log2_slot_range(first + i, &low, &high);
		json_object_object_add(slot, "low_us", json_object_new_int64((int64_t)low));
		json_object_object_add(slot, "high_us", json_object_new_int64((int64_t)high));
		json_object_object_add(slot, "count",
				       json_object_new_int64((int64_t)h.count[first + i]));
		json_object_array_add(hist, slot);
	}
	json_object_object_add(o, "log2_histogram", hist);
}

static json_object *jside(struct bench *b, struct bench_side *side,
			  struct summary *sum)
{
	json_object *o = json_object_new_object(), *paths = json_object_new_object();
	json_object *ctr, *ks;
	struct summary m;

	json_object_object_add(o, "side", jstr(side->label));
	json_object_object_add(o, "swap_ops", side->swap_ops < 0 ? NULL :
				json_object_new_boolean(side->swap_ops));
	json_object_object_add(o, "rounds", json_object_new_int((int)side->rounds));
	for (int p = 0; p < PATH_COUNT; p++) {
		json_object *ps, *ex = json_object_new_object();

		samples_summarize(&side->path[p], &sum[p]);
		ps = jsummary(&sum[p]);
		json_object_object_add(ps, "excluded",
				       json_object_new_int64((int64_t)excluded_total(side, (enum bench_path)p)));
		for (int r = 0; r < EXCL_REASONS; r++)
			json_object_object_add(ex, excl_reason_name((enum excl_reason)r),
					       json_object_new_int64((int64_t)side->excluded[p][r]));
		json_object_object_add(ps, "excluded_by_reason", ex);
		json_object_object_add(ps, "other_path",
				       json_object_new_int64((int64_t)side->wrong_path[p]));
		jdistribution(ps, &side->path[p]);
		json_object_object_add(paths, bench_path_name((enum bench_path)p), ps);
	}
	json_object_object_add(o, "paths", paths);
	samples_summarize(&side->minor, &m);
	json_object_object_add(o, "minor_fault_floor", m.n ? jsummary(&m) : NULL);
	samples_summarize(&side->swap_out, &m);
	if (m.n) {
		json_object *so = jsummary(&m);

		json_object_object_add(so, "pages", json_object_new_int64((int64_t)b->opts.pages));
		json_object_object_add(o, "swap_out", so);
	}

	ctr = json_object_new_object();
	if (side->have_swap_ops) {
		json_object *so = json_object_new_object();

		for (int i = 0; i < BENCH_SO_FIELDS; i++)
			json_object_object_add(so, swap_ops_names[i],
					       jdelta(side->so_known[i], side->so_delta[i]));
		json_object_object_add(ctr, "swap_ops", so);
	}
	if (side->have_bd) {
		json_object *bd = json_object_new_object();

		for (int i = 1; i < 3; i++)
			json_object_object_add(bd, bd_names[i],
					       jdelta(side->bd_known[i], side->bd[i]));
		json_object_object_add(ctr, "bd", bd);
	}
	json_object_object_add(o, "counter_deltas", ctr);

	ks = json_object_new_object();
	if (side->have_taskstats) {
		json_object_object_add(ks, "kernel_swapin_count",
				       json_object_new_int64((int64_t)side->ks_count));
		json_object_object_add(ks, "kernel_swapin_delay_ns",
				       json_object_new_int64((int64_t)side->ks_delay_ns));
	}
	json_object_object_add(ks, "bench_major_faults",
			       json_object_new_int64((int64_t)side->own_majflt));
	json_object_object_add(ks, "bench_timed_ns", json_object_new_int64((int64_t)side->own_ns));
	json_object_object_add(o, "delay_accounting", ks);
	return o;
}

int bench_print_json(struct bench *b)
{
	json_object *root = json_object_new_object(), *sys = json_object_new_object();
	json_object *cfg = json_object_new_object(), *sides = json_object_new_array();
	json_object *kinds = json_object_new_array();
	struct summary sum[2][PATH_COUNT], dec;
	int r;

	json_object_object_add(root, "schema", json_object_new_string("zswapctl-bench/1"));
	json_object_object_add(sys, "kernel", jstr(b->kernel));
	json_object_object_add(sys, "cpu", jstr(b->cpu));
	json_object_object_add(sys, "device", jstr(zswapctl_dev_get_name(b->dev)));
	json_object_object_add(sys, "algorithm", jstr(b->algorithm));
	json_object_object_add(sys, "backing_dev", jstr(b->backing_dev));
	json_object_object_add(sys, "page_cluster_before", jstr(b->page_cluster_before));
	json_object_object_add(sys, "page_cluster_run", json_object_new_int(0));
	json_object_object_add(sys, "thp_enabled", jstr(b->thp_enabled));
	json_object_object_add(sys, "thp_defrag", jstr(b->thp_defrag));
	json_object_object_add(sys, "task_delayacct_before", jstr(b->delayacct_before));
	json_object_object_add(sys, "swap_ops_before",
			       b->swap_ops_before < 0 ? NULL :
			       json_object_new_boolean(b->swap_ops_before));
	json_object_object_add(root, "system", sys);

	json_object_object_add(cfg, "pages", json_object_new_int64((int64_t)b->opts.pages));
	json_object_object_add(cfg, "rounds", json_object_new_int((int)b->opts.rounds));
	json_object_object_add(cfg, "compare", json_object_new_boolean(b->opts.compare));
	for (size_t i = 0; i < b->opts.nkinds; i++)
		json_object_array_add(kinds, json_object_new_string(data_kind_name(b->opts.kinds[i])));
	json_object_object_add(cfg, "data", kinds);
	json_object_object_add(cfg, "writeback_percent", json_object_new_int(b->opts.writeback));
	json_object_object_add(cfg, "writeback_method", jstr(b->writeback_method));
	json_object_object_add(cfg, "pages_written_back",
			       json_object_new_int64((int64_t)b->pages_written_back));
	json_object_object_add(cfg, "seed", json_object_new_int64((int64_t)b->opts.seed));
	json_object_object_add(root, "config", cfg);

	for (size_t s = 0; s < b->nsides; s++)
		json_object_array_add(sides, jside(b, &b->sides[s], sum[s]));
	json_object_object_add(root, "sides", sides);

	samples_summarize(&b->decompress, &dec);
	if (dec.n) {
		json_object *d = jsummary(&dec);

		json_object_object_add(d, "library", jstr(decomp_library(b->decomp)));
		json_object_object_add(d, "note", jstr(decomp_note(b->decomp)));
		json_object_object_add(root, "decompress_floor", d);
	} else {
		json_object_object_add(root, "decompress_floor", NULL);
	}
	json_object_object_add(root, "delay_accounting_problem", jstr(b->taskstats_problem));

	if (b->nsides == 2) {
		json_object *ratio = json_object_new_object();

		for (int p = 0; p < PATH_COUNT; p++) {
			json_object *rp;

			if (!sum[0][p].n || !sum[1][p].n || !sum[1][p].p50 || !sum[1][p].p99)
				continue;
			rp = json_object_new_object();
			json_object_object_add(rp, "p50", json_object_new_double(
				(double)sum[0][p].p50 / (double)sum[1][p].p50));
			json_object_object_add(rp, "mean", json_object_new_double(
				sum[0][p].mean / sum[1][p].mean));
			json_object_object_add(rp, "p99", json_object_new_double(
				(double)sum[0][p].p99 / (double)sum[1][p].p99));
			json_object_object_add(ratio, bench_path_name((enum bench_path)p), rp);
		}
		json_object_object_add(root, "ratio_swap_ops_over_bio", ratio);
	}
	r = cli_print_json(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
	json_object_put(root);
	return r < 0 ? -EIO : 0;
}
