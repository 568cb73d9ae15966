// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * writeback [--idle[=AGE] | --huge | --huge-idle | --incompressible]
 *           [--limit SIZE] DEVICE
 * One-shot writeback of zram slots to the backing device.
 */
#include <errno.h>
#include <getopt.h>
#include <json-c/json.h>
#include <string.h>

#include "cli.h"
#include "progress.h"
#include "conf.h"
#include "reclaim.h"
#include "util.h"

static void print_json(const char *name, const char *mode, uint64_t pages)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "device", json_object_new_string(name));
	json_object_object_add(o, "mode", json_object_new_string(mode));
	json_object_object_add(o, "pages", json_object_new_uint64(pages));
	json_object_object_add(o, "bytes", json_object_new_uint64(pages * ZRAM_UNIT));
	cli_print_json(o, JSON_C_TO_STRING_SPACED);
	json_object_put(o);
}

/* writeback's progress: bd_stat's bd_writes, the kernel's count of pages
 * written to the backing device, against the most this mode can write. */
struct writeback_watch {
	struct zswapctl_dev *dev;
	uint64_t before, total;
};

static int writeback_read(void *arg, uint64_t *done, uint64_t *total)
{
	struct writeback_watch *w = arg;
	uint64_t now;
	int r = zswapctl_dev_read_counter(w->dev, ZSWAPCTL_GROUP_BD, "bd_writes", &now);

	if (r < 0)
		return r;
	*done = now > w->before ? now - w->before : 0;
	*total = w->total;
	return 0;
}

/* The most MODE can write back: every stored page that is not same-filled
 * (idle modes), the huge pages (huge), unknown otherwise; at most LIMIT. */
static uint64_t writeback_most(struct zswapctl_dev *dev, const char *mode, uint64_t limit)
{
	uint64_t orig = 0, same = 0, huge = 0, most = 0;

	zswapctl_dev_read_counter(dev, ZSWAPCTL_GROUP_MM, "orig_data_size", &orig);
	zswapctl_dev_read_counter(dev, ZSWAPCTL_GROUP_MM, "same_pages", &same);
	zswapctl_dev_read_counter(dev, ZSWAPCTL_GROUP_MM, "huge_pages", &huge);
	if (!strcmp(mode, "idle") || !strcmp(mode, "huge_idle"))
		most = orig / ZRAM_UNIT > same ? orig / ZRAM_UNIT - same : 0;
	if (!strcmp(mode, "huge") || !strcmp(mode, "huge_idle"))
		most = huge;
	if (limit && (!most || limit / ZRAM_UNIT < most))
		most = limit / ZRAM_UNIT;
	return most;
}

