// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * recompress [--type idle|huge|huge_idle] [--threshold BYTES] [--algo ALG]
 *            DEVICE
 * One-shot recompression with the secondary algorithms (recomp_algorithm).
 */
#include <errno.h>
#include <getopt.h>
#include <json-c/json.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "reclaim.h"

static void print_json(const char *name, uint64_t before, uint64_t after)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "device", json_object_new_string(name));
	json_object_object_add(o, "compr_data_size_before", json_object_new_uint64(before));
	json_object_object_add(o, "compr_data_size_after", json_object_new_uint64(after));
	cli_print_json(o, JSON_C_TO_STRING_SPACED);
	json_object_put(o);
}

/* What the kernel could take (a zs object is smaller than a page; crypto API
 * names are shorter than CRYPTO_MAX_ALG_NAME). */
#define THRESHOLD_MAX_DIGITS 10
#define ALGO_NAME_MAX 63

static int cmd_recompress(struct cli *cli, int argc, char **argv)
{
	enum { OPT_TYPE = 256, OPT_THRESHOLD, OPT_ALGO };
	const struct option options[] = {
		{ "type", required_argument, NULL, OPT_TYPE },
		{ "threshold", required_argument, NULL, OPT_THRESHOLD },
		{ "algo", required_argument, NULL, OPT_ALGO },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct reclaim_recompress params = { 0 };
	struct zswapctl_dev *dev = NULL;
	uint64_t before = 0, after = 0;
	const char *name;
	char cmd[256];
	int c, r, lock, rc = EXIT_FAILED;

	while ((c = cli_getopt(cli, argc, argv, "Jh", options)) != -1) {
		switch (c) {
		case OPT_TYPE:
			if (strcmp(optarg, "idle") && strcmp(optarg, "huge") && strcmp(optarg, "huge_idle"))
				return cli_usage_error(cli, "--type %s: use idle, huge or huge_idle",
						       optarg);
			params.type = optarg;
			break;
		case OPT_THRESHOLD:
			if (!*optarg || strspn(optarg, "0123456789") != strlen(optarg) ||
			    strlen(optarg) > THRESHOLD_MAX_DIGITS)
				return cli_usage_error(cli, "--threshold %s: a number of bytes", optarg);
			params.threshold = strtoull(optarg, NULL, 10);
			break;
		case OPT_ALGO:
			if (!*optarg || strpbrk(optarg, " \t\n=") || strlen(optarg) > ALGO_NAME_MAX)
				return cli_usage_error(cli, "--algo %s: an algorithm name", optarg);
			params.algo = optarg;
			break;
		default:
			return cli_option_end(cli, c);
		}
	}
	rc = cli_lock_one_device(cli, argc, argv, "recompress", &dev, &lock);
	if (rc != EXIT_OK)
		return rc;
	rc = EXIT_FAILED;
	name = zswapctl_dev_get_name(dev);
	if (zswapctl_dev_has_attr(dev, "recompress") < 0) {
		cli_error("%s: this kernel's zram has no recompression (CONFIG_ZRAM_MULTI_COMP)", name);
		rc = EXIT_UNSUPPORTED;
		goto out;
	}
	reclaim_recompress_command(&params, cmd, sizeof(cmd));
	r = reclaim_recompress(dev, &params, &before, &after);
	if (r < 0) {
		cli_error("%s/recompress: '%s' failed: %s", name, cmd[0] ? cmd : "(every slot)",
			  r == -EINVAL ? "no secondary algorithm is set (recompress in the "
					 "configuration), or the device is not initialised" :
			  setup_errno_advice(-r, "recompress"));
		goto out;
	}
	if (cli->json)
		print_json(name, before, after);
	else if (cli->verbosity >= 0)
		printf("%s: compressed data %llu -> %llu bytes\n", name,
		       (unsigned long long)before, (unsigned long long)after);
	rc = EXIT_OK;
out:
	zswapctl_dev_unref(dev);
	close(lock);
	return rc;
}

const struct command command_recompress = {
	.name = "recompress",
	.run = cmd_recompress,
	.summary = "recompress slots with secondary algorithms",
	.usage = "Usage: zswapctl recompress [options] DEVICE\n\n"
		 "      --type TYPE        idle, huge or huge_idle (default: every slot)\n"
		 "      --threshold BYTES  only slots whose compressed size is at least BYTES\n"
		 "      --algo ALG         only this secondary algorithm\n"
		 "  -J, --json             the result as JSON\n",
};
