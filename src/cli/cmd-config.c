// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * config check [FILE]: validate the configuration and print it as setup
 * would apply it, with where each value came from, as INI or JSON.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <string.h>

#include "cli.h"
#include "conf.h"
#include "import.h"
#include "plan.h"
#include "maintain.h"


/* "FILE:LINE", or "default". */
static void print_origin(const struct config_origin *o)
{
	if (o->file)
		printf("%s:%d", o->file, o->line);
	else
		fputs("default", stdout);
}

static void print_key(const struct config_device *d, enum config_key k, const char *value)
{
	printf("%s = %s  # ", config_key_name(k), value);
	print_origin(&d->key_origin[k]);
	putchar('\n');
}

static void print_size_key(const struct config_device *d, enum config_key k,
			   const char *expr, uint64_t bytes)
{
	char human[32];

	setup_format_size(human, sizeof(human), bytes);
	printf("%s = %s  # ", config_key_name(k), expr);
	print_origin(&d->key_origin[k]);
	printf(": %" PRIu64 " bytes (%s)\n", bytes, human);
}

/* The maintenance policy, each part with all its keys once it is on. */
static void print_policy(const struct config_device *d)
{
	for (int k = CONFIG_KEY_POLICY_FIRST; k < CONFIG_KEY_MAX; k++) {
		bool writeback = k < CONFIG_KEY_RECOMPRESS_INTERVAL;
		char value[256];

		if (writeback ? !maintain_policy_writeback(&d->policy)
			      : !maintain_policy_recompress(&d->policy))
			continue;
		if (config_key_format(d, (enum config_key)k, value, sizeof(value)))
			print_key(d, (enum config_key)k, value);
	}
}

/* "(level=3,dict=/x)": parameters as written after a name. */
static void print_params(const char *params)
{
	putchar('(');
	for (const char *c = params; *c; c++)
		putchar(*c == ' ' ? ',' : *c);
	putchar(')');
}

/* [system], every key: "keep" for those setup leaves alone. */
static void print_system(const struct config *cfg)
{
	puts("\n[system]");
	for (int t = 0; t < TUNABLE_MAX; t++) {
		const struct config_tunable *ct = &cfg->tunables[t];
		char buf[16];

		printf("%s = %s  # ", tunable_info((enum tunable)t)->key,
		       ct->set ? tunable_config_word((enum tunable)t, ct->value, buf, sizeof(buf)) :
				 "keep");
		print_origin(&ct->origin);
		putchar('\n');
	}
}

