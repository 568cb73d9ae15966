// SPDX-License-Identifier: GPL-2.0-or-later
/* zswapctl: global options and the command table. */
#include <getopt.h>
#include <string.h>
#include <syslog.h>

#include "cli.h"

static const struct command *const commands[] = {
	&command_setup,
	&command_teardown,
	&command_writeback,
	&command_recompress,
	&command_maintain,
	&command_status,
	&command_stats,
	&command_swap_ops,
	&command_bench,
	&command_config,
};

static void usage(void)
{
	fputs("Usage: zswapctl [--sysroot DIR] [--json] [-q] [-v] COMMAND [ARGS...]\n\n"
	      "Commands:\n", stdout);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\nGlobal options:\n"
	      "      --sysroot DIR  the system's files (/sys, /proc, /dev, /etc, /run ...) under DIR\n"
	      "      --json         JSON output where the command has it\n"
	      "  -q, --quiet        errors only (no warnings, progress or report)\n"
	      "  -v, --verbose      say what is done (twice: library debug)\n"
	      "  -V, --version      print the version\n"
	      "  -h, --help         this help\n\n"
	      "'zswapctl COMMAND --help' describes a command; see zswapctl(8).\n", stdout);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const struct command *cmd = commands[i];

		if (strcmp(name, cmd->name) == 0 || (cmd->alias && strcmp(name, cmd->alias) == 0))
			return cmd;
	}
	return NULL;
}

static void log_to_stderr(struct zswapctl_ctx *ctx, int priority,
			  const char *file, int line, const char *fn,
			  const char *format, va_list args)
{
	fprintf(stderr, "zswapctl: %s: ", fn);
	vfprintf(stderr, format, args);
	fputc('\n', stderr);
}

static int run_command(struct cli *cli, int argc, char **argv)
{
	/*
	 * getopt names the program by argv[0] in its messages. Not snprintf():
	 * `stats --json` uses no printf otherwise (util.h's strjoin3() says
	 * why that matters).
	 */
	char prefix[64] = "zswapctl: ";

	strncat(prefix, cli->cmd->name, sizeof(prefix) - strlen(prefix) - 1);
	argv[0] = prefix;
	optind = 0; /* reset getopt for the command */
	return cli->cmd->run(cli, argc, argv);
}

static int run(int argc, char **argv)
{
	const struct option options[] = {
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

	argv[0] = "zswapctl";
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
			usage();
			return EXIT_OK;
		default:
			return cli_option_end(&cli, c);
		}
	}
	if (optind >= argc)
		return cli_usage_error(&cli, "no command given");
	cli.cmd = find_command(argv[optind]);
	if (!cli.cmd)
		return cli_usage_error(&cli, "unknown command '%s'", argv[optind]);
	if (zswapctl_ctx_new(&cli.ctx) < 0) {
		cli_error("out of memory");
		return EXIT_FAILED;
	}
	if (sysroot) {
		r = zswapctl_ctx_set_root(cli.ctx, sysroot);
		if (r < 0) {
			zswapctl_ctx_unref(cli.ctx);
			cli.cmd = NULL;
			return cli_usage_error(&cli, "--sysroot %s: must be an absolute path", sysroot);
		}
	}
	if (cli.verbosity >= 2) {
		zswapctl_ctx_set_log_fn(cli.ctx, log_to_stderr);
		zswapctl_ctx_set_log_priority(cli.ctx, LOG_DEBUG);
	}
	r = run_command(&cli, argc - optind, argv + optind);
	zswapctl_ctx_unref(cli.ctx);
	return r;
}

int main(int argc, char **argv)
{
	return cli_close_stdout(run(argc, argv));
}
