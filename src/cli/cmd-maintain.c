// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * maintain [-c FILE] [--dry-run] [--json] [--daemon] [--state-dir DIR]
 *          [DEVICE...]
 * One round of the writeback and recompression policy for each device that
 * has one (src/setup/maintain.h), or rounds on the configured intervals
 * as a daemon (maintain-daemon.c).
 */
#include <errno.h>
#include <getopt.h>
#include <json-c/json.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "maintain-cli.h"
#include "util.h"

static uint64_t clock_ms(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void maintain_cli_clock(struct cli *cli, struct maintain_clock *c, char *boot_id, size_t size)
{
	_cleanup_free_ char *id = NULL;

	boot_id[0] = '\0';
	if (zswapctl_boot_id(cli->ctx, &id) == 0)
		snprintf(boot_id, size, "%s", id);
	*c = (struct maintain_clock){
		.realtime = clock_ms(CLOCK_REALTIME) / 1000,
		.boottime_ms = clock_ms(CLOCK_BOOTTIME),
		.monotonic_ms = clock_ms(CLOCK_MONOTONIC),
		.boot_id = boot_id,
	};
}

int maintain_cli_load_config(struct cli *cli, const struct setup_ctx *s, const char *file,
			     struct config *cfg)
{
	uint64_t ram = 0;

	if (cli_read_ram(cli, &ram) < 0)
		return EXIT_FAILED;
	return config_load(s, file, ram, cfg) < 0 ? EXIT_USAGE : EXIT_OK;
}

/* "in 59min 58s": relative, not a local time, so that the daemon never
 * loads the time zone (glibc reads /etc/localtime on the first
 * localtime_r()); the journal stamps each line with the time anyway. */
static void format_time(char *buf, size_t size, uint64_t t, uint64_t now)
{
	if (!t || t <= now) {
		snprintf(buf, size, "now");
		return;
	}
	snprintf(buf, size, "in ");
	setup_format_duration(buf + 3, size - 3, t - now);
}

static void print_writeback(const struct maintain_result *res, bool dry_run, uint64_t now)
{
	const struct maintain_decision *d = &res->decision;
	const struct maintain_policy *p = &res->conf->policy;
	char budget[32], written[32], age[48], kage[48], when[32], left[48] = "";

	setup_format_size(budget, sizeof(budget), d->budget);
	setup_format_duration(age, sizeof(age), d->idle_age);
	if (p->daily_limit) {
		uint64_t l = res->state.day_written >= p->daily_limit ? 0
			     : p->daily_limit - res->state.day_written;

		setup_format_size(left, sizeof(left) - 16, l);
		strcat(left, " left today");
	} else {
		snprintf(left, sizeof(left), "no daily limit");
	}
	if (d->writeback != SKIP_NONE) {
		format_time(when, sizeof(when), maintain_next_writeback(p, &res->state), now);
		printf("zram%u: writeback skipped: %s; next round %s; %s\n", res->id,
		       maintain_skip_text(d->writeback), when, left);
		return;
	}
	if (d->idle_age_kernel != d->idle_age) {
		char susp[32];

		setup_format_duration(susp, sizeof(susp), d->idle_age_kernel - d->idle_age);
		snprintf(kage, sizeof(kage), " (+%s suspended)", susp);
	} else {
		kage[0] = '\0';
	}
	if (dry_run) {
		printf("zram%u: would write back up to %s of", res->id, budget);
		for (size_t i = 0; i < res->nmodes; i++)
			printf("%s %s", i ? "," : "", reclaim_mode_name(res->modes[i].mode));
		printf(" slots, idle ones untouched for %s%s; %s\n", age, kage, left);
		return;
	}
	setup_format_size(written, sizeof(written), res->written);
	printf("zram%u: wrote back %s of a %s budget (", res->id, written, budget);
	for (size_t i = 0; i < res->nmodes; i++) {
		printf("%s%s %llu pages", i ? ", " : "", reclaim_mode_name(res->modes[i].mode),
		       (unsigned long long)res->modes[i].pages);
		if (res->modes[i].skip != SKIP_NONE)
			printf(" [%s]", maintain_skip_name(res->modes[i].skip));
	}
	printf("); idle age %s%s; %s\n", age, kage, left);
}

static void print_recompress(const struct maintain_result *res, bool dry_run, uint64_t now)
{
	const struct maintain_decision *d = &res->decision;
	char age[48], when[32], before[32], after[32];
	const char *cmd = res->recompress_cmd[0] ? res->recompress_cmd : "every slot";

	setup_format_duration(age, sizeof(age), d->recompress_age);
	if (d->recompress != SKIP_NONE) {
		format_time(when, sizeof(when), maintain_next_recompress(&res->conf->policy, &res->state),
			    now);
		printf("zram%u: recompression skipped: %s; next round %s\n", res->id,
		       maintain_skip_text(d->recompress), when);
	} else if (dry_run) {
		printf("zram%u: would recompress (%s), idle ones untouched for %s\n", res->id, cmd, age);
	} else if (res->recompressed) {
		setup_format_size(before, sizeof(before), res->compr_before);
		setup_format_size(after, sizeof(after), res->compr_after);
		printf("zram%u: recompressed (%s): compressed data %s -> %s\n", res->id, cmd, before,
		       after);
	} else if (!res->failed) {
		printf("zram%u: recompression skipped: the kernel is busy with another; next round\n",
		       res->id);
	}
}

void maintain_cli_print(struct cli *cli, const struct maintain_report *rep, bool pretty)
{
	if (cli->json) {
		struct json_object *o = maintain_report_to_json(rep);

		cli_print_json(o, (pretty ? JSON_C_TO_STRING_PRETTY : 0) | JSON_C_TO_STRING_SPACED |
				  JSON_C_TO_STRING_NOSLASHESCAPE);
		json_object_put(o);
		fflush(stdout);
		return;
	}
	if (cli->verbosity < 0)
		return;
	if (!rep->nresults)
		puts("no device has a maintenance policy (writeback-modes or recompress-interval)");
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct maintain_result *res = &rep->results[i];

		/* The warning said it all. */
		if (res->missing || res->state_newer)
			continue;
		if (maintain_policy_writeback(&res->conf->policy))
			print_writeback(res, rep->dry_run, rep->time);
		if (maintain_policy_recompress(&res->conf->policy))
			print_recompress(res, rep->dry_run, rep->time);
	}
	fflush(stdout);
}

