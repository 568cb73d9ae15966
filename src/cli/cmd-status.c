// SPDX-License-Identifier: GPL-2.0-or-later
/* status (list): one row per zram device, zramctl-style, plus swap state. */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <strings.h>

#include "plan.h"
#include "maintain.h"
#include "smartcols.h"
#include "snapshot.h"

struct status_opts {
	bool bytes;
	uint64_t now; /* realtime s, for times in tables */
};

/* CELL_TIME: Unix time; tables say it relative to now ("5min ago"). */
enum cell_kind { CELL_TEXT, CELL_SIZE, CELL_NUMBER, CELL_TIME };

struct column {
	const char *name;
	bool shown_by_default;
	enum cell_kind kind;
	const char *help;
	/* Fills buf, or leaves it empty when the value is unknown... */
	void (*fill)(const struct dev_snapshot *d, char *buf, size_t len);
	/* ...or, without fill, this field of mm_stat. */
	const char *mm_field;
};

static void put_u64(char *buf, size_t len, uint64_t v)
{
	snprintf(buf, len, "%llu", (unsigned long long)v);
}

static void put_field(const struct dev_snapshot *d, enum zswapctl_group g,
		      const char *field, char *buf, size_t len)
{
	uint64_t v;

	if (dev_snapshot_get(d, g, field, &v) == 0)
		put_u64(buf, len, v);
}

static void fill_name(const struct dev_snapshot *d, char *buf, size_t len)
{
	snprintf(buf, len, "%s", zswapctl_dev_get_devnode(d->dev));
}

static void fill_disksize(const struct dev_snapshot *d, char *buf, size_t len)
{
	if (d->have_disksize)
		put_u64(buf, len, d->disksize);
}

static void fill_algorithm(const struct dev_snapshot *d, char *buf, size_t len)
{
	if (d->algs && zswapctl_algorithms_get_selected(d->algs))
		snprintf(buf, len, "%s", zswapctl_algorithms_get_selected(d->algs));
}

static void fill_algorithms(const struct dev_snapshot *d, char *buf, size_t len)
{
	const char *name;
	size_t used = 0;

	if (!d->algs)
		return;
	zswapctl_algorithms_foreach(d->algs, name) {
		if (used >= len)
			break;
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 used ? "," : "", name);
	}
}

static void fill_ratio(const struct dev_snapshot *d, char *buf, size_t len)
{
	uint64_t orig, compr;

	if (dev_snapshot_get(d, ZSWAPCTL_GROUP_MM, "orig_data_size", &orig) == 0 &&
	    dev_snapshot_get(d, ZSWAPCTL_GROUP_MM, "compr_data_size", &compr) == 0 &&
	    compr > 0)
		snprintf(buf, len, "%.2f", (double)orig / (double)compr);
}

static void fill_backing(const struct dev_snapshot *d, char *buf, size_t len)
{
	if (d->have_backing_attr)
		snprintf(buf, len, "%s", d->backing_dev ? d->backing_dev : "none");
}

static void fill_encrypted(const struct dev_snapshot *d, char *buf, size_t len)
{
	if (d->backing_dev && d->backing_encrypted >= 0)
		snprintf(buf, len, "%s", d->backing_encrypted ? "yes" : "no");
}

static void fill_swap_prio(const struct dev_snapshot *d, char *buf, size_t len)
{
	if (d->swap_active)
		snprintf(buf, len, "%d", d->swap.priority);
}

static void fill_swap_size(const struct dev_snapshot *d, char *buf, size_t len)
{
	if (d->swap_active)
		put_u64(buf, len, d->swap.size);
}

static void fill_swap_used(const struct dev_snapshot *d, char *buf, size_t len)
{
	if (d->swap_active)
		put_u64(buf, len, d->swap.used);
}

static void fill_swap_ops(const struct dev_snapshot *d, char *buf, size_t len)
{
	snprintf(buf, len, "%s", d->swap_ops < 0 ? "n/a" : d->swap_ops ? "on" : "off");
}

/* Read only when the column is asked for: libmount is loaded for it. */
static void fill_mount_point(const struct dev_snapshot *d, char *buf, size_t len)
{
	char *target = NULL;

	if (zswapctl_dev_get_mount_point(d->dev, &target) == 0 && target)
		snprintf(buf, len, "%s", target);
	free(target);
}

/* max_comp_streams: since Linux 4.7 the number of CPUs, one stream each,
 * whatever was written; later kernels (6.18) have no such attribute. */
static void fill_streams(const struct dev_snapshot *d, char *buf, size_t len)
{
	uint64_t n;

	if (zswapctl_dev_read_u64(d->dev, "max_comp_streams", &n) == 0)
		put_u64(buf, len, n);
}

