// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * recompress [--type idle|huge|huge_idle] [--threshold BYTES] [--algo ALG]
 *            DEVICE
 * One-shot recompression with the secondary algorithms (recomp_algorithm).
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cli.h"

static void recompress_help(void)
{
	fputs("Usage: zswapctl recompress [options] DEVICE\n\n"
	      "      --type TYPE        idle, huge or huge_idle (default: every slot)\n"
	      "      --threshold BYTES  only slots whose compressed size is at least BYTES\n"
	      "      --algo ALG         only this secondary algorithm\n"
	      "  -J, --json             the result as JSON\n", stdout);
}

int cmd_recompress(struct cli *cli, int argc, char **argv)
{
	enum { OPT_TYPE = 256, OPT_THRESHOLD, OPT_ALGO };
	static const struct option options[] = {
		{ "type", required_argument, NULL, OPT_TYPE },
		{ "threshold", required_argument, NULL, OPT_THRESHOLD },
		{ "algo", required_argument, NULL, OPT_ALGO },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const char *type = NULL, *threshold = NULL, *algo = NULL, *name;
	struct zswapctl_dev *dev = NULL;
	uint64_t before = 0, after = 0;
	char cmd[256] = "";
	size_t len = 0;
	bool json = cli->json;
	int c, r, rc = EXIT_FAILED;

	while ((c = getopt_long(argc, argv, "Jh", options, NULL)) != -1) {
		switch (c) {
		case OPT_TYPE:
			if (strcmp(optarg, "idle") && strcmp(optarg, "huge") && strcmp(optarg, "huge_idle")) {
				cli_error("recompress: --type %s: use idle, huge or huge_idle", optarg);
				return EXIT_USAGE;
			}
			type = optarg;
			break;
		case OPT_THRESHOLD:
			if (!*optarg || strspn(optarg, "0123456789") != strlen(optarg)) {
				cli_error("recompress: --threshold %s: a number of bytes", optarg);
				return EXIT_USAGE;
			}
			threshold = optarg;
			break;
		case OPT_ALGO:
			if (!*optarg || strpbrk(optarg, " \t\n=")) {
				cli_error("recompress: --algo %s: an algorithm name", optarg);
				return EXIT_USAGE;
			}
			algo = optarg;
			break;
		case 'J':
			json = true;
			break;
		case 'h':
			recompress_help();
			return EXIT_OK;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc) {
		cli_error("recompress: name one device, e.g. 'zswapctl recompress --type huge zram0'");
		return EXIT_USAGE;
	}
	rc = cli_open_device(cli, argv[optind], &dev);
	if (rc != EXIT_OK)
		return rc;
	rc = EXIT_FAILED;
	name = zswapctl_dev_get_name(dev);
	if (zswapctl_dev_has_attr(dev, "recompress") < 0) {
		cli_error("%s: this kernel's zram has no recompression (CONFIG_ZRAM_MULTI_COMP)", name);
		rc = EXIT_UNSUPPORTED;
		goto out;
	}
	if (type)
		len += (size_t)snprintf(cmd + len, sizeof(cmd) - len, "type=%s ", type);
	if (threshold)
		len += (size_t)snprintf(cmd + len, sizeof(cmd) - len, "threshold=%s ", threshold);
	if (algo)
		len += (size_t)snprintf(cmd + len, sizeof(cmd) - len, "algo=%s ", algo);
	if (len)
		cmd[len - 1] = '\0';
	zswapctl_dev_read_counter(dev, ZSWAPCTL_GROUP_MM, "compr_data_size", &before);
	/* No parameter at all is the kernel's "every slot"; a lone newline
	 * makes it one write. */
	r = zswapctl_dev_write_attr(dev, "recompress", len ? cmd : "\n");
	zswapctl_dev_read_counter(dev, ZSWAPCTL_GROUP_MM, "compr_data_size", &after);
	if (r < 0) {
		cli_error("%s/recompress: '%s' failed: %s", name, len ? cmd : "(every slot)",
			  r == -EINVAL ? "no secondary algorithm is set (recompress in the "
					 "configuration), or the device is not initialised" :
			  cli_errno_advice(-r, "recompress"));
		goto out;
	}
	if (json)
		printf("{\"device\": \"%s\", \"compr_data_size_before\": %llu, "
		       "\"compr_data_size_after\": %llu}\n", name,
		       (unsigned long long)before, (unsigned long long)after);
	else if (cli->verbosity >= 0)
		printf("%s: compressed data %llu -> %llu bytes\n", name,
		       (unsigned long long)before, (unsigned long long)after);
	rc = EXIT_OK;
out:
	zswapctl_dev_unref(dev);
	return rc;
}
