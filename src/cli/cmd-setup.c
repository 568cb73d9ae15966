// SPDX-License-Identifier: GPL-2.0-or-later
/* setup [-c FILE] [--dry-run] [--force] [--find | DEVICE...] */
#include <errno.h>
#include <getopt.h>
#include <json-c/json.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "import.h"
#include "plan.h"

/* Every device named on the command line must be configured. */
static int check_named_devices(struct cli *cli, const struct config *cfg, int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		bool found = false;
		unsigned int id;
		int rc = cli_device_id(cli, argv[i], &id);

		if (rc != EXIT_OK)
			return rc;
		for (size_t k = 0; k < cfg->ndevices; k++)
			if (cfg->devices[k].id == id)
				found = true;
		if (!found) {
			cli_error("setup: %s is not in the configuration; add a [zramN] section for it "
				  "(see 'zswapctl config check')", argv[i]);
			return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

/*
 * --find: the configuration's one device goes on the first free device
 * instead of the number its section names (plan_find_free()). One device
 * only: which section would go where is otherwise a guess.
 */
static int place_found(struct cli *cli, const struct setup_ctx *s, struct config *cfg,
		       unsigned int *found)
{
	struct config_device *d = NULL;
	size_t n = 0;
	bool exists;

	for (size_t i = 0; i < cfg->ndevices; i++)
		if (cfg->devices[i].skip == CONFIG_SKIP_NONE) {
			d = &cfg->devices[i];
			n++;
		}
	if (n != 1) {
		cli_error("setup --find: the configuration %s; --find sets up one device "
			  "(give it a file with one [zramN] section: -c FILE)",
			  n ? "makes more than one device" : "makes no device");
		return EXIT_USAGE;
	}
	if (plan_find_free(s, found, &exists) != SETUP_OK)
		return EXIT_FAILED;
	d->id = *found;
	return EXIT_OK;
}

/* The devices left out, on one line after the messages that say why. */
static void print_failed(const struct plan *plan, bool dry_run)
{
	char names[256] = "";
	size_t len = 0;

	for (size_t i = 0; i < plan->nfailed && len < sizeof(names); i++) {
		if (plan->failed[i].dev_id < 0)
			len += (size_t)snprintf(names + len, sizeof(names) - len, "%szswap",
						len ? ", " : "");
		else
			len += (size_t)snprintf(names + len, sizeof(names) - len, "%szram%d",
						len ? ", " : "", plan->failed[i].dev_id);
	}
	cli_error("setup: %s: %s%s", dry_run ? "would not be set up" : "not set up", names,
		  plan->nfailed < plan->ndevices ? (dry_run ? "; the other devices would be" :
							       "; the other devices are") : "");
}

/* found: the device --find chose, or -1. */
static void print_plan(struct cli *cli, const struct plan *plan, bool dry_run,
		       bool json, size_t done, int found)
{
	if (plan && plan->nfailed && (!json || cli->verbosity >= 0))
		print_failed(plan, dry_run);
	if (json) {
		struct json_object *o = plan_to_json(plan, dry_run, !dry_run && done > 0);

		if (found >= 0) {
			char name[32];

			snprintf(name, sizeof(name), "zram%d", found);
			json_object_object_add(o, "found", json_object_new_string(name));
		}
		cli_print_json(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED);
		json_object_put(o);
		return;
	}
	if (cli->verbosity < 0)
		return;
	if (!plan || plan->nsteps == 0) {
		if (!plan || !plan->nfailed)
			puts("nothing to do: every device is as configured");
		return;
	}
	if (dry_run) {
		for (size_t i = 0; i < plan->nsteps; i++) {
			char what[256];

			step_describe(&plan->steps[i], what, sizeof(what));
			printf("would: %s\n", what);
		}
		if (!plan->zram_loaded)
			puts("(the algorithm is chosen again once zram is loaded)");
	}
}

/* Each step as it takes effect, unless -q or --json. */
static void print_progress(const struct step *s, void *userdata)
{
	struct cli *cli = userdata;
	char what[256];

	if (cli->verbosity < 0 || cli->json)
		return;
	step_describe(s, what, sizeof(what));
	printf("%s\n", what);
}

/*
 * zram is not loaded: load it first, with the num_devices the plan asks
 * for, then plan against the real devices. This first plan is provisional
 * (no algorithm or attribute known yet) and says nothing; the second one
 * reports.
 */
static int load_zram(const struct setup_ctx *s, const struct config *cfg,
		     const struct plan_options *opts)
{
	struct setup_ctx quiet = *s;
	struct plan plan, load = { 0 };
	size_t done = 0;
	int rc;

	quiet.diag = NULL;
	quiet.progress = NULL;
	plan_compute(&quiet, cfg, opts, &plan);
	if (!plan.nsteps || plan.steps[0].action != ACT_LOAD_MODULE) {
		plan_free(&plan);
		return EXIT_FAILED; /* out of memory */
	}
	load.steps = plan.steps;
	load.nsteps = 1;
	load.ndevices = 1;
	rc = plan_apply(s, &load, &done);
	load.steps = NULL;
	load.nsteps = 0;
	plan_free(&load);
	plan_free(&plan);
	return rc;
}

/* No configuration of ours, but zram-generator's or zramswap's: say how
 * to carry it over (the embedded default applies meanwhile). */
static void migration_hint(struct cli *cli, const struct setup_ctx *s)
{
	enum import_tool tool;
	char *path = import_foreign_config(s, &tool);

	if (!path)
		return;
	cli_warn(cli, "there is no zswapctl configuration, but %s has %s: "
		 "'zswapctl config import > /etc/zswapctl.conf' carries it over "
		 "(until then setup uses the embedded default)", import_tool_name(tool), path);
	free(path);
}

/* The device node of the device --find set up, as the library names it. */
static void print_found_devnode(struct cli *cli, unsigned int id)
{
	struct zswapctl_dev *dev;
	char name[32];

	snprintf(name, sizeof(name), "%u", id);
	if (zswapctl_dev_new(cli->ctx, name, &dev) < 0) {
		cli_error("zram%u: set up, but it is gone now", id);
		return;
	}
	puts(zswapctl_dev_get_devnode(dev));
	zswapctl_dev_unref(dev);
}

static int cmd_setup(struct cli *cli, int argc, char **argv)
{
	const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "dry-run", no_argument, NULL, 'D' },
		{ "force", no_argument, NULL, 'F' },
		{ "find", no_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct plan_options opts = { 0 };
	const char *file = NULL;
	bool dry_run = false, find = false;
	unsigned int found = 0;
	struct setup_ctx s;
	struct config cfg;
	struct plan plan;
	bool disabled = false;
	uint64_t ram = 0;
	size_t done = 0;
	int c, rc, lock = -1;

	while ((c = cli_getopt(cli, argc, argv, "c:fJh", options)) != -1) {
		switch (c) {
		case 'c':
			file = optarg;
			break;
		case 'D':
			dry_run = true;
			break;
		case 'F':
			opts.force = true;
			break;
		case 'f':
			find = true;
			break;
		default:
			return cli_option_end(cli, c);
		}
	}
	cli_setup_ctx(cli, &s);
	s.progress = print_progress;
	if (find && optind < argc)
		return cli_usage_error(cli, "--find or device names, not both");
	zswapctl_kernel_cmdline_has(cli->ctx, "zswapctl.disable", &disabled);
	if (disabled) {
		/* An empty plan, said the way --json asks for. */
		if (cli->json)
			print_plan(cli, NULL, dry_run, true, 0, -1);
		else if (cli->verbosity >= 0)
			puts("zswapctl.disable is on the kernel command line: nothing to do");
		return EXIT_OK;
	}
	if (cli_read_ram(cli, &ram) < 0)
		return EXIT_FAILED;
	if (config_load(&s, file, ram, &cfg) < 0)
		return EXIT_USAGE;
	if (cfg.embedded_default && !find)
		migration_hint(cli, &s);
	rc = check_named_devices(cli, &cfg, argc - optind, argv + optind);
	if (rc != EXIT_OK)
		goto out_cfg;
	opts.only = argv + optind;
	opts.nonly = argc - optind;

	if (!dry_run) {
		lock = cli_take_run_lock(cli);
		if (lock < 0) {
			rc = EXIT_FAILED;
			goto out_cfg;
		}
	}
	/* Under the run lock: no other zswapctl takes the same device. Again
	 * once zram is loaded (before, it is zram0 of num_devices=1). */
	if (find && (rc = place_found(cli, &s, &cfg, &found)) != EXIT_OK)
		goto out_lock;
	if (!dry_run && zswapctl_control_present(cli->ctx) < 0) {
		rc = load_zram(&s, &cfg, &opts);
		if (rc != EXIT_OK)
			goto out_lock;
		if (find && (rc = place_found(cli, &s, &cfg, &found)) != EXIT_OK)
			goto out_lock;
	}
	/* Each device on its own: the plan holds those that can be set up,
	 * and the others in plan.failed, reported as they were found. */
	rc = plan_compute(&s, &cfg, &opts, &plan);
	if (!dry_run && plan.nsteps)
		rc = plan_apply(&s, &plan, &done);
	print_plan(cli, &plan, dry_run, cli->json, done, find ? (int)found : -1);
	/* What a script reads: the device, also with -q, unless it failed. */
	if (find && !cli->json && !dry_run && !plan.nfailed)
		print_found_devnode(cli, found);
	plan_free(&plan);
out_lock:
	if (lock >= 0)
		close(lock);
out_cfg:
	config_free(&cfg);
	return rc;
}

const struct command command_setup = {
	.name = "setup",
	.run = cmd_setup,
	.summary = "bring devices to the configured state",
	.usage = "Usage: zswapctl setup [options] [DEVICE...]\n"
		 "       zswapctl setup --find -c FILE [options]\n\n"
		 "  -c, --config FILE  only this file (default: the configuration files,\n"
		 "                     or the embedded default when there are none)\n"
		 "      --dry-run      print the plan, change nothing\n"
		 "  -f, --find         set up FILE's one device on the first free zram\n"
		 "                     device (or a new one) and print its name\n"
		 "      --force        also reconfigure devices in use as swap (swapoff\n"
		 "                     first, if the data fits in memory) or holding\n"
		 "                     another signature\n"
		 "  -J, --json         the plan and what was done as JSON\n",
};
