// SPDX-License-Identifier: GPL-2.0-or-later
/* zswapctl: global options and the command table. */
#include <getopt.h>
#include <string.h>
#include <syslog.h>

#include "cli.h"

static const struct command commands[] = {
	{ "setup", NULL, cmd_setup, "bring devices to the configured state" },
	{ "teardown", NULL, cmd_teardown, "swapoff, reset and remove devices" },
	{ "writeback", NULL, cmd_writeback, "write slots back to the backing device" },
	{ "recompress", NULL, cmd_recompress, "recompress slots with secondary algorithms" },
	{ "status", "list", cmd_status, "one row per zram device" },
	{ "stats", NULL, cmd_stats, "every kernel counter, per device and per path" },
	{ "swap-ops", NULL, cmd_swap_ops, "the swap_ops routing switch (on|off|status)" },
	{ "bench", NULL, cmd_bench, "swap-in latency per path, measured" },
	{ "config", NULL, cmd_config, "check the configuration and print it (config check)" },
};

static void usage(FILE *out)
{
	fputs("Usage: zswapctl [--sysroot DIR] [--json] [-q] [-v] COMMAND [ARGS...]\n\n"
	      "Commands:\n", out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\nGlobal options:\n"
	      "      --sysroot DIR  read /sys, /proc and /dev under DIR\n"
	      "      --json         JSON output where the command has it\n"
	      "  -q, --quiet        no warnings\n"
	      "  -v, --verbose      say what is done (twice: library debug)\n"
	      "  -V, --version      print the version\n"
	      "  -h, --help         this help\n\n"
	      "'zswapctl COMMAND --help' describes a command; see zswapctl(8).\n", out);
}

static void log_to_stderr(struct zswapctl_ctx *ctx, int priority,
			  const char *file, int line, const char *fn,
			  const char *format, va_list args)
{
	fprintf(stderr, "zswapctl: %s: ", fn);
	vfprintf(stderr, format, args);
	fputc('\n', stderr);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "sysroot", required_argument, NULL, 'R' },
		{ "json", no_argument, NULL, 'J' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct cli cli = { 0 };
	const char *sysroot = NULL;
	int c, r;

	/* '+': stop at the command name; it parses its own options. */
	while ((c = getopt_long(argc, argv, "+qvVh", options, NULL)) != -1) {
		switch (c) {
		case 'R':
			sysroot = optarg;
			break;
		case 'J':
			cli.json = true;
			break;
		case 'q':
			cli.verbosity = -1;
			break;
		case 'v':
			cli.verbosity++;
			break;
		case 'V':
			printf("zswapctl %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (zswapctl_ctx_new(&cli.ctx) < 0) {
		cli_error("out of memory");
		return EXIT_FAILED;
	}
	if (sysroot) {
		r = zswapctl_ctx_set_root(cli.ctx, sysroot);
		if (r < 0) {
			cli_error("--sysroot %s: must be an absolute path", sysroot);
			zswapctl_ctx_unref(cli.ctx);
			return EXIT_USAGE;
		}
	}
	if (cli.verbosity >= 2) {
		zswapctl_ctx_set_log_fn(cli.ctx, log_to_stderr);
		zswapctl_ctx_set_log_priority(cli.ctx, LOG_DEBUG);
	}

	r = -1;
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const struct command *cmd = &commands[i];

		if (strcmp(argv[optind], cmd->name) == 0 ||
		    (cmd->alias && strcmp(argv[optind], cmd->alias) == 0)) {
			argc -= optind;
			argv += optind;
			optind = 0; /* reset getopt for the command */
			r = cmd->run(&cli, argc, argv);
			break;
		}
	}
	if (r < 0) {
		cli_error("unknown command '%s'; see 'zswapctl --help'", argv[optind]);
		r = EXIT_USAGE;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("write error on standard output");
		r = EXIT_FAILED;
	}
	zswapctl_ctx_unref(cli.ctx);
	return r;
}
