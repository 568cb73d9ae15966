// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the option parsing of every command shares, and the one style of
 * usage error (util-linux's errtryhelp()): what is wrong, then
 *   Try 'zswapctl COMMAND --help' for more information.
 * and exit status 2.
 */
#include <stdarg.h>

#include "cli.h"

static void try_help(const struct cli *cli)
{
	if (cli->cmd)
		fprintf(stderr, "Try 'zswapctl %s --help' for more information.\n",
			cli->cmd->name);
	else
		fputs("Try 'zswapctl --help' for more information.\n", stderr);
}

int cli_getopt(struct cli *cli, int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	int c;

	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) == 'J')
		cli->json = true;
	return c;
}

int cli_option_end(struct cli *cli, int c)
{
	if (c == 'h') {
		fputs(cli->cmd->usage, stdout);
		return EXIT_OK;
	}
	try_help(cli);
	return EXIT_USAGE;
}

int cli_usage_error(struct cli *cli, const char *fmt, ...)
{
	va_list args;

	fputs("zswapctl: ", stderr);
	if (cli->cmd)
		fprintf(stderr, "%s: ", cli->cmd->name);
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fputc('\n', stderr);
	try_help(cli);
	return EXIT_USAGE;
}

int cli_one_device(struct cli *cli, int argc, char **argv, struct zswapctl_dev **dev)
{
	if (optind >= argc)
		return cli_usage_error(cli, "name the device, e.g. 'zswapctl %s zram0'",
				       cli->cmd->name);
	if (argc - optind > 1)
		return cli_usage_error(cli, "one device only, not '%s' too", argv[optind + 1]);
	return cli_open_device(cli, argv[optind], dev);
}