static void print_ini(const struct config *cfg)
{
	char human[32];

	setup_format_size(human, sizeof(human), cfg->ram);
	puts("# The effective configuration of zswapctl, from:");
	if (cfg->embedded_default)
		puts("#   the embedded default (there is no configuration file)");
	for (size_t i = 0; i < cfg->nfiles; i++)
		printf("#   %s\n", cfg->files[i]);
	printf("# ram = %" PRIu64 " bytes (%s), MemTotal\n", cfg->ram, human);
	printf("\n[zswapctl]\nzswap = %s  # ", zswap_mode_name(cfg->zswap));
	print_origin(&cfg->zswap_origin);
	putchar('\n');
	print_system(cfg);

	for (size_t i = 0; i < cfg->ndevices; i++) {
		const struct config_device *d = &cfg->devices[i];

		printf("\n# zram%u: ", d->id);
		if (d->origin.file)
			printf("[zram%u] at %s:%d\n", d->id, d->origin.file, d->origin.line);
		else
			puts("the embedded default");
		printf("[zram%u]\n", d->id);
		print_size_key(d, CONFIG_KEY_SIZE, d->size_expr, d->size);

		if (d->skip == CONFIG_SKIP_HOST_MEMORY)
			printf("# no device: MemTotal is above host-memory-limit\n");
		else if (d->skip == CONFIG_SKIP_SIZE_ZERO)
			printf("# no device: the size is 0\n");
		if (d->host_memory_limit_expr)
			print_size_key(d, CONFIG_KEY_HOST_MEMORY_LIMIT, d->host_memory_limit_expr,
				       d->host_memory_limit);
		printf("algorithm =");
		for (size_t j = 0; j < d->nalgorithms; j++) {
			printf(" %s", d->algorithms[j]);
			if (d->algorithm_each_params && d->algorithm_each_params[j])
				print_params(d->algorithm_each_params[j]);
		}
		fputs("  # ", stdout);
		print_origin(&d->key_origin[CONFIG_KEY_ALGORITHM]);
		putchar('\n');
		if (d->algorithm_params)
			print_key(d, CONFIG_KEY_ALGORITHM_PARAMS, d->algorithm_params);
		if (d->nrecompress) {
			printf("recompress =");
			for (size_t j = 0; j < d->nrecompress; j++) {
				printf(" %s", d->recompress[j].algorithm);
				if (d->recompress[j].params)
					print_params(d->recompress[j].params);
				if (d->recompress[j].priority)
					printf(":%d", d->recompress[j].priority);
			}
			fputs("  # ", stdout);
			print_origin(&d->key_origin[CONFIG_KEY_RECOMPRESS]);
			putchar('\n');
		}
		if (d->streams) {
			printf("streams = %u  # ", d->streams);
			print_origin(&d->key_origin[CONFIG_KEY_STREAMS]);
			putchar('\n');
		}
		print_size_key(d, CONFIG_KEY_MEM_LIMIT,
			       d->mem_limit_expr ? d->mem_limit_expr : "0", d->mem_limit);
		if (config_fs_type(d)) {
			if (d->fs_type)
				print_key(d, CONFIG_KEY_FS_TYPE, d->fs_type);
			else
				printf("fs-type = %s  # default with a mount-point\n",
				       config_fs_type(d));
			if (d->mount_point)
				print_key(d, CONFIG_KEY_MOUNT_POINT, d->mount_point);
			if (d->mount_options)
				print_key(d, CONFIG_KEY_MOUNT_OPTIONS, d->mount_options);
		} else {
			printf("swap-priority = %d  # ", d->swap_priority);
			print_origin(&d->key_origin[CONFIG_KEY_SWAP_PRIORITY]);
			putchar('\n');
		}
		print_key(d, CONFIG_KEY_DISCARD, discard_mode_name(d->discard));
		if (d->backing_file) {
			char fsize[32];

			setup_format_size(fsize, sizeof(fsize), d->backing_file_size);
			printf("backing-device = %s  # ", d->backing_device);
			print_origin(&d->key_origin[CONFIG_KEY_BACKING_DEVICE]);
			printf(": file %s of %" PRIu64 " bytes (%s) on a loop device\n",
			       d->backing_file, d->backing_file_size, fsize);
			if (d->backing_file_share) {
				snprintf(fsize, sizeof(fsize), "%u%%", d->backing_file_share);
				print_key(d, CONFIG_KEY_BACKING_FILE_SHARE, fsize);
			}
			if (d->backing_file_keep_free_expr)
				print_size_key(d, CONFIG_KEY_BACKING_FILE_KEEP_FREE,
					       d->backing_file_keep_free_expr,
					       d->backing_file_keep_free);
		} else if (d->backing_device) {
			print_key(d, CONFIG_KEY_BACKING_DEVICE, d->backing_device);
		}
		if (d->backing_device) {
			char sec[16];

			print_key(d, CONFIG_KEY_BACKING_DEVICE_REQUIRED,
				  d->backing_required ? "yes" : "no");
			snprintf(sec, sizeof(sec), "%u", d->backing_timeout_sec);
			print_key(d, CONFIG_KEY_BACKING_DEVICE_TIMEOUT, sec);
			print_key(d, CONFIG_KEY_BACKING_ENCRYPTION, d->backing_plain ? "no" : "yes");
		}
		if (d->writeback_limit_set)
			print_size_key(d, CONFIG_KEY_WRITEBACK_LIMIT, d->writeback_limit_expr,
				       d->writeback_limit);
		print_key(d, CONFIG_KEY_SWAP_OPS, swap_ops_mode_name(d->swap_ops));
		print_policy(d);
	}
}