static int cmd_writeback(struct cli *cli, int argc, char **argv)
{
	enum { OPT_IDLE = 256, OPT_HUGE, OPT_HUGE_IDLE, OPT_INCOMPRESSIBLE, OPT_LIMIT };
	const struct option options[] = {
		{ "idle", optional_argument, NULL, OPT_IDLE },
		{ "huge", no_argument, NULL, OPT_HUGE },
		{ "huge-idle", no_argument, NULL, OPT_HUGE_IDLE },
		{ "incompressible", no_argument, NULL, OPT_INCOMPRESSIBLE },
		{ "limit", required_argument, NULL, OPT_LIMIT },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const char *mode = NULL, *age = NULL, *limit_arg = NULL;
	struct zswapctl_dev *dev = NULL;
	char *backing = NULL;
	uint64_t limit = 0, before = 0, pages = 0, enabled = 0, left = 0;
	const char *name;
	int c, r, lock, rc = EXIT_FAILED;

	while ((c = cli_getopt(cli, argc, argv, "Jh", options)) != -1) {
		const char *m = NULL;

		switch (c) {
		case OPT_IDLE:
			m = "idle";
			age = optarg;
			break;
		case OPT_HUGE:
			m = "huge";
			break;
		case OPT_HUGE_IDLE:
			m = "huge_idle";
			break;
		case OPT_INCOMPRESSIBLE:
			m = "incompressible";
			break;
		case OPT_LIMIT:
			limit_arg = optarg;
			break;
		default:
			return cli_option_end(cli, c);
		}
		if (m && mode && strcmp(m, mode))
			return cli_usage_error(cli, "choose one of --idle, --huge, --huge-idle, "
					       "--incompressible");
		if (m)
			mode = m;
	}
	if (!mode)
		mode = "idle";
	if (age && (strspn(age, "0123456789") != strlen(age) || !*age))
		return cli_usage_error(cli, "--idle=%s: the age is a whole number of seconds", age);
	if (limit_arg) {
		const char *why = NULL;

		if (size_expr_eval(limit_arg, 0, &limit, &why) < 0)
			return cli_usage_error(cli, "--limit %s: %s", limit_arg,
					       why ? why : "not a size");
	}
	rc = cli_lock_one_device(cli, argc, argv, "write back", &dev, &lock);
	if (rc != EXIT_OK)
		return rc;
	rc = EXIT_FAILED;
	name = zswapctl_dev_get_name(dev);

	r = zswapctl_dev_read_backing_dev(dev, &backing);
	if (r == -ENOENT || zswapctl_dev_has_attr(dev, "writeback") < 0) {
		cli_error("%s: this kernel's zram has no writeback (CONFIG_ZRAM_WRITEBACK)", name);
		rc = EXIT_UNSUPPORTED;
		goto out;
	}
	if (r < 0 || !backing) {
		cli_error("%s: no backing device; set backing-device in its configuration and run "
			  "'zswapctl setup --force' (a backing device is set before disksize)", name);
		goto out;
	}
	if (limit_arg) {
		if ((r = reclaim_set_limit(dev, true, limit / ZRAM_UNIT)) < 0) {
			cli_error("%s/writeback_limit: %s", name, setup_errno_advice(-r, "writeback_limit"));
			goto out;
		}
	}
	if (zswapctl_dev_read_u64(dev, "writeback_limit_enable", &enabled) == 0 && enabled &&
	    zswapctl_dev_read_u64(dev, "writeback_limit", &left) == 0 && left == 0) {
		cli_error("%s: the writeback limit is used up (writeback_limit is 0); raise it with "
			  "--limit SIZE or writeback-limit in the configuration", name);
		goto out;
	}
	if (!strcmp(mode, "idle") || !strcmp(mode, "huge_idle")) {
		r = reclaim_mark_idle(dev, age);
		if (r < 0) {
			cli_error("%s/idle: cannot mark slots idle%s: %s", name,
				  age ? " by age (needs CONFIG_ZRAM_TRACK_ENTRY_ACTIME)" : "",
				  setup_errno_advice(-r, "idle"));
			rc = age && r == -EINVAL ? EXIT_UNSUPPORTED : EXIT_FAILED;
			goto out;
		}
	}
	zswapctl_dev_read_counter(dev, ZSWAPCTL_GROUP_BD, "bd_writes", &before);
	{
		struct writeback_watch watch = { dev, before,
			writeback_most(dev, mode, limit_arg ? limit : 0) };
		struct progress_poll poll;

		progress_poll_start(&poll, cli, name, "writeback", writeback_read, &watch);
		r = reclaim_writeback(dev, mode, &pages);
		progress_poll_stop(&poll);
	}
	if (r == -EIO && enabled) {
		cli_error("%s: writeback stopped at the writeback limit after %llu pages", name,
			  (unsigned long long)pages);
		goto out;
	}
	if (r < 0) {
		cli_error("%s/writeback: cannot write back %s slots: %s", name, mode,
			  r == -EINVAL ? "the kernel does not know this kind of writeback" :
			  setup_errno_advice(-r, "writeback"));
		rc = r == -EINVAL ? EXIT_UNSUPPORTED : EXIT_FAILED;
		goto out;
	}
	if (cli->json) {
		print_json(name, mode, pages);
	} else if (cli->verbosity >= 0) {
		char size[32];

		setup_format_size(size, sizeof(size), pages * ZRAM_UNIT);
		printf("%s: wrote back %llu pages (%s) of %s slots to %s\n", name,
		       (unsigned long long)pages, size, mode, backing);
	}
	rc = EXIT_OK;
out:
	free(backing);
	zswapctl_dev_unref(dev);
	close(lock);
	return rc;
}

const struct command command_writeback = {
	.name = "writeback",
	.run = cmd_writeback,
	.summary = "write slots back to the backing device",
	.usage = "Usage: zswapctl writeback [options] DEVICE\n\n"
		 "      --idle[=AGE]      mark slots idle (all, or those untouched for AGE\n"
		 "                        seconds) and write the idle ones back (default)\n"
		 "      --huge            write back incompressible (huge) slots\n"
		 "      --huge-idle       huge slots that are also idle\n"
		 "      --incompressible  slots recompression could not shrink\n"
		 "      --limit SIZE      enable the writeback limit and set it to SIZE\n"
		 "  -J, --json            what was written back, as JSON\n",
};
