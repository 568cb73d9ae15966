// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The journal of setup under /run/zswapctl, as teardown reads it: the
 * first byte picks the record (created, loop, algorithm, crypt), the rest
 * is its contents. What teardown would do with it must stay inside the
 * root: a loop device name that leads anywhere else is refused, and a
 * dm-crypt mapping other than zram0's own is not named.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "state.h"

static char root[] = "/tmp/zswapctl-fuzz-state.XXXXXX";
static struct zswapctl_ctx *zctx;

static void cleanup(void)
{
	char cmd[sizeof(root) + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	if (system(cmd) != 0)
		return;
}

static void setup_root(void)
{
	char p[256];

	if (!mkdtemp(root) || zswapctl_ctx_new(&zctx) < 0 || zswapctl_ctx_set_root(zctx, root) < 0)
		abort();
	snprintf(p, sizeof(p), "%s/run", root);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/run/zswapctl", root);
	mkdir(p, 0755);
	atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const records[] = { "created", "loop", "algorithm", "crypt" };
	struct setup_ctx s = { 0 };
	char path[256], *value;
	int fd;

	if (size < 1)
		return 0;
	if (!zctx)
		setup_root();
	s.zctx = zctx;
	snprintf(path, sizeof(path), "%s/run/zswapctl/zram0.%s", root, records[data[0] % 4]);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		abort();
	if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
		abort();
	close(fd);

	(void)state_has(&s, 0, STATE_CREATED);
	value = state_get(&s, 0, STATE_LOOP);
	if (value) {
		char *file = NULL;

		/* The name teardown would detach: only /dev/loopN-like. */
		if (zswapctl_loop_get_backing_file(zctx, value, &file) == 0 &&
		    (strncmp(value, "/dev/loop", 9) || strchr(value + 5, '/')))
			abort();
		free(file);
		free(value);
	}
	value = state_get(&s, 0, STATE_CRYPT);
	/* The mapping teardown would remove: only zram0's own. */
	if (value && strcmp(value, "zswapctl-zram0"))
		abort();
	free(value);
	value = state_algorithm(&s, 0); /* reading it forgets it */
	free(value);
	state_forget_device(&s, 0);
	return 0;
}