static struct json_object *json_origin(const struct config_origin *o)
{
	char buf[4096];

	if (!o->file)
		return NULL;
	snprintf(buf, sizeof(buf), "%s:%d", o->file, o->line);
	return json_object_new_string(buf);
}

static struct json_object *json_str(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static struct json_object *json_device(const struct config_device *d)
{
	struct json_object *o = json_object_new_object();
	struct json_object *algs = json_object_new_array();
	struct json_object *each = json_object_new_array();
	struct json_object *recomp = json_object_new_array();
	struct json_object *origins = json_object_new_object();
	struct json_object *file = NULL;
	char name[32];

	snprintf(name, sizeof(name), "zram%u", d->id);
	json_object_object_add(o, "name", json_object_new_string(name));
	json_object_object_add(o, "id", json_object_new_int64(d->id));
	json_object_object_add(o, "origin", json_origin(&d->origin));
	json_object_object_add(o, "size", json_object_new_uint64(d->size));
	json_object_object_add(o, "size_expression", json_object_new_string(d->size_expr));
	for (size_t i = 0; i < d->nalgorithms; i++)
		json_object_array_add(algs, json_object_new_string(d->algorithms[i]));
	json_object_object_add(o, "algorithms", algs);
	for (size_t i = 0; i < d->nalgorithms; i++)
		json_object_array_add(each, json_str(d->algorithm_each_params
						     ? d->algorithm_each_params[i] : NULL));
	json_object_object_add(o, "algorithms_params", each);
	json_object_object_add(o, "created", json_object_new_boolean(d->skip == CONFIG_SKIP_NONE));
	json_object_object_add(o, "skip_reason", d->skip == CONFIG_SKIP_NONE ? NULL :
			       json_object_new_string(d->skip == CONFIG_SKIP_HOST_MEMORY
						      ? "host-memory-limit" : "size-0"));
	json_object_object_add(o, "host_memory_limit", d->host_memory_limit_expr
			       ? json_object_new_uint64(d->host_memory_limit) : NULL);
	json_object_object_add(o, "host_memory_limit_expression", json_str(d->host_memory_limit_expr));
	json_object_object_add(o, "streams", d->streams ? json_object_new_int64(d->streams) : NULL);
	json_object_object_add(o, "fs_type", json_object_new_string(config_fs_type(d) ?
								    config_fs_type(d) : "swap"));
	json_object_object_add(o, "mount_point", json_str(d->mount_point));
	if (d->mount_point) {
		char options[512];

		config_mount_options(d, options, sizeof(options));
		json_object_object_add(o, "mount_options", json_object_new_string(options));
	} else {
		json_object_object_add(o, "mount_options", NULL);
	}
	json_object_object_add(o, "algorithm_params", json_str(d->algorithm_params));
	for (size_t i = 0; i < d->nrecompress; i++) {
		struct json_object *r = json_object_new_object();

		json_object_object_add(r, "algorithm",
				       json_object_new_string(d->recompress[i].algorithm));
		json_object_object_add(r, "params", json_str(d->recompress[i].params));
		json_object_object_add(r, "priority", d->recompress[i].priority
				       ? json_object_new_int(d->recompress[i].priority) : NULL);
		json_object_array_add(recomp, r);
	}
	json_object_object_add(o, "recompress", recomp);
	json_object_object_add(o, "mem_limit", json_object_new_uint64(d->mem_limit));
	json_object_object_add(o, "mem_limit_expression", json_str(d->mem_limit_expr));
	json_object_object_add(o, "swap_priority", json_object_new_int(d->swap_priority));
	json_object_object_add(o, "discard", json_object_new_string(discard_mode_name(d->discard)));
	json_object_object_add(o, "backing_device", json_str(d->backing_device));
	if (d->backing_file) {
		file = json_object_new_object();
		json_object_object_add(file, "path", json_object_new_string(d->backing_file));
		json_object_object_add(file, "size", json_object_new_uint64(d->backing_file_size));
		json_object_object_add(file, "share", d->backing_file_share ?
				       json_object_new_int((int)d->backing_file_share) : NULL);
		json_object_object_add(file, "keep_free", d->backing_file_keep_free_expr ?
				       json_object_new_uint64(d->backing_file_keep_free) : NULL);
	}
	json_object_object_add(o, "backing_file", file);
	json_object_object_add(o, "writeback_limit", d->writeback_limit_set
			       ? json_object_new_uint64(d->writeback_limit) : NULL);
	json_object_object_add(o, "writeback_limit_expression", json_str(d->writeback_limit_expr));
	json_object_object_add(o, "swap_ops", json_object_new_string(swap_ops_mode_name(d->swap_ops)));
	json_object_object_add(o, "backing_device_required",
			       json_object_new_boolean(d->backing_required));
	json_object_object_add(o, "backing_device_timeout",
			       json_object_new_int((int)d->backing_timeout_sec));
	json_object_object_add(o, "backing_encryption",
			       d->backing_device ? json_object_new_boolean(!d->backing_plain) : NULL);
	json_object_object_add(o, "maintain", maintain_policy_to_json(&d->policy));
	for (int k = 0; k < CONFIG_KEY_MAX; k++)
		json_object_object_add(origins, config_key_name((enum config_key)k),
				       json_origin(&d->key_origin[k]));
	json_object_object_add(o, "origins", origins);
	return o;
}

/* {"page-cluster": {"value": 0, "origin": ...}, "mglru": {"value": true,
 * ...}}: null for "keep". */
static struct json_object *json_system(const struct config *cfg)
{
	struct json_object *o = json_object_new_object();

	for (int t = 0; t < TUNABLE_MAX; t++) {
		const struct config_tunable *ct = &cfg->tunables[t];
		const struct tunable_info *ti = tunable_info((enum tunable)t);
		struct json_object *k = json_object_new_object(), *v = NULL;

		if (ct->set)
			v = ti->yes_no ? json_object_new_boolean(ct->value) :
					 json_object_new_int((int)ct->value);
		json_object_object_add(k, "value", v);
		json_object_object_add(k, "name", json_object_new_string(ti->knob));
		json_object_object_add(k, "origin", json_origin(&ct->origin));
		json_object_object_add(o, ti->key, k);
	}
	return o;
}

static void print_json(const struct config *cfg)
{
	struct json_object *doc = json_object_new_object();
	struct json_object *files = json_object_new_array();
	struct json_object *devs = json_object_new_array();

	for (size_t i = 0; i < cfg->nfiles; i++)
		json_object_array_add(files, json_object_new_string(cfg->files[i]));
	json_object_object_add(doc, "files", files);
	json_object_object_add(doc, "embedded_default",
			       json_object_new_boolean(cfg->embedded_default));
	json_object_object_add(doc, "ram", json_object_new_uint64(cfg->ram));
	json_object_object_add(doc, "zswap", json_object_new_string(zswap_mode_name(cfg->zswap)));
	json_object_object_add(doc, "zswap_origin", json_origin(&cfg->zswap_origin));
	json_object_object_add(doc, "system", json_system(cfg));
	for (size_t i = 0; i < cfg->ndevices; i++)
		json_object_array_add(devs, json_device(&cfg->devices[i]));
	json_object_object_add(doc, "devices", devs);
	cli_print_json(doc, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
			    JSON_C_TO_STRING_NOSLASHESCAPE);
	json_object_put(doc);
}

static int config_check(struct cli *cli, const char *file, bool json)
{
	struct setup_ctx s;
	struct config cfg;
	uint64_t ram;
	int r;

	cli_setup_ctx(cli, &s);
	if (cli_read_ram(cli, &ram) < 0)
		return EXIT_FAILED;
	r = config_load(&s, file, ram, &cfg);
	if (r == -ENOMEM)
		return EXIT_FAILED;
	if (r < 0)
		return EXIT_USAGE;
	/* The numbers setup could not create here fail it: say so now. */
	r = plan_check_ids(&s, &cfg);
	if (r != SETUP_OK) {
		config_free(&cfg);
		return r;
	}
	if (json)
		print_json(&cfg);
	else
		print_ini(&cfg);
	config_free(&cfg);
	return EXIT_OK;
}

/* config import [zram-generator|zramswap] [FILE] */
static int config_import_cmd(struct cli *cli, int argc, char **argv)
{
	enum import_tool tool = IMPORT_NONE;
	const char *file = NULL;
	unsigned int dropped = 0;
	struct setup_ctx s;
	char *text = NULL;
	uint64_t ram;
	int r;

	if (argc > 0 && (tool = import_tool_from_name(argv[0])) != IMPORT_NONE) {
		argc--;
		argv++;
	}
	if (argc > 1)
		return cli_usage_error(cli, "import: at most a tool (zram-generator or zramswap) "
				       "and one FILE");
	if (cli->json)
		return cli_usage_error(cli, "import: prints a zswapctl.conf, not JSON; leave out "
				       "--json (config check --json FILE shows the result as JSON)");
	if (argc == 1)
		file = argv[0];
	cli_setup_ctx(cli, &s);
	/* What config check evaluates the imported sizes with. */
	if (cli_read_ram(cli, &ram) < 0)
		return EXIT_FAILED;
	r = config_import(&s, tool, file, ram, &text, &dropped);
	if (r != SETUP_OK)
		return r;
	fputs(text, stdout);
	free(text);
	if (dropped && cli->verbosity >= 0)
		cli_warn(cli, "import: %u line%s not carried over; see the '# not carried over:' "
			 "comments", dropped, dropped == 1 ? "" : "s");
	return EXIT_OK;
}

static int cmd_config(struct cli *cli, int argc, char **argv)
{
	const struct option options[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	int c;

	c = cli_getopt(cli, argc, argv, "Jh", options);
	if (c != -1)
		return cli_option_end(cli, c);
	if (optind >= argc)
		return cli_usage_error(cli, "say check or import");
	if (!strcmp(argv[optind], "import"))
		return config_import_cmd(cli, argc - optind - 1, argv + optind + 1);
	if (strcmp(argv[optind], "check"))
		return cli_usage_error(cli, "unknown action '%s'; use check or import",
				       argv[optind]);
	if (argc - optind > 2)
		return cli_usage_error(cli, "check: one FILE at most");
	return config_check(cli, argc - optind == 2 ? argv[optind + 1] : NULL, cli->json);
}

const struct command command_config = {
	.name = "config",
	.run = cmd_config,
	.summary = "check the configuration and print it; import another tool's",
	.usage = "Usage: zswapctl config check [--json] [FILE]\n"
		 "       zswapctl config import [zram-generator|zramswap] [FILE]\n\n"
		 "check: validate the configuration (FILE, or the files of\n"
		 "zswapctl.conf(5)) and print it as setup applies it.\n"
		 "import: print the zswapctl.conf equivalent of zram-generator's files\n"
		 "(or FILE), or of zram-tools' /etc/default/zramswap, with a comment on\n"
		 "every line that is not carried over.\n\n"
		 "  -J, --json   check: print it as JSON\n"
		 "  -h, --help   this help\n",
};
