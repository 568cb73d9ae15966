// SPDX-License-Identifier: LGPL-2.1-or-later
/* Active swap areas, from /proc/swaps through libmount. */
#include <errno.h>
#include <libmount.h>
#include <string.h>

#include "private.h"

ZSWAPCTL_EXPORT void zswapctl_swaps_free(struct zswapctl_swap_area *areas,
					 size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(areas[i].source);
	free(areas);
}

ZSWAPCTL_EXPORT int zswapctl_swaps_read(struct zswapctl_ctx *ctx,
					struct zswapctl_swap_area **out,
					size_t *count)
{
	_cleanup_free_ char *path = zswapctl_path(ctx, "/proc/swaps");
	struct zswapctl_swap_area *areas = NULL;
	struct libmnt_table *tb = NULL;
	struct libmnt_iter *itr = NULL;
	struct libmnt_fs *fs;
	size_t n = 0;
	int r;

	if (!path)
		return -ENOMEM;
	if (access(path, R_OK) < 0)
		return -errno;
	tb = mnt_new_table();
	itr = mnt_new_iter(MNT_ITER_FORWARD);
	if (!tb || !itr) {
		r = -ENOMEM;
		goto out;
	}
	r = mnt_table_parse_swaps(tb, path);
	if (r < 0)
		goto out;
	while (mnt_table_next_fs(tb, itr, &fs) == 0) {
		struct zswapctl_swap_area *bigger, *a;
		const char *src = mnt_fs_get_source(fs);
		const char *type = mnt_fs_get_swaptype(fs);

		if (!src)
			continue;
		bigger = realloc(areas, (n + 1) * sizeof(*areas));
		if (!bigger) {
			r = -ENOMEM;
			goto out;
		}
		areas = bigger;
		a = &areas[n];
		memset(a, 0, sizeof(*a));
		a->source = strdup(src);
		if (!a->source) {
			r = -ENOMEM;
			goto out;
		}
		n++;
		a->is_partition = type && strcmp(type, "partition") == 0;
		/* /proc/swaps prints KiB. */
		a->size = (uint64_t)mnt_fs_get_size(fs) * 1024;
		a->used = (uint64_t)mnt_fs_get_usedsize(fs) * 1024;
		a->priority = mnt_fs_get_priority(fs);
	}
	r = 0;
out:
	mnt_free_iter(itr);
	mnt_unref_table(tb);
	if (r < 0) {
		zswapctl_swaps_free(areas, n);
		return r;
	}
	*out = areas;
	*count = n;
	return 0;
}

ZSWAPCTL_EXPORT const struct zswapctl_swap_area *
zswapctl_swaps_find(const struct zswapctl_swap_area *areas, size_t count,
		    struct zswapctl_dev *dev)
{
	const char *node = zswapctl_dev_get_devnode(dev);

	for (size_t i = 0; i < count; i++)
		if (areas[i].is_partition && strcmp(areas[i].source, node) == 0)
			return &areas[i];
	return NULL;
}
