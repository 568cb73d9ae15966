// SPDX-License-Identifier: GPL-2.0-or-later
/* swap-ops on|off|status [DEVICE...]: the routing switch of kernel/. */
#include <errno.h>
#include <getopt.h>
#include <json-c/json.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char no_series[] =
	"the running kernel has no swap_ops (a kernel with the zswapctl series "
	"from kernel/ is needed; swap I/O to zram uses bios)";

static int show_status(struct cli *cli, struct zswapctl_dev **devs, size_t n,
		       bool json)
{
	struct json_object *arr = json ? json_object_new_array() : NULL;
	int rc = EXIT_OK;
	size_t supported = 0;

	for (size_t i = 0; i < n; i++) {
		const char *name = zswapctl_dev_get_name(devs[i]);
		bool on;
		int r = zswapctl_dev_get_swap_ops(devs[i], &on);

		if (r == -ENOTSUP)
			continue;
		if (r < 0) {
			cli_error("%s/swap_ops: %s", name, setup_errno_advice(-r, "swap_ops"));
			rc = EXIT_FAILED;
			continue;
		}
		supported++;
		if (json) {
			struct json_object *o = json_object_new_object();

			json_object_object_add(o, "name", json_object_new_string(name));
			json_object_object_add(o, "enabled", json_object_new_boolean(on));
			json_object_array_add(arr, o);
		} else {
			printf("%s: %s\n", name, on ? "on" : "off");
		}
	}
	if (n && !supported && rc == EXIT_OK) {
		json_object_put(arr);
		cli_error("%s", no_series);
		return EXIT_UNSUPPORTED;
	}
	if (json) {
		cli_print_json(arr, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED);
		json_object_put(arr);
	}
	return rc;
}

static int set_switch(struct cli *cli, struct zswapctl_dev **devs, size_t n,
		      bool on)
{
	int rc = EXIT_OK;

	for (size_t i = 0; i < n; i++) {
		const char *name = zswapctl_dev_get_name(devs[i]);
		int r = zswapctl_dev_set_swap_ops(devs[i], on);

		if (r == -ENOTSUP) {
			cli_error("%s: %s", name, no_series);
			return EXIT_UNSUPPORTED;
		}
		if (r < 0) {
			cli_error("%s/swap_ops: cannot switch %s: %s", name,
				  on ? "on" : "off", setup_errno_advice(-r, "swap_ops"));
			rc = EXIT_FAILED;
			continue;
		}
		if (cli->verbosity > 0)
			printf("%s: swap_ops %s\n", name, on ? "on" : "off");
	}
	return rc;
}

static int cmd_swap_ops(struct cli *cli, int argc, char **argv)
{
	const struct option options[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct zswapctl_dev **devs = NULL;
	const char *action;
	size_t n = 0;
	int c, rc, lock = -1;

	c = cli_getopt(cli, argc, argv, "Jh", options);
	if (c != -1)
		return cli_option_end(cli, c);
	if (optind >= argc)
		return cli_usage_error(cli, "say on, off or status");
	action = argv[optind++];
	if (strcmp(action, "on") && strcmp(action, "off") && strcmp(action, "status"))
		return cli_usage_error(cli, "unknown action '%s'; use on, off or status", action);
	/* Flipping the switch waits for a setup or teardown to finish. */
	if (strcmp(action, "status")) {
		lock = cli_take_run_lock(cli);
		if (lock < 0)
			return EXIT_FAILED;
	}
	rc = cli_resolve_devices(cli, argc - optind, argv + optind, &devs, &n);
	if (rc != EXIT_OK)
		goto out;
	if (n == 0) {
		cli_error("swap-ops: there are no zram devices; create one with 'zswapctl setup'");
		rc = EXIT_FAILED;
	} else if (!strcmp(action, "status")) {
		rc = show_status(cli, devs, n, cli->json);
	} else {
		rc = set_switch(cli, devs, n, !strcmp(action, "on"));
	}
	cli_free_devices(devs, n);
out:
	if (lock >= 0)
		close(lock);
	return rc;
}

const struct command command_swap_ops = {
	.name = "swap-ops",
	.run = cmd_swap_ops,
	.summary = "the swap_ops routing switch (on|off|status)",
	.usage = "Usage: zswapctl swap-ops on|off|status [DEVICE...]\n\n"
		 "  -J, --json   status as JSON\n",
};
