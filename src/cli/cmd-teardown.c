// SPDX-License-Identifier: GPL-2.0-or-later
/* teardown [--all | DEVICE...]: unmount what setup mounted, swapoff, reset,
 * and hot_remove what setup created. Without arguments: the configured
 * devices. */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"
#include "conf.h"
#include "state.h"
#include "util.h"
#include "tunables.h"

/* swapoff's progress: the kernel's count of the area's used pages, read
 * from /proc/swaps while swapoff reads them back. */
struct swapoff_watch {
	struct zswapctl_ctx *ctx;
	struct zswapctl_dev *dev;
	uint64_t used0;
};

static int swapoff_read(void *arg, uint64_t *done, uint64_t *total)
{
	struct swapoff_watch *w = arg;
	struct zswapctl_swap_list *swaps = NULL;
	const struct zswapctl_swap_area *area;
	uint64_t used = 0;
	int r = zswapctl_swap_list_new(w->ctx, &swaps);

	if (r < 0)
		return r;
	area = zswapctl_swap_list_find_dev(swaps, w->dev);
	if (area)
		used = zswapctl_swap_area_get_used(area);
	zswapctl_swap_list_unref(swaps);
	*total = w->used0 / 4096;
	*done = used < w->used0 ? (w->used0 - used) / 4096 : 0;
	return 0;
}

/* A filesystem setup mounted is unmounted; one mounted by someone else
 * stops the teardown of that device. */
static int unmount_device(struct cli *cli, const struct setup_ctx *s, struct zswapctl_dev *dev)
{
	const char *name = zswapctl_dev_get_name(dev);
	unsigned int id = zswapctl_dev_get_id(dev);
	_cleanup_free_ char *target = NULL, *ours = NULL;
	int r;

	/* Without libmount we cannot tell: the reset then says EBUSY. */
	if (zswapctl_dev_get_mount_point(dev, &target) < 0 || !target)
		return EXIT_OK;
	ours = state_get(s, id, STATE_MOUNT);
	if (!ours || strcmp(ours, target)) {
		cli_error("%s is mounted on %s, which zswapctl did not mount; unmount it first",
			  name, target);
		return EXIT_FAILED;
	}
	r = zswapctl_umount(cli->ctx, target);
	if (r < 0) {
		cli_error("%s: cannot unmount %s: %s; %s", name, target, strerror(-r),
			  r == -EBUSY ? "something uses it (see 'fuser -vm MOUNTPOINT'): stop it "
					"and retry" : "check the kernel log");
		return EXIT_FAILED;
	}
	state_drop(s, id, STATE_MOUNT);
	if (cli->verbosity >= 0)
		printf("%s: unmounted %s\n", name, target);
	return EXIT_OK;
}

