// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What a block device holds, according to libblkid; only setup's check of
 * a backing device asks, so libblkid is loaded then (dlopen.h).
 */
#include <blkid.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "dlopen.h"
#include "private.h"

static struct {
	typeof(blkid_new_probe_from_filename) *blkid_new_probe_from_filename;
	typeof(blkid_free_probe) *blkid_free_probe;
	typeof(blkid_probe_enable_superblocks) *blkid_probe_enable_superblocks;
	typeof(blkid_probe_set_superblocks_flags) *blkid_probe_set_superblocks_flags;
	typeof(blkid_probe_enable_partitions) *blkid_probe_enable_partitions;
	typeof(blkid_probe_set_partitions_flags) *blkid_probe_set_partitions_flags;
	typeof(blkid_do_safeprobe) *blkid_do_safeprobe;
	typeof(blkid_probe_lookup_value) *blkid_probe_lookup_value;
} blkid;

static const struct dl_symbol blkid_symbols[] = {
	DL_SYMBOL(blkid, blkid_new_probe_from_filename),
	DL_SYMBOL(blkid, blkid_free_probe),
	DL_SYMBOL(blkid, blkid_probe_enable_superblocks),
	DL_SYMBOL(blkid, blkid_probe_set_superblocks_flags),
	DL_SYMBOL(blkid, blkid_probe_enable_partitions),
	DL_SYMBOL(blkid, blkid_probe_set_partitions_flags),
	DL_SYMBOL(blkid, blkid_do_safeprobe),
	DL_SYMBOL(blkid, blkid_probe_lookup_value),
	DL_SYMBOL_END,
};

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
	r = dl_open(DL_LIBBLKID, blkid_symbols);
	if (r < 0) {
		err(ctx, "%s", dl_missing(DL_LIBBLKID));
		return r;
	}
	pr = blkid.blkid_new_probe_from_filename(path);
	if (!pr)
		return errno ? -errno : -EIO;
	blkid.blkid_probe_enable_superblocks(pr, 1);
	blkid.blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE);
	blkid.blkid_probe_enable_partitions(pr, 1);
	blkid.blkid_probe_set_partitions_flags(pr, BLKID_PARTS_MAGIC);
	/* Every signature counts: a filesystem, a partition table, RAID... */
	r = blkid.blkid_do_safeprobe(pr);
	if (r == 0) {
		if (blkid.blkid_probe_lookup_value(pr, "TYPE", &value, NULL) < 0 &&
		    blkid.blkid_probe_lookup_value(pr, "PTTYPE", &value, NULL) < 0)
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
	blkid.blkid_free_probe(pr);
	return r;
}
