// SPDX-License-Identifier: LGPL-2.1-or-later
/* zram devices: lookup, enumeration, hot_add/hot_remove/reset, attributes. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "private.h"

struct zswapctl_dev {
	int refcount;
	struct zswapctl_ctx *ctx;
	unsigned int id;
	char name[ZRAM_NAME_MAX];		  /* "zramN" */
	char devnode[sizeof("/dev/") + ZRAM_NAME_MAX]; /* "/dev/zramN" */
	int dirfd;	  /* its sysfs directory (O_PATH), or -1: use whole paths */
};

static int dev_new_id(struct zswapctl_ctx *ctx, unsigned int id,
		      struct zswapctl_dev **dev)
{
	char name[ZRAM_NAME_MAX], rel[sizeof("/sys/block/") + ZRAM_NAME_MAX];
	_cleanup_free_ char *path = NULL;
	struct zswapctl_dev *d;
	int dirfd;

	zram_name(name, id);
	strcpy(stpcpy(rel, "/sys/block/"), name);
	path = zswapctl_root_path(ctx, rel);
	if (!path)
		return -ENOMEM;
	/*
	 * The device's directory, opened once: each attribute is then found
	 * by its name in it, not by a walk of the whole path (through the
	 * /sys/block symlink) per file, which is most of what opening a
	 * sysfs file costs (util-linux's ul_path keeps a directory fd for the
	 * same reason). The open is also the check that the device exists.
	 * Out of descriptors (a list of very many devices): whole paths.
	 */
	dirfd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		if (errno == ENOENT)
			return -ENODEV;
		if (errno != EMFILE && errno != ENFILE)
			return -errno;
		if (access(path, F_OK) < 0)
			return errno == ENOENT ? -ENODEV : -errno;
	}
	d = calloc(1, sizeof(*d));
	if (!d) {
		if (dirfd >= 0)
			close(dirfd);
		return -ENOMEM;
	}
	d->dirfd = dirfd;
	d->refcount = 1;
	d->ctx = zswapctl_ctx_ref(ctx);
	d->id = id;
	strcpy(d->name, name);
	strcpy(stpcpy(d->devnode, "/dev/"), name);
	*dev = d;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_dev_new(struct zswapctl_ctx *ctx, const char *name,
				     struct zswapctl_dev **dev)
{
	unsigned int id;

	int r = zswapctl_parse_dev_name(name, &id);

	if (r < 0)
		return r;
	return dev_new_id(ctx, id, dev);
}

ZSWAPCTL_EXPORT struct zswapctl_dev *zswapctl_dev_ref(struct zswapctl_dev *dev)
{
	if (dev)
		dev->refcount++;
	return dev;
}

ZSWAPCTL_EXPORT struct zswapctl_dev *zswapctl_dev_unref(struct zswapctl_dev *dev)
{
	if (!dev || --dev->refcount > 0)
		return NULL;
	zswapctl_ctx_unref(dev->ctx);
	if (dev->dirfd >= 0)
		close(dev->dirfd);
	free(dev);
	return NULL;
}

ZSWAPCTL_EXPORT struct zswapctl_ctx *
zswapctl_dev_get_ctx(const struct zswapctl_dev *dev)
{
	return dev->ctx;
}

ZSWAPCTL_EXPORT unsigned int zswapctl_dev_get_id(const struct zswapctl_dev *dev)
{
	return dev->id;
}

ZSWAPCTL_EXPORT const char *zswapctl_dev_get_name(const struct zswapctl_dev *dev)
{
	return dev->name;
}

ZSWAPCTL_EXPORT const char *
zswapctl_dev_get_devnode(const struct zswapctl_dev *dev)
{
	return dev->devnode;
}

/* An array sorted by id: next() finds its place by id, so any device of
 * the context (not only one the list returned) can be a starting point. */
struct zswapctl_dev_list {
	int refcount;
	struct zswapctl_dev **devs;
	size_t count;
};

