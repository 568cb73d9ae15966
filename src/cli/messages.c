// SPDX-License-Identifier: GPL-2.0-or-later
/* Error and warning messages, and the advice that goes with each errno. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "cli.h"
#include "util.h"

void cli_error(const char *fmt, ...)
{
	va_list args;

	fputs("zswapctl: ", stderr);
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fputc('\n', stderr);
}

void cli_warn(struct cli *cli, const char *fmt, ...)
{
	va_list args;

	if (cli->verbosity < 0)
		return;
	fputs("zswapctl: warning: ", stderr);
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fputc('\n', stderr);
}

static void print_diag(const struct setup_diag *d, void *userdata)
{
	struct cli *cli = userdata;

	if (d->severity == SETUP_INFO) {
		if (cli->verbosity > 0)
			fprintf(stderr, "zswapctl: %s\n", d->message);
		return;
	}
	if (d->severity == SETUP_WARNING && cli->json)
		return; /* stdout is a document; warnings would be noise around it */
	if (d->file && d->line)
		fprintf(stderr, "%s:%d: %s\n", d->file, d->line, d->message);
	else if (d->file)
		fprintf(stderr, "%s: %s\n", d->file, d->message);
	else if (d->severity == SETUP_WARNING)
		cli_warn(cli, "%s", d->message);
	else
		cli_error("%s", d->message);
}

void cli_setup_ctx(struct cli *cli, struct setup_ctx *s)
{
	*s = (struct setup_ctx){
		.zctx = cli->ctx,
		.diag = print_diag,
		.userdata = cli,
	};
}

int cli_read_ram(struct cli *cli, uint64_t *ram)
{
	_cleanup_free_ char *file = NULL;
	int r = zswapctl_meminfo(cli->ctx, ram, NULL);

	if (r < 0) {
		zswapctl_ctx_resolve(cli->ctx, "/proc/meminfo", &file);
		cli_error("cannot read MemTotal from %s (needed for 'ram' in sizes): %s",
			  file ? file : "/proc/meminfo", strerror(-r));
	}
	return r;
}

int cli_device_id(struct cli *cli, const char *name, unsigned int *id)
{
	if (zswapctl_parse_dev_name(name, id) == 0)
		return EXIT_OK;
	return cli_usage_error(cli, "%s: not a device name; use zramN, /dev/zramN or N "
			       "(no leading zeros)", name);
}

/* No zram in this kernel (or not loaded): exit 3, as interface.md has it;
 * NAME, the device asked for, or NULL. */
static int no_zram(const char *name)
{
	cli_error("%s%szram is not available in this kernel (no /sys/class/zram-control); "
		  "load it with 'modprobe zram' or run 'zswapctl setup'", name ? name : "",
		  name ? ": " : "");
	return EXIT_UNSUPPORTED;
}

int cli_open_device(struct cli *cli, const char *name, struct zswapctl_dev **dev)
{
	unsigned int id;
	int r = cli_device_id(cli, name, &id);

	if (r != EXIT_OK)
		return r;
	r = zswapctl_dev_new(cli->ctx, name, dev);
	if (r == 0)
		return EXIT_OK;
	if (r == -ENODEV && zswapctl_control_present(cli->ctx) < 0)
		return no_zram(name);
	cli_error("%s: %s", name,
		  r == -ENODEV ? "no such zram device; list them with 'zswapctl status'" :
				 strerror(-r));
	return EXIT_FAILED;
}

void cli_free_devices(struct zswapctl_dev **devs, size_t count)
{
	for (size_t i = 0; i < count; i++)
		zswapctl_dev_unref(devs[i]);
	free(devs);
}

/* Every device of the list, referenced, in an array. */
static int devices_of_list(const struct zswapctl_dev_list *list,
			   struct zswapctl_dev ***devs, size_t *count)
{
	struct zswapctl_dev **array = NULL, **bigger;
	struct zswapctl_dev *dev;
	size_t n = 0;

	zswapctl_dev_list_foreach(list, dev) {
		bigger = realloc(array, (n + 1) * sizeof(*array));
		if (!bigger) {
			cli_free_devices(array, n);
			return -ENOMEM;
		}
		array = bigger;
		array[n++] = zswapctl_dev_ref(dev);
	}
	*devs = array;
	*count = n;
	return 0;
}

/* Every zram device, in id order: 0 or -errno. */
static int list_devices(struct cli *cli, struct zswapctl_dev ***devs, size_t *count)
{
	struct zswapctl_dev_list *list;
	int r = zswapctl_dev_list_new(cli->ctx, &list);

	if (r < 0)
		return r;
	r = devices_of_list(list, devs, count);
	zswapctl_dev_list_unref(list);
	return r;
}

int cli_resolve_devices(struct cli *cli, int argc, char **argv,
			struct zswapctl_dev ***devs, size_t *count)
{
	struct zswapctl_dev **list;
	int r;

	if (argc == 0) {
		r = list_devices(cli, devs, count);
		if ((r < 0 || *count == 0) && zswapctl_control_present(cli->ctx) < 0) {
			if (r == 0)
				cli_free_devices(*devs, *count);
			return no_zram(NULL);
		}
		if (r < 0) {
			cli_error("cannot list zram devices in /sys/block: %s", strerror(-r));
			return EXIT_FAILED;
		}
		return EXIT_OK;
	}
	list = calloc((size_t)argc, sizeof(*list));
	if (!list)
		return EXIT_FAILED;
	for (int i = 0; i < argc; i++) {
		r = cli_open_device(cli, argv[i], &list[i]);
		if (r != EXIT_OK) {
			cli_free_devices(list, (size_t)i);
			return r;
		}
	}
	*devs = list;
	*count = (size_t)argc;
	return EXIT_OK;
}

