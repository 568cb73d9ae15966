// SPDX-License-Identifier: GPL-2.0-or-later
/* One zswapctl changing devices at a time: a lock file under /run. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int cli_take_run_lock(struct cli *cli)
{
	const char *root = zswapctl_ctx_get_root(cli->ctx);
	char dir[4096], path[4200];
	int fd;

	snprintf(dir, sizeof(dir), "%s/run", strcmp(root, "/") ? root : "");
	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/zswapctl.lock", dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		cli_error("%s: %s; run as root", path, strerror(errno));
		return -1;
	}
	/* Concurrent runs wait their turn, then see the state the first left. */
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			cli_error("%s: lock: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
	}
	return fd;
}

bool cli_kernel_disabled(struct cli *cli)
{
	const char *root = zswapctl_ctx_get_root(cli->ctx);
	char path[4096], line[4096];
	FILE *f;
	bool off = false;

	snprintf(path, sizeof(path), "%s/proc/cmdline", strcmp(root, "/") ? root : "");
	f = fopen(path, "re");
	if (!f)
		return false;
	if (fgets(line, sizeof(line), f)) {
		for (char *tok = strtok(line, " \t\n"); tok; tok = strtok(NULL, " \t\n"))
			if (!strcmp(tok, "zswapctl.disable") || !strcmp(tok, "zswapctl.disable=1"))
				off = true;
	}
	fclose(f);
	return off;
}