static int teardown_device(struct cli *cli, const struct setup_ctx *s, struct zswapctl_dev *dev,
			   const struct zswapctl_swap_list *swaps, bool force)
{
	const char *name = zswapctl_dev_get_name(dev);
	const struct zswapctl_swap_area *swap =
		swaps ? zswapctl_swap_list_find_dev(swaps, dev) : NULL;
	unsigned int id = zswapctl_dev_get_id(dev);
	int r;

	if (unmount_device(cli, s, dev) != EXIT_OK)
		return EXIT_FAILED;
	if (swap) {
		uint64_t avail = 0;

		if (!force && zswapctl_meminfo(cli->ctx, NULL, &avail) < 0) {
			cli_error("%s: cannot read MemAvailable from /proc/meminfo to check that the "
				  "swapped data fits in memory; use --force to swapoff anyway", name);
			return EXIT_FAILED;
		}
		if (!force && zswapctl_swap_area_get_used(swap) > avail) {
			char used[32], free_mem[32];

			setup_format_size(used, sizeof(used), zswapctl_swap_area_get_used(swap));
			setup_format_size(free_mem, sizeof(free_mem), avail);
			cli_error("%s: %s of swapped data would not fit in the %s of available memory; "
				  "free memory first, or use --force", name, used, free_mem);
			return EXIT_FAILED;
		}
		struct swapoff_watch watch = { cli->ctx, dev, zswapctl_swap_area_get_used(swap) };
		struct progress_poll poll;

		progress_poll_start(&poll, cli, name, "swapoff", swapoff_read, &watch);
		r = zswapctl_dev_swapoff(dev);
		progress_poll_stop(&poll);
		if (r < 0) {
			cli_error("%s: swapoff failed: %s; %s", name, strerror(-r),
				  r == -ENOMEM ? "free memory so the swapped pages fit, then retry" :
				  "check 'swapon --show' and the kernel log, then retry");
			return EXIT_FAILED;
		}
		if (cli->verbosity >= 0)
			printf("%s: swapoff\n", name);
	}
	r = zswapctl_dev_reset(dev);
	if (r < 0) {
		cli_error("%s/reset: %s; %s", name, strerror(-r), setup_errno_advice(-r, "reset"));
		return EXIT_FAILED;
	}
	if (cli->verbosity >= 0)
		printf("%s: reset\n", name);
	state_drop(s, id, STATE_WRITTEN);
	{
		/* The dm-crypt mapping over the backing device, now that zram
		 * let go of it: its key goes with it. */
		char *crypt = state_get(s, id, STATE_CRYPT);

		if (crypt) {
			r = zswapctl_crypt_close(cli->ctx, crypt);
			if (r < 0 && r != -ENOENT) {
				cli_error("%s: cannot remove the dm-crypt mapping %s: %s; remove it "
					  "with 'dmsetup remove %s' once nothing holds it",
					  name, crypt, strerror(-r), crypt);
				free(crypt);
				return EXIT_FAILED;
			}
			state_drop(s, id, STATE_CRYPT);
			if (r == 0 && cli->verbosity >= 0)
				printf("%s: removed the dm-crypt mapping %s\n", name, crypt);
			free(crypt);
		}
	}
	{
		/* The loop device of a file backing: autoclear usually has
		 * detached it when zram let go of it. */
		char *loop = state_get(s, id, STATE_LOOP);

		if (loop) {
			zswapctl_loop_detach(cli->ctx, loop);
			state_drop(s, id, STATE_LOOP);
			if (cli->verbosity >= 0)
				printf("%s: detached %s\n", name, loop);
			free(loop);
		}
	}
	{
		/* A device setup did not create gets its old algorithm back. */
		char *alg = state_algorithm(s, id);

		if (alg && !state_has(s, id, STATE_CREATED))
			zswapctl_dev_write_attr(dev, "comp_algorithm", alg);
		free(alg);
	}
	if (state_has(s, id, STATE_CREATED)) {
		r = zswapctl_dev_hot_remove(dev);
		if (r < 0) {
			cli_error("%s: hot_remove failed: %s; %s", name, strerror(-r),
				  r == -EBUSY ? "something holds the device open (udev, a mount); "
						"retry once it lets go" :
				  "it is reset; remove it later with 'zswapctl teardown'");
			return EXIT_FAILED;
		}
		state_drop(s, id, STATE_CREATED);
		if (cli->verbosity >= 0)
			printf("%s: removed\n", name);
	}
	return EXIT_OK;
}

/* Whether a zram device is still swap: the [system] tunables stay while
 * one is (they are for zram swap). */
static bool zram_swap_left(struct cli *cli)
{
	struct zswapctl_swap_list *swaps = NULL;
	const struct zswapctl_swap_area *area;
	struct zswapctl_dev *dev;
	bool left = false;

	if (zswapctl_swap_list_new(cli->ctx, &swaps) < 0)
		return false;
	/* The library's device-name parser decides what is a zram device. */
	zswapctl_swap_list_foreach(swaps, area) {
		if (zswapctl_dev_new(cli->ctx, zswapctl_swap_area_get_source(area), &dev) < 0)
			continue;
		zswapctl_dev_unref(dev);
		left = true;
	}
	zswapctl_swap_list_unref(swaps);
	return left;
}

static void print_restored(const char *knob, const char *value, void *userdata)
{
	struct cli *cli = userdata;

	if (cli->verbosity >= 0)
		printf("%s = %s (restored)\n", knob, value);
}

/*
 * The devices named on the command line. One that does not exist (any
 * more: a teardown that ran meanwhile removed it) is nothing to do, and
 * what the journal says about it is stale.
 */
static int named_devices(struct cli *cli, const struct setup_ctx *s, int argc, char **argv,
			 struct zswapctl_dev ***devs, size_t *count)
{
	struct zswapctl_dev **list = calloc((size_t)argc + 1, sizeof(*list));
	size_t n = 0;

