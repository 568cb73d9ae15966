// SPDX-License-Identifier: LGPL-2.1-or-later
/* What a block device holds, according to libblkid. */
#include <blkid.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "private.h"

ZSWAPCTL_EXPORT int zswapctl_probe_signature(struct zswapctl_ctx *ctx,
					     const char *devpath, char **type)
{
	_cleanup_free_ char *path = zswapctl_path(ctx, "%s", devpath);
	blkid_probe pr;
	const char *value = NULL;
	int r;

	if (!path)
		return -ENOMEM;
	*type = NULL;
	pr = blkid_new_probe_from_filename(path);
	if (!pr)
		return errno ? -errno : -EIO;
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE);
	blkid_probe_enable_partitions(pr, 1);
	blkid_probe_set_partitions_flags(pr, BLKID_PARTS_MAGIC);
	/* Every signature counts: a filesystem, a partition table, RAID... */
	r = blkid_do_safeprobe(pr);
	if (r == 0) {
		if (blkid_probe_lookup_value(pr, "TYPE", &value, NULL) < 0 &&
		    blkid_probe_lookup_value(pr, "PTTYPE", &value, NULL) < 0)
			value = "unknown";
		*type = strdup(value);
		r = *type ? 0 : -ENOMEM;
	} else if (r == 1) {
		r = 0; /* nothing found */
	} else if (r == -2) {
		*type = strdup("ambivalent");
		r = *type ? 0 : -ENOMEM;
	} else {
		r = -EIO;
	}
	blkid_free_probe(pr);
	return r;
}