int maintain_cli_round(struct cli *cli, const struct setup_ctx *s, const struct config *cfg,
		       const struct maintain_options *opts, struct maintain_session *sess,
		       struct maintain_report *rep)
{
	int lock = -1, r, rc;

	memset(rep, 0, sizeof(*rep));
	if (!opts->dry_run) {
		r = zswapctl_run_lock(cli->ctx, &lock);
		if (r < 0) {
			cli_error("cannot take the run lock /run/zswapctl.lock: %s", strerror(-r));
			return EXIT_FAILED;
		}
	}
	rc = (int)maintain_run(s, cfg, opts, sess, rep);
	if (lock >= 0)
		close(lock);
	return rc;
}

static int cmd_maintain(struct cli *cli, int argc, char **argv)
{
	enum { OPT_DRY_RUN = 256, OPT_DAEMON, OPT_STATE_DIR };
	const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "daemon", no_argument, NULL, OPT_DAEMON },
		{ "state-dir", required_argument, NULL, OPT_STATE_DIR },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct maintain_options opts = { 0 };
	struct maintain_session sess = { 0 };
	struct maintain_report rep;
	struct maintain_clock clock;
	const char *file = NULL;
	bool daemon = false;
	struct setup_ctx s;
	struct config cfg;
	char boot_id[64];
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "c:Jh", options)) != -1) {
		switch (c) {
		case 'c':
			file = optarg;
			break;
		case OPT_DRY_RUN:
			opts.dry_run = true;
			break;
		case OPT_DAEMON:
			daemon = true;
			break;
		case OPT_STATE_DIR:
			if (optarg[0] != '/')
				return cli_usage_error(cli, "--state-dir %s: an absolute path", optarg);
			if (zswapctl_ctx_set_persist_dir(cli->ctx, optarg) < 0)
				return EXIT_FAILED;
			break;
		default:
			return cli_option_end(cli, c);
		}
	}
	if (daemon && opts.dry_run)
		return cli_usage_error(cli, "--daemon and --dry-run: choose one");
	for (int i = optind; i < argc; i++) {
		unsigned int id;

		rc = cli_device_id(cli, argv[i], &id);
		if (rc != EXIT_OK)
			return rc;
	}
	opts.only = argv + optind;
	opts.nonly = (size_t)(argc - optind);
	cli_setup_ctx(cli, &s);
	if (daemon)
		return maintain_daemon(cli, &s, file, &opts);

	rc = maintain_cli_load_config(cli, &s, file, &cfg);
	if (rc != EXIT_OK)
		return rc;
	maintain_cli_clock(cli, &clock, boot_id, sizeof(boot_id));
	opts.clock = &clock;
	rc = maintain_cli_round(cli, &s, &cfg, &opts, &sess, &rep);
	if (rc != EXIT_USAGE)
		maintain_cli_print(cli, &rep, true);
	maintain_report_free(&rep);
	maintain_session_free(&sess);
	config_free(&cfg);
	return rc == EXIT_USAGE ? EXIT_USAGE : rc;
}

const struct command command_maintain = {
	.name = "maintain",
	.run = cmd_maintain,
	.summary = "run the writeback and recompression policy",
	.usage = "Usage: zswapctl maintain [options] [DEVICE...]\n\n"
		 "  -c, --config FILE    only this file (default: the configuration files)\n"
		 "      --dry-run        say what one round would do, change nothing\n"
		 "      --daemon         rounds on the configured intervals until SIGTERM;\n"
		 "                       SIGHUP reads the configuration again\n"
		 "      --state-dir DIR  keep the budgets here (default /var/lib/zswapctl)\n"
		 "  -J, --json           what each round did (or would do) as JSON\n",
};