/* `zswapctl maintain`, once it has run for the device (its state file). */
static void fill_maint_policy(const struct dev_snapshot *d, char *buf, size_t len)
{
	if (d->have_maintain)
		snprintf(buf, len, "%s", maintain_policy_name(d->policy));
}

static void fill_maint_last(const struct dev_snapshot *d, char *buf, size_t len)
{
	if (d->have_maintain && d->maintain.last_round)
		put_u64(buf, len, d->maintain.last_round);
}

static void fill_maint_today(const struct dev_snapshot *d, char *buf, size_t len)
{
	uint64_t written, left;

	if (!d->have_maintain)
		return;
	maintain_today(&d->maintain, d->policy, (uint64_t)time(NULL), &written, &left);
	put_u64(buf, len, written);
}

static void fill_maint_left(const struct dev_snapshot *d, char *buf, size_t len)
{
	uint64_t written, left;

	if (!d->have_maintain)
		return;
	maintain_today(&d->maintain, d->policy, (uint64_t)time(NULL), &written, &left);
	if (left != MAINTAIN_UNLIMITED)
		put_u64(buf, len, left);
}

static void fill_maint_next(const struct dev_snapshot *d, char *buf, size_t len)
{
	if (d->have_maintain && d->policy)
		put_u64(buf, len, maintain_next_round_at(d->policy, &d->maintain, (uint64_t)time(NULL)));
}

static const struct column columns[] = {
	{ "NAME", true, CELL_TEXT, "zram device name", fill_name },
	{ "DISKSIZE", true, CELL_SIZE, "limit on the uncompressed amount of data", fill_disksize },
	{ "ALGORITHM", true, CELL_TEXT, "compression algorithm", fill_algorithm },
	{ "DATA", true, CELL_SIZE, "uncompressed size of stored data", NULL, "orig_data_size" },
	{ "COMPR", true, CELL_SIZE, "compressed size of stored data", NULL, "compr_data_size" },
	{ "TOTAL", true, CELL_SIZE, "all memory including allocator fragmentation and metadata overhead", NULL, "mem_used_total" },
	{ "RATIO", true, CELL_NUMBER, "DATA / COMPR", fill_ratio },
	{ "BACKING", true, CELL_TEXT, "backing device for writeback (none, or empty when the kernel has no writeback)", fill_backing },
	{ "ENCRYPTED", true, CELL_TEXT, "whether the backing device is a dm-crypt mapping (backing-encryption): yes, no, empty without one", fill_encrypted },
	{ "SWAP-PRIO", true, CELL_NUMBER, "swap priority, empty when not active swap", fill_swap_prio },
	{ "SWAP-USED", true, CELL_SIZE, "swap space in use", fill_swap_used },
	{ "SWAP-OPS", true, CELL_TEXT, "swap_ops switch: on, off, n/a (kernel without the series)", fill_swap_ops },
	{ "SWAP-SIZE", false, CELL_SIZE, "size of the swap area", fill_swap_size },
	{ "ALGORITHMS", false, CELL_TEXT, "algorithms the kernel offers", fill_algorithms },
	{ "MEM-LIMIT", false, CELL_SIZE, "memory limit used to store compressed data", NULL, "mem_limit" },
	{ "MEM-USED", false, CELL_SIZE, "memory zram has consumed at the most", NULL, "mem_used_max" },
	{ "ZERO-PAGES", false, CELL_NUMBER, "same-filled pages stored without memory", NULL, "same_pages" },
	{ "HUGE-PAGES", false, CELL_NUMBER, "incompressible pages", NULL, "huge_pages" },
	{ "MIGRATED", false, CELL_NUMBER, "pages freed by compaction", NULL, "pages_compacted" },
	{ "MOUNTPOINT", false, CELL_TEXT, "where the device is mounted, empty when it is not", fill_mount_point },
	{ "STREAMS", false, CELL_NUMBER, "compression streams: max_comp_streams, one per CPU since Linux 4.7; empty where the kernel has dropped it (6.18)", fill_streams },
	{ "MAINT-POLICY", false, CELL_TEXT, "maintain policy: writeback, recompress, writeback+recompress, none (empty: maintain has not run)", fill_maint_policy },
	{ "MAINT-LAST", false, CELL_TIME, "last writeback round of maintain that its state file records", fill_maint_last },
	{ "MAINT-TODAY", false, CELL_SIZE, "written back by maintain in the current 24 h budget day", fill_maint_today },
	{ "MAINT-LEFT", false, CELL_SIZE, "left of the daily writeback budget (empty: no daily limit)", fill_maint_left },
	{ "MAINT-NEXT", false, CELL_TIME, "when the next maintain round is due", fill_maint_next },
};

#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