	if (!list)
		return EXIT_FAILED;
	for (int i = 0; i < argc; i++) {
		unsigned int id;
		int rc;

		if (zswapctl_parse_dev_name(argv[i], &id) == 0 &&
		    zswapctl_dev_new(cli->ctx, argv[i], &list[n]) == -ENODEV) {
			state_forget_device(s, id);
			if (cli->verbosity >= 0)
				printf("zram%u: no such device; nothing to do\n", id);
			continue;
		}
		if (list[n]) {
			n++;
			continue;
		}
		rc = cli_open_device(cli, argv[i], &list[n]);
		if (rc != EXIT_OK) {
			cli_free_devices(list, n);
			return rc;
		}
		n++;
	}
	*devs = list;
	*count = n;
	return EXIT_OK;
}

static int cmd_teardown(struct cli *cli, int argc, char **argv)
{
	const struct option options[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "config", required_argument, NULL, 'c' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct zswapctl_swap_list *swaps = NULL;
	struct zswapctl_dev **devs = NULL;
	struct setup_ctx s;
	const char *file = NULL;
	bool all = false, force = false;
	size_t ndevs = 0;
	int c, rc, lock;

	while ((c = cli_getopt(cli, argc, argv, "ac:h", options)) != -1) {
		switch (c) {
		case 'a':
			all = true;
			break;
		case 'c':
			file = optarg;
			break;
		case 'F':
			force = true;
			break;
		default:
			return cli_option_end(cli, c);
		}
	}
	cli_setup_ctx(cli, &s);
	if (all && optind < argc)
		return cli_usage_error(cli, "--all or device names, not both");
	/* Devices are looked up under the lock: a teardown running meanwhile
	 * may remove them, and this one then finds nothing left to do. */
	lock = cli_take_run_lock(cli);
	if (lock < 0)
		return EXIT_FAILED;
	if (all) {
		rc = cli_resolve_devices(cli, 0, NULL, &devs, &ndevs);
		if (rc != EXIT_OK)
			goto out_lock;
	} else if (optind < argc) {
		rc = named_devices(cli, &s, argc - optind, argv + optind, &devs, &ndevs);
		if (rc != EXIT_OK)
			goto out_lock;
	} else {
		/* The configured devices that exist. */
		struct config cfg;
		uint64_t ram = 0;

		zswapctl_meminfo(cli->ctx, &ram, NULL);
		if (config_load(&s, file, ram ? ram : 1, &cfg) < 0) {
			rc = EXIT_USAGE;
			goto out_lock;
		}
		devs = calloc(cfg.ndevices + 1, sizeof(*devs));
		for (size_t i = 0; devs && i < cfg.ndevices; i++) {
			char name[32];

			snprintf(name, sizeof(name), "zram%u", cfg.devices[i].id);
			if (zswapctl_dev_new(cli->ctx, name, &devs[ndevs]) == 0)
				ndevs++;
			else
				state_forget_device(&s, cfg.devices[i].id);
		}
		config_free(&cfg);
		if (!devs) {
			rc = EXIT_FAILED;
			goto out_lock;
		}
	}
	zswapctl_swap_list_new(cli->ctx, &swaps);
	rc = EXIT_OK;
	for (size_t i = 0; i < ndevs; i++)
		if (teardown_device(cli, &s, devs[i], swaps, force) != EXIT_OK)
			rc = EXIT_FAILED;
	if (ndevs == 0 && optind >= argc && cli->verbosity >= 0)
		puts("nothing to do: none of the devices exists");
	if (!zram_swap_left(cli) && tunables_restore(&s, print_restored, cli) < 0)
		rc = EXIT_FAILED;
	zswapctl_swap_list_unref(swaps);
	cli_free_devices(devs, ndevs);
out_lock:
	close(lock);
	return rc;
}

const struct command command_teardown = {
	.name = "teardown",
	.run = cmd_teardown,
	.summary = "unmount or swapoff, reset and remove devices",
	.usage = "Usage: zswapctl teardown [options] [--all | DEVICE...]\n\n"
		 "  -a, --all          every zram device\n"
		 "  -c, --config FILE  the devices of this configuration (default: the\n"
		 "                     configuration files, or the embedded default)\n"
		 "      --force        swapoff even when the swapped data may not fit in\n"
		 "                     available memory\n",
};
