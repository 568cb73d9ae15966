// SPDX-License-Identifier: GPL-2.0-or-later
/* One zswapctl changing devices at a time: libzswapctl's run lock. */
#include <string.h>
#include <unistd.h>

#include "cli.h"

int cli_take_run_lock(struct cli *cli)
{
	int fd, r = zswapctl_run_lock(cli->ctx, &fd);

	if (r == 0)
		return fd;
	cli_error("/run/zswapctl.lock: %s; run as root", strerror(-r));
	return -1;
}

int cli_lock_one_device(struct cli *cli, int argc, char **argv, const char *job,
			struct zswapctl_dev **dev, int *lock)
{
	int rc = cli_one_device(cli, argc, argv, dev);

	if (rc != EXIT_OK)
		return rc;
	*lock = cli_take_run_lock(cli);
	if (*lock < 0) {
		zswapctl_dev_unref(*dev);
		return EXIT_FAILED;
	}
	if (zswapctl_dev_has_attr(*dev, "disksize") < 0) {
		cli_error("%s: removed while waiting for another zswapctl; nothing to %s",
			  zswapctl_dev_get_name(*dev), job);
		close(*lock);
		zswapctl_dev_unref(*dev);
		return EXIT_FAILED;
	}
	return EXIT_OK;
}