static int column_by_name(const char *name, size_t len)
{
	for (size_t i = 0; i < NCOLUMNS; i++)
		if (strlen(columns[i].name) == len &&
		    strncasecmp(columns[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

/*
 * "-o NAME,DATA" or "-o +MEM-USED" (added to the defaults). A column named
 * twice is an error rather than deduplicated: scripts read --raw output by
 * position, and JSON keys must be unique.
 */
static int parse_columns(struct cli *cli, const char *spec, int *chosen, size_t *n)
{
	const char *p = spec;
	bool shown[NCOLUMNS] = { false };

	*n = 0;
	if (*p == '+') {
		for (size_t i = 0; i < NCOLUMNS; i++)
			if (columns[i].shown_by_default) {
				chosen[(*n)++] = (int)i;
				shown[i] = true;
			}
		p++;
	}
	if (!*p)
		return cli_usage_error(cli, "--output '%s': name one or more columns; "
				       "see 'zswapctl status --list-columns'", spec);
	while (*p) {
		size_t len = strcspn(p, ",");
		int idx = column_by_name(p, len);

		if (idx < 0)
			return cli_usage_error(cli, "unknown column '%.*s'; see "
					       "'zswapctl status --list-columns'", (int)len, p);
		if (shown[idx])
			return cli_usage_error(cli, "column '%s' is named twice%s", columns[idx].name,
					       *spec == '+' && columns[idx].shown_by_default ?
					       " (+LIST adds to the defaults, which have it)" : "");
		shown[idx] = true;
		chosen[(*n)++] = idx;
		p += len;
		if (*p == ',')
			p++;
	}
	return EXIT_OK;
}

static void list_columns(void)
{
	for (size_t i = 0; i < NCOLUMNS; i++)
		printf("%-12s %s%s\n", columns[i].name, columns[i].help,
		       columns[i].shown_by_default ? "" : " (not shown by default)");
}

static void add_cell(struct libscols_line *ln, size_t idx, const struct column *col,
		     const struct dev_snapshot *d, const struct status_opts *o,
		     bool json)
{
	char buf[512] = "";

	if (col->fill)
		col->fill(d, buf, sizeof(buf));
	else
		put_field(d, ZSWAPCTL_GROUP_MM, col->mm_field, buf, sizeof(buf));
	if (!buf[0]) {
		/* Unknown: empty in tables, null in JSON. */
		return;
	}
	if (col->kind == CELL_SIZE && !o->bytes && !json) {
		uint64_t v = strtoull(buf, NULL, 10);

		setup_format_size(buf, sizeof(buf), v);
	}
	if (col->kind == CELL_TIME && !json) {
		uint64_t t = strtoull(buf, NULL, 10);
		char dur[48];

		setup_format_duration(dur, sizeof(dur), t > o->now ? t - o->now : o->now - t);
		if (t == o->now)
			snprintf(buf, sizeof(buf), "now");
		else if (t > o->now)
			snprintf(buf, sizeof(buf), "in %s", dur);
		else
			snprintf(buf, sizeof(buf), "%s ago", dur);
	}
	smartcols.scols_line_set_data(ln, idx, buf);
}

/* --find: the first free device (plan_find_free()), which status does not
 * create: `setup --find` does. */
static int find_free(struct cli *cli, int nargs, struct zswapctl_dev ***devs, size_t *count)
{
	struct setup_ctx s;
	unsigned int id;
	bool exists;
	char name[32];

	if (nargs)
		return cli_usage_error(cli, "--find or device names, not both");
	cli_setup_ctx(cli, &s);
	if (zswapctl_control_present(cli->ctx) < 0) {
		cli_error("zram is not loaded: no device is free; 'zswapctl setup --find' loads "
			  "it and makes one");
		return EXIT_FAILED;
	}
	if (plan_find_free(&s, &id, &exists) != SETUP_OK)
		return EXIT_FAILED;
	if (!exists) {
		cli_error("no free zram device (every one is initialised); 'zswapctl setup --find' "
			  "makes zram%u", id);
		return EXIT_FAILED;
	}
	snprintf(name, sizeof(name), "zram%u", id);
	*devs = calloc(1, sizeof(**devs));
	if (!*devs)
		return EXIT_FAILED;
	*count = 1;
	if (cli_open_device(cli, name, &(*devs)[0]) == EXIT_OK)
		return EXIT_OK;
	free(*devs);
	*devs = NULL;
	*count = 0;
	return EXIT_FAILED;
}

static int cmd_status(struct cli *cli, int argc, char **argv)
{
	const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "output-all", no_argument, NULL, 'A' },
		{ "list-columns", no_argument, NULL, 'L' },
		{ "bytes", no_argument, NULL, 'b' },
		{ "raw", no_argument, NULL, 'r' },
		{ "noheadings", no_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'J' },
		{ "find", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	int chosen[NCOLUMNS];
	size_t nchosen = 0;
	struct status_opts o = { 0 };
	bool raw = false, noheadings = false, all = false, find = false;
	const char *spec = NULL;
	struct zswapctl_dev **devs = NULL;
	struct libscols_table *tb = NULL;
	struct snapshot snap;
	size_t ndevs = 0;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "o:brnJfh", options)) != -1) {
		switch (c) {
		case 'o':
			spec = optarg;
			all = false;
			break;
		case 'A': /* the last of -o and --output-all counts */
			all = true;
			spec = NULL;
			break;
		case 'L':
			list_columns();
			return EXIT_OK;
		case 'b':
			o.bytes = true;
			break;
		case 'r':
			raw = true;
			break;
		case 'n':
			noheadings = true;
			break;
		case 'f':
			find = true;
			break;
		default:
			return cli_option_end(cli, c);
		}
	}
	if (all) {
		for (size_t i = 0; i < NCOLUMNS; i++)
			chosen[nchosen++] = (int)i;
	} else if (spec) {
		rc = parse_columns(cli, spec, chosen, &nchosen);
		if (rc != EXIT_OK)
			return rc;
	} else if (find) {
		/* zramctl --find prints the name alone */
		chosen[nchosen++] = 0;
		noheadings = true;
	} else {
		for (size_t i = 0; i < NCOLUMNS; i++)
			if (columns[i].shown_by_default)
				chosen[nchosen++] = (int)i;
	}

	if (find)
		rc = find_free(cli, argc - optind, &devs, &ndevs);
	else
		rc = cli_resolve_devices(cli, argc - optind, argv + optind, &devs, &ndevs);
	if (rc != EXIT_OK)
		return rc;
	if (snapshot_take(cli, devs, &ndevs, &snap) < 0) {
		cli_error("out of memory");
		cli_free_devices(devs, ndevs);
		return EXIT_FAILED;
	}
	o.now = (uint64_t)snap.wallclock;

	if (smartcols_open("status") < 0) {
		rc = EXIT_FAILED;
		goto out;
	}
	tb = smartcols.scols_new_table();
	if (!tb) {
		rc = EXIT_FAILED;
		goto out;
	}
	smartcols.scols_table_enable_raw(tb, raw);
	smartcols.scols_table_enable_json(tb, cli->json);
	smartcols.scols_table_enable_noheadings(tb, noheadings);
	smartcols.scols_table_set_name(tb, "zramdevices");
	for (size_t i = 0; i < nchosen; i++) {
		const struct column *col = &columns[chosen[i]];
		struct libscols_column *cl;

		/* libsmartcols lower-cases the header for JSON keys. */
		cl = smartcols.scols_table_new_column(tb, col->name, 0,
					    col->kind == CELL_TEXT ? 0 : SCOLS_FL_RIGHT);
		if (!cl) {
			rc = EXIT_FAILED;
			goto out;
		}
		if (col->kind != CELL_TEXT) /* CELL_TIME too: Unix time */
			smartcols.scols_column_set_json_type(cl, SCOLS_JSON_NUMBER);
		else
			smartcols.scols_column_set_json_type(cl, SCOLS_JSON_STRING);
	}
	for (size_t i = 0; i < snap.ndevs; i++) {
		struct libscols_line *ln = smartcols.scols_table_new_line(tb, NULL);

		if (!ln) {
			rc = EXIT_FAILED;
			goto out;
		}
		for (size_t k = 0; k < nchosen; k++)
			add_cell(ln, k, &columns[chosen[k]], &snap.devs[i], &o, cli->json);
	}
	smartcols.scols_print_table(tb);
	rc = snap.problems ? EXIT_FAILED : EXIT_OK;
out:
	if (tb)
		smartcols.scols_unref_table(tb);
	snapshot_clear(&snap);
	cli_free_devices(devs, ndevs);
	return rc;
}

const struct command command_status = {
	.name = "status",
	.alias = "list",
	.run = cmd_status,
	.summary = "one row per zram device",
	.usage = "Usage: zswapctl status [options] [DEVICE...]\n\n"
		 "  -o, --output LIST   columns to show (+LIST adds to the defaults)\n"
		 "      --output-all    all columns\n"
		 "      --list-columns  describe the columns\n"
		 "  -b, --bytes         sizes in bytes\n"
		 "  -r, --raw           raw output\n"
		 "  -n, --noheadings    no header line\n"
		 "  -J, --json          JSON output\n"
		 "  -f, --find          only the first free device, by name (-o for more);\n"
		 "                      exit 1 when there is none\n",
};
