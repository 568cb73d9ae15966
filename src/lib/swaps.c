// SPDX-License-Identifier: LGPL-2.1-or-later
/* Active swap areas, from /proc/swaps through libmount. */
#include <errno.h>
#include <libmount.h>
#include <string.h>

#include "private.h"

struct zswapctl_swap_area {
	char *source; /* as the kernel prints it, e.g. "/dev/zram0" */
	bool is_partition;
	uint64_t size; /* bytes */
	uint64_t used; /* bytes */
	int priority;
};

struct zswapctl_swap_list {
	int refcount;
	struct zswapctl_swap_area *areas; /* in /proc/swaps order */
	size_t count;
};

ZSWAPCTL_EXPORT struct zswapctl_swap_list *
zswapctl_swap_list_ref(struct zswapctl_swap_list *list)
{
	if (list)
		list->refcount++;
	return list;
}

ZSWAPCTL_EXPORT struct zswapctl_swap_list *
zswapctl_swap_list_unref(struct zswapctl_swap_list *list)
{
	if (!list || --list->refcount > 0)
		return NULL;
	for (size_t i = 0; i < list->count; i++)
		free(list->areas[i].source);
	free(list->areas);
	free(list);
	return NULL;
}

static int add_area(struct zswapctl_swap_list *list, struct libmnt_fs *fs)
{
	const char *src = mnt_fs_get_source(fs);
	const char *type = mnt_fs_get_swaptype(fs);
	struct zswapctl_swap_area *bigger, *a;

	if (!src)
		return 0;
	bigger = realloc(list->areas, (list->count + 1) * sizeof(*bigger));
	if (!bigger)
		return -ENOMEM;
	list->areas = bigger;
	a = &list->areas[list->count];
	memset(a, 0, sizeof(*a));
	a->source = strdup(src);
	if (!a->source)
		return -ENOMEM;
	list->count++;
	a->is_partition = type && strcmp(type, "partition") == 0;
	/* /proc/swaps prints KiB. */
	a->size = (uint64_t)mnt_fs_get_size(fs) * 1024;
	a->used = (uint64_t)mnt_fs_get_usedsize(fs) * 1024;
	a->priority = mnt_fs_get_priority(fs);
	return 0;
}

static int parse_swaps(const char *path, struct zswapctl_swap_list *list)
{
	struct libmnt_table *tb = mnt_new_table();
	struct libmnt_iter *itr = mnt_new_iter(MNT_ITER_FORWARD);
	struct libmnt_fs *fs;
	int r = -ENOMEM;

	if (!tb || !itr)
		goto out;
	r = mnt_table_parse_swaps(tb, path);
	while (r == 0 && mnt_table_next_fs(tb, itr, &fs) == 0)
		r = add_area(list, fs);
out:
	mnt_free_iter(itr);
	mnt_unref_table(tb);
	return r;
}

ZSWAPCTL_EXPORT int zswapctl_swap_list_new(struct zswapctl_ctx *ctx,
					   struct zswapctl_swap_list **out)
{
	_cleanup_free_ char *path = zswapctl_path(ctx, "/proc/swaps");
	struct zswapctl_swap_list *list;
	int r;

	if (!path)
		return -ENOMEM;
	if (access(path, R_OK) < 0)
		return -errno;
	list = calloc(1, sizeof(*list));
	if (!list)
		return -ENOMEM;
	list->refcount = 1;
	r = parse_swaps(path, list);
	if (r < 0) {
		zswapctl_swap_list_unref(list);
		return r;
	}
	*out = list;
	return 0;
}

ZSWAPCTL_EXPORT const struct zswapctl_swap_area *
zswapctl_swap_list_get_first(const struct zswapctl_swap_list *list)
{
	return list->count ? &list->areas[0] : NULL;
}

ZSWAPCTL_EXPORT const struct zswapctl_swap_area *
zswapctl_swap_list_get_next(const struct zswapctl_swap_list *list,
			    const struct zswapctl_swap_area *area)
{
	if (area < list->areas || area + 1 >= list->areas + list->count)
		return NULL;
	return area + 1;
}

ZSWAPCTL_EXPORT const struct zswapctl_swap_area *
zswapctl_swap_list_find_dev(const struct zswapctl_swap_list *list,
			    const struct zswapctl_dev *dev)
{
	const char *node = zswapctl_dev_get_devnode(dev);

	for (size_t i = 0; i < list->count; i++)
		if (list->areas[i].is_partition &&
		    strcmp(list->areas[i].source, node) == 0)
			return &list->areas[i];
	return NULL;
}

ZSWAPCTL_EXPORT const char *
zswapctl_swap_area_get_source(const struct zswapctl_swap_area *area)
{
	return area->source;
}

ZSWAPCTL_EXPORT bool
zswapctl_swap_area_is_partition(const struct zswapctl_swap_area *area)
{
	return area->is_partition;
}

ZSWAPCTL_EXPORT uint64_t
zswapctl_swap_area_get_size(const struct zswapctl_swap_area *area)
{
	return area->size;
}

ZSWAPCTL_EXPORT uint64_t
zswapctl_swap_area_get_used(const struct zswapctl_swap_area *area)
{
	return area->used;
}

ZSWAPCTL_EXPORT int
zswapctl_swap_area_get_priority(const struct zswapctl_swap_area *area)
{
	return area->priority;
}