static int cmp_dev(const void *a, const void *b)
{
	const struct zswapctl_dev *x = *(struct zswapctl_dev *const *)a;
	const struct zswapctl_dev *y = *(struct zswapctl_dev *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

ZSWAPCTL_EXPORT struct zswapctl_dev_list *
zswapctl_dev_list_ref(struct zswapctl_dev_list *list)
{
	if (list)
		list->refcount++;
	return list;
}

ZSWAPCTL_EXPORT struct zswapctl_dev_list *
zswapctl_dev_list_unref(struct zswapctl_dev_list *list)
{
	if (!list || --list->refcount > 0)
		return NULL;
	for (size_t i = 0; i < list->count; i++)
		zswapctl_dev_unref(list->devs[i]);
	free(list->devs);
	free(list);
	return NULL;
}

static int dev_list_add(struct zswapctl_dev_list *list, size_t *cap,
			struct zswapctl_dev *dev)
{
	if (list->count == *cap) {
		size_t bigger = *cap ? *cap * 2 : 8;
		struct zswapctl_dev **devs =
			realloc(list->devs, bigger * sizeof(*devs));

		if (!devs)
			return -ENOMEM;
		list->devs = devs;
		*cap = bigger;
	}
	list->devs[list->count++] = dev;
	return 0;
}

static int dev_list_scan(struct zswapctl_ctx *ctx, DIR *dir,
			 struct zswapctl_dev_list *list)
{
	struct dirent *de;
	size_t cap = 0;

	while ((de = readdir(dir))) {
		struct zswapctl_dev *d;
		unsigned int id;
		int r;

		if (strncmp(de->d_name, "zram", 4) != 0 ||
		    zswapctl_parse_dev_name(de->d_name, &id) < 0)
			continue;
		r = dev_new_id(ctx, id, &d);
		if (r == -ENODEV) /* removed while we looked */
			continue;
		if (r < 0)
			return r;
		r = dev_list_add(list, &cap, d);
		if (r < 0) {
			zswapctl_dev_unref(d);
			return r;
		}
	}
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_dev_list_new(struct zswapctl_ctx *ctx,
					  struct zswapctl_dev_list **out)
{
	_cleanup_free_ char *path = zswapctl_path(ctx, "/sys/block");
	struct zswapctl_dev_list *list;
	DIR *dir;
	int r;

	if (!path)
		return -ENOMEM;
	list = calloc(1, sizeof(*list));
	if (!list)
		return -ENOMEM;
	list->refcount = 1;
	dir = opendir(path);
	if (!dir) {
		r = -errno;
		zswapctl_dev_list_unref(list);
		return r;
	}
	r = dev_list_scan(ctx, dir, list);
	closedir(dir);
	if (r < 0) {
		zswapctl_dev_list_unref(list);
		return r;
	}
	if (list->count)
		qsort(list->devs, list->count, sizeof(*list->devs), cmp_dev);
	*out = list;
	return 0;
}

ZSWAPCTL_EXPORT struct zswapctl_dev *
zswapctl_dev_list_get_first(const struct zswapctl_dev_list *list)
{
	return list->count ? list->devs[0] : NULL;
}

ZSWAPCTL_EXPORT struct zswapctl_dev *
zswapctl_dev_list_get_next(const struct zswapctl_dev_list *list,
			   const struct zswapctl_dev *dev)
{
	size_t lo = 0, hi = list->count;

	/* the first device of a higher id */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (list->devs[mid]->id <= dev->id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < list->count ? list->devs[lo] : NULL;
}

ZSWAPCTL_EXPORT int zswapctl_dev_hot_add(struct zswapctl_ctx *ctx,
					 struct zswapctl_dev **dev)
{
	_cleanup_free_ char *path = zswapctl_path(ctx, "/sys/class/zram-control/hot_add");
	_cleanup_free_ char *value = NULL;
	uint64_t id;
	int r;

	if (!path)
		return -ENOMEM;
	/* Reading hot_add creates the device and returns its id. */
	r = zswapctl_read_file(path, &value);
	if (r < 0)
		return r;
	r = zswapctl_parse_u64(value, &id);
	if (r < 0 || id > ZSWAPCTL_DEV_MAX_ID)
		return -EINVAL; /* kernel output not in its format: libzswapctl(3) */
	dbg(ctx, "hot_add created zram%llu", (unsigned long long)id);
	return dev_new_id(ctx, (unsigned int)id, dev);
}

ZSWAPCTL_EXPORT int zswapctl_dev_hot_remove(struct zswapctl_dev *dev)
{
	_cleanup_free_ char *path = zswapctl_path(dev->ctx, "/sys/class/zram-control/hot_remove");
	char id[16];
	int r;

	if (!path)
		return -ENOMEM;
	snprintf(id, sizeof(id), "%u", dev->id);
	r = zswapctl_write_file(path, id);
	if (r == 0 && dev->dirfd >= 0) {
		/* The directory is gone: a device that a later hot_add
		 * makes under the same number has a new one. */
		close(dev->dirfd);
		dev->dirfd = -1;
	}
	return r;
}

ZSWAPCTL_EXPORT int zswapctl_dev_reset(struct zswapctl_dev *dev)
{
	return zswapctl_dev_write_attr(dev, "reset", "1");
}

/* ATTR of the device, opened with FLAGS: by name in its directory, or by
 * its whole path when that is not open. A descriptor, or -EINVAL (not a
 * plain name), -ENOMEM, -errno. */
static int attr_open(const struct zswapctl_dev *dev, const char *attr, int flags)
{
	_cleanup_free_ char *path = NULL;
	int fd;

	if (strchr(attr, '/') || strcmp(attr, "..") == 0)
		return -EINVAL;
	if (dev->dirfd >= 0) {
		fd = openat(dev->dirfd, attr, flags | O_CLOEXEC);
	} else {
		path = zswapctl_path(dev->ctx, "/sys/block/%s/%s", dev->name, attr);
		if (!path)
			return -ENOMEM;
		fd = open(path, flags | O_CLOEXEC);
	}
	return fd < 0 ? -errno : fd;
}

ZSWAPCTL_EXPORT int zswapctl_dev_has_attr(const struct zswapctl_dev *dev,
					  const char *attr)
{
	int fd = attr_open(dev, attr, O_PATH);

	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_dev_read_attr(const struct zswapctl_dev *dev,
					   const char *attr, char **value)
{
	_cleanup_close_ int fd = attr_open(dev, attr, O_RDONLY);
	int r = fd < 0 ? fd : zswapctl_read_attr_fd(fd, value);

	if (r < 0) {
		dbg(dev->ctx, "%s/%s: read: %s", dev->name, attr, strerror(-r));
		return r;
	}
	zswapctl_rstrip(*value);
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_dev_read_u64(const struct zswapctl_dev *dev,
					  const char *attr, uint64_t *value)
{
	_cleanup_free_ char *text = NULL;
	int r = zswapctl_dev_read_attr(dev, attr, &text);

	if (r < 0)
		return r;
	return zswapctl_parse_u64(text, value);
}

ZSWAPCTL_EXPORT int zswapctl_dev_write_attr(struct zswapctl_dev *dev,
					    const char *attr, const char *value)
{
	_cleanup_close_ int fd = attr_open(dev, attr, O_WRONLY);
	int r = fd < 0 ? fd : zswapctl_write_fd(fd, value);

	if (r < 0)
		dbg(dev->ctx, "%s/%s: write '%s': %s", dev->name, attr, value,
		    strerror(-r));
	else
		dbg(dev->ctx, "%s/%s <- '%s'", dev->name, attr, value);
	return r;
}

ZSWAPCTL_EXPORT int zswapctl_dev_read_backing_dev(const struct zswapctl_dev *dev,
						  char **path)
{
	char *value = NULL;
	int r = zswapctl_dev_read_attr(dev, "backing_dev", &value);

	if (r < 0)
		return r;
	if (strcmp(value, "none") == 0 || !*value) {
		free(value);
		value = NULL;
	}
	*path = value;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_dev_get_swap_ops(const struct zswapctl_dev *dev,
					      bool *enabled)
{
	_cleanup_free_ char *value = NULL;
	int r = zswapctl_dev_read_attr(dev, "swap_ops", &value);

	if (r == -ENOENT)
		return -ENOTSUP;
	if (r < 0)
		return r;
	if (strcmp(value, "on") == 0)
		*enabled = true;
	else if (strcmp(value, "off") == 0)
		*enabled = false;
	else
		return -EINVAL;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_dev_set_swap_ops(struct zswapctl_dev *dev,
					      bool enabled)
{
	bool now;
	int r;

	if (zswapctl_dev_has_attr(dev, "swap_ops") == -ENOENT)
		return -ENOTSUP;
	r = zswapctl_dev_write_attr(dev, "swap_ops", enabled ? "on" : "off");
	if (r < 0)
		return r;
	/* Read back: the switch is the kernel's, not what we hoped we wrote. */
	r = zswapctl_dev_get_swap_ops(dev, &now);
	if (r < 0)
		return r;
	return now == enabled ? 0 : -EIO;
}
