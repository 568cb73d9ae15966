// SPDX-License-Identifier: GPL-2.0-or-later
/* stats [DEVICE...]: every counter, once or every -i SECONDS. */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "smartcols.h"
#include "stats.h"

enum format { FORMAT_TABLE, FORMAT_JSON, FORMAT_PROMETHEUS };

static void stats_help(void)
{
	fputs("Usage: zswapctl stats [options] [DEVICE...]\n\n"
	      "  -J, --json             JSON (schema 1; one document per line with -i)\n"
	      "  -f, --format FORMAT    table, json or prometheus\n"
	      "  -i, --interval SECONDS report deltas and rates every SECONDS\n"
	      "  -n, --count COUNT      stop after COUNT interval reports\n"
	      "  -p, --pid PID...       swap-in count and delay per process (taskstats);\n"
	      "                         the arguments are process ids\n", stdout);
}

static int parse_interval(const char *arg, struct timespec *ts)
{
	char *end;
	double s;

	errno = 0;
	s = strtod(arg, &end);
	if (errno || end == arg || *end || !(s > 0) || s > 86400)
		return -EINVAL;
	ts->tv_sec = (time_t)s;
	ts->tv_nsec = (long)((s - (double)ts->tv_sec) * 1e9);
	return 0;
}

static int print_report(enum format fmt, const struct snapshot *cur,
			const struct snapshot *prev, bool repeated)
{
	switch (fmt) {
	case FORMAT_JSON:
		return stats_print_json(cur, prev, repeated);
	case FORMAT_PROMETHEUS:
		return stats_print_prometheus(cur);
	default:
		return stats_print_table(cur, prev);
	}
}

int cmd_stats(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "format", required_argument, NULL, 'f' },
		{ "interval", required_argument, NULL, 'i' },
		{ "count", required_argument, NULL, 'n' },
		{ "pid", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	enum format fmt = cli->json ? FORMAT_JSON : FORMAT_TABLE;
	struct zswapctl_dev **devs = NULL;
	struct snapshot prev, cur;
	struct timespec interval = { 0 }, deadline;
	long count = -1;
	size_t ndevs = 0;
	int c, rc, problems = 0;
	bool pids = false;

	while ((c = getopt_long(argc, argv, "Jf:i:n:ph", options, NULL)) != -1) {
		switch (c) {
		case 'J':
			fmt = FORMAT_JSON;
			break;
		case 'f':
			if (!strcmp(optarg, "json"))
				fmt = FORMAT_JSON;
			else if (!strcmp(optarg, "prometheus"))
				fmt = FORMAT_PROMETHEUS;
			else if (!strcmp(optarg, "table"))
				fmt = FORMAT_TABLE;
			else {
				cli_error("stats: --format %s: use table, json or prometheus", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'i':
			if (parse_interval(optarg, &interval) < 0) {
				cli_error("stats: --interval %s: give seconds, more than 0 and at most 86400", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'n': {
			char *end;

			errno = 0;
			count = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || count < 1) {
				cli_error("stats: --count %s: give a whole number of reports, 1 or more", optarg);
				return EXIT_USAGE;
			}
			break;
		}
		case 'p':
			pids = true;
			break;
		case 'h':
			stats_help();
			return EXIT_OK;
		default:
			return EXIT_USAGE;
		}
	}
	if (pids) {
		if (optind >= argc) {
			cli_error("stats: --pid needs one or more process ids");
			return EXIT_USAGE;
		}
		if (interval.tv_sec || interval.tv_nsec || fmt == FORMAT_PROMETHEUS) {
			cli_error("stats: --pid reports once, as a table or JSON");
			return EXIT_USAGE;
		}
		return stats_pids(cli, argv + optind, (size_t)(argc - optind),
				  fmt == FORMAT_JSON);
	}
	if (count > 0 && !interval.tv_sec && !interval.tv_nsec) {
		cli_error("stats: --count needs --interval");
		return EXIT_USAGE;
	}
	if (fmt == FORMAT_PROMETHEUS && (interval.tv_sec || interval.tv_nsec)) {
		cli_error("stats: --format=prometheus reports one snapshot; drop --interval "
			  "(the scraper computes rates)");
		return EXIT_USAGE;
	}

	if (fmt == FORMAT_TABLE && smartcols_open("stats") < 0)
		return EXIT_FAILED;

	rc = cli_resolve_devices(cli, argc - optind, argv + optind, &devs, &ndevs);
	if (rc != EXIT_OK)
		return rc;
	if (snapshot_take(cli, devs, ndevs, &cur) < 0) {
		rc = EXIT_FAILED;
		goto out_devs;
	}
	problems += cur.problems;
	if (!interval.tv_sec && !interval.tv_nsec) {
		print_report(fmt, &cur, NULL, false);
		snapshot_clear(&cur);
		rc = problems ? EXIT_FAILED : EXIT_OK;
		goto out_devs;
	}
	/* Absolute deadlines, so reports do not drift by the time they take. */
	deadline = cur.monotonic;
	for (long i = 0; count < 0 || i < count; i++) {
		prev = cur;
		deadline.tv_sec += interval.tv_sec;
		deadline.tv_nsec += interval.tv_nsec;
		if (deadline.tv_nsec >= 1000000000L) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000L;
		}
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == EINTR)
			;
		if (snapshot_take(cli, devs, ndevs, &cur) < 0) {
			snapshot_clear(&prev);
			rc = EXIT_FAILED;
			goto out_devs;
		}
		problems += cur.problems;
		print_report(fmt, &cur, &prev, true);
		fflush(stdout);
		snapshot_clear(&prev);
	}
	snapshot_clear(&cur);
	rc = problems ? EXIT_FAILED : EXIT_OK;
out_devs:
	cli_free_devices(devs, ndevs);
	return rc;
}
