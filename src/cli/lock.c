// SPDX-License-Identifier: GPL-2.0-or-later
/* One zswapctl changing devices at a time: libzswapctl's run lock. */
#include <string.h>

#include "cli.h"

int cli_take_run_lock(struct cli *cli)
{
	int fd, r = zswapctl_run_lock(cli->ctx, &fd);

	if (r == 0)
		return fd;
	cli_error("/run/zswapctl.lock: %s; run as root", strerror(-r));
	return -1;
}
