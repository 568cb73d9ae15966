// SPDX-License-Identifier: GPL-2.0-or-later
/* stats [DEVICE...]: every counter, once or every -i SECONDS. */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "smartcols.h"
#include "stats.h"

enum format { FORMAT_TABLE, FORMAT_JSON, FORMAT_PROMETHEUS, FORMAT_NONE };

static const char *const format_names[] = {
	[FORMAT_TABLE] = "table",
	[FORMAT_JSON] = "json",
	[FORMAT_PROMETHEUS] = "prometheus",
};

static enum format parse_format(const char *arg)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (!strcmp(arg, format_names[i]))
			return (enum format)i;
	return FORMAT_NONE;
}

/* What the first report (a snapshot and its JSON document) takes of the
 * heap, measured with `perf stat -e page-faults` on one to four devices
 * of a patched kernel's fixture: 4 to 5 pages a device, on 3 of the
 * program's own. Later reports reuse what the first freed. */
#define HEAP_FIRST_REPORT (12u << 10)
#define HEAP_FIRST_REPORT_DEVICE (16u << 10)

/* Shorter intervals measure the cost of reading sysfs more than zram. */
#define INTERVAL_MIN 0.01
#define INTERVAL_MAX 86400.0

static int parse_interval(const char *arg, struct timespec *ts)
{
	char *end;
	double s;

	errno = 0;
	s = strtod(arg, &end);
	if (errno || end == arg || *end || !(s >= INTERVAL_MIN) || s > INTERVAL_MAX)
		return -EINVAL;
	ts->tv_sec = (time_t)s;
	ts->tv_nsec = (long)((s - (double)ts->tv_sec) * 1e9);
	return 0;
}

static int parse_pid(const char *arg, int *pid)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v <= 0 || v > 0x3fffffff)
		return -EINVAL;
	*pid = (int)v;
	return 0;
}

