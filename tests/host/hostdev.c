// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hostdev: drives libzswapctl's device primitives for the host tier, which
 * must create and configure real zram devices through the library (before
 * `zswapctl setup` exists to do it).
 *
 *   hostdev add                      hot_add, prints the new name
 *   hostdev configure NAME ALG SIZE  comp_algorithm, then disksize (bytes)
 *   hostdev remove NAME              reset, then hot_remove
 *   hostdev read NAME ATTR           print an attribute
 *
 * Exit status: 0, or 1 with the errno's message on stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libzswapctl.h"

static int fail(const char *what, const char *name, int r)
{
	fprintf(stderr, "hostdev: %s %s: %s\n", what, name ? name : "", strerror(-r));
	return 1;
}

int main(int argc, char **argv)
{
	struct zswapctl_ctx *ctx;
	struct zswapctl_dev *dev = NULL;
	int r, rc = 0;

	if (argc < 2 || zswapctl_ctx_new(&ctx) < 0)
		return 2;
	if (!strcmp(argv[1], "add") && argc == 2) {
		r = zswapctl_dev_hot_add(ctx, &dev);
		if (r < 0)
			rc = fail("hot_add", NULL, r);
		else
			printf("%s\n", zswapctl_dev_get_name(dev));
	} else if (argc >= 3) {
		r = zswapctl_dev_new(ctx, argv[2], &dev);
		if (r < 0) {
			rc = fail("open", argv[2], r);
		} else if (!strcmp(argv[1], "configure") && argc == 5) {
			r = zswapctl_dev_write_attr(dev, "comp_algorithm", argv[3]);
			if (r < 0)
				rc = fail("comp_algorithm", argv[2], r);
			else if ((r = zswapctl_dev_write_attr(dev, "disksize", argv[4])) < 0)
				rc = fail("disksize", argv[2], r);
		} else if (!strcmp(argv[1], "remove") && argc == 3) {
			r = zswapctl_dev_reset(dev);
			if (r < 0)
				rc = fail("reset", argv[2], r);
			else if ((r = zswapctl_dev_hot_remove(dev)) < 0)
				rc = fail("hot_remove", argv[2], r);
		} else if (!strcmp(argv[1], "read") && argc == 4) {
			char *v;

			r = zswapctl_dev_read_attr(dev, argv[3], &v);
			if (r < 0) {
				rc = fail(argv[3], argv[2], r);
			} else {
				printf("%s\n", v);
				free(v);
			}
		} else {
			rc = 2;
		}
	} else {
		rc = 2;
	}
	zswapctl_dev_unref(dev);
	zswapctl_ctx_unref(ctx);
	return rc;
}