/* stats --pid PID...: every argument a process id, or a usage error. */
static int run_pids(struct cli *cli, int argc, char **argv)
{
	size_t n = (size_t)(argc - optind);
	int *pids, rc;

	if (n == 0)
		return cli_usage_error(cli, "--pid needs one or more process ids");
	pids = calloc(n, sizeof(*pids));
	if (!pids) {
		cli_error("out of memory");
		return EXIT_FAILED;
	}
	for (size_t i = 0; i < n; i++) {
		if (parse_pid(argv[optind + (int)i], &pids[i]) < 0) {
			free(pids);
			return cli_usage_error(cli, "--pid %s: not a process id", argv[optind + (int)i]);
		}
	}
	rc = stats_pids(cli, pids, n, cli->json);
	free(pids);
	return rc;
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

static int cmd_stats(struct cli *cli, int argc, char **argv)
{
	const struct option options[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "format", required_argument, NULL, 'f' },
		{ "interval", required_argument, NULL, 'i' },
		{ "count", required_argument, NULL, 'n' },
		{ "pid", no_argument, NULL, 'p' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	enum format fmt = FORMAT_NONE;
	struct zswapctl_dev **devs = NULL;
	struct snapshot prev, cur;
	struct timespec interval = { 0 }, deadline;
	long count = -1;
	size_t ndevs = 0;
	int c, rc, problems = 0;
	bool pids = false, repeat = false;
	const char *output = NULL;
	struct output_file out;

	while ((c = cli_getopt(cli, argc, argv, "Jf:i:n:po:h", options)) != -1) {
		switch (c) {
		case 'f':
			fmt = parse_format(optarg);
			if (fmt == FORMAT_NONE)
				return cli_usage_error(cli, "--format %s: use table, json or "
						       "prometheus", optarg);
			break;
		case 'i':
			if (parse_interval(optarg, &interval) < 0)
				return cli_usage_error(cli, "--interval %s: give seconds, from %g to %g",
						       optarg, INTERVAL_MIN, INTERVAL_MAX);
			repeat = true;
			break;
		case 'n': {
			char *end;

			errno = 0;
			count = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || count < 1)
				return cli_usage_error(cli, "--count %s: give a whole number of "
						       "reports, 1 or more", optarg);
			break;
		}
		case 'p':
			pids = true;
			break;
		case 'o':
			if (!*optarg)
				return cli_usage_error(cli, "--output: give a file name");
			output = optarg;
			break;
		default:
			return cli_option_end(cli, c);
		}
	}
	/* An explicit --format wins over --json. */
	if (fmt == FORMAT_NONE)
		fmt = cli->json ? FORMAT_JSON : FORMAT_TABLE;
	cli->json = fmt == FORMAT_JSON;
	if (pids) {
		if (repeat || fmt == FORMAT_PROMETHEUS)
			return cli_usage_error(cli, "--pid reports once, as a table or JSON");
		if (output)
			return cli_usage_error(cli, "--output writes counters, not --pid");
		return run_pids(cli, argc, argv);
	}
	if (count > 0 && !repeat)
		return cli_usage_error(cli, "--count needs --interval");
	if (fmt == FORMAT_PROMETHEUS && repeat)
		return cli_usage_error(cli, "--format=prometheus reports one snapshot; drop "
				       "--interval (the scraper computes rates)");
	if (output && repeat)
		return cli_usage_error(cli, "--output writes one report; drop --interval");

	if (fmt == FORMAT_TABLE && smartcols_open("stats") < 0)
		return EXIT_FAILED;

	rc = cli_resolve_devices(cli, argc - optind, argv + optind, &devs, &ndevs);
	if (rc != EXIT_OK)
		return rc;
	cli_prefault_heap(HEAP_FIRST_REPORT + ndevs * HEAP_FIRST_REPORT_DEVICE);
	if (snapshot_take(cli, devs, &ndevs, &cur) < 0) {
		rc = EXIT_FAILED;
		goto out_devs;
	}
	problems += cur.problems;
	if (!repeat) {
		rc = output ? output_file_begin(&out, output) : 0;
		if (rc == -EINVAL) {
			cli_error("--output %s: not a regular file; give the path of a file "
				  "to create or replace", output);
		} else if (rc < 0) {
			cli_error("--output %s: cannot create a file next to it: %s", output,
				  strerror(-rc));
		}
		if (rc < 0) {
			snapshot_clear(&cur);
			rc = EXIT_FAILED;
			goto out_devs;
		}
		print_report(fmt, &cur, NULL, false);
		snapshot_clear(&cur);
		rc = output ? output_file_commit(&out) : 0;
		if (rc < 0) {
			cli_error("--output %s: %s; the file was left as it was", output,
				  strerror(-rc));
			problems++;
		}
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
		if (snapshot_take(cli, devs, &ndevs, &cur) < 0) {
			snapshot_clear(&prev);
			rc = EXIT_FAILED;
			goto out_devs;
		}
		problems += cur.problems;
		print_report(fmt, &cur, &prev, true);
		snapshot_clear(&prev);
		/* Nobody reads what is not written: stop (main says why). */
		if (cli_stdout_error() < 0) {
			problems++;
			break;
		}
	}
	snapshot_clear(&cur);
	rc = problems ? EXIT_FAILED : EXIT_OK;
out_devs:
	cli_free_devices(devs, ndevs);
	return rc;
}

const struct command command_stats = {
	.name = "stats",
	.run = cmd_stats,
	.summary = "every kernel counter, per device and per path",
	.usage = "Usage: zswapctl stats [options] [DEVICE...]\n"
		 "       zswapctl stats --pid [--json] PID...\n\n"
		 "  -J, --json             JSON (schema 1; one document per line with -i)\n"
		 "  -f, --format FORMAT    table, json or prometheus\n"
		 "  -i, --interval SECONDS report deltas and rates every SECONDS (0.01 or more)\n"
		 "  -n, --count COUNT      stop after COUNT interval reports\n"
		 "  -o, --output FILE      write the report to FILE atomically (a temporary\n"
		 "                         file in its directory, then renamed over it)\n"
		 "  -p, --pid PID...       swap-in count and delay per process (taskstats);\n"
		 "                         the arguments are process ids\n",
};
