// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Swap on a zram device: the version-1 swap header (written here: no
 * library does it), swapon(2)/swapoff(2), and the device lock that keeps
 * udev from probing a device while it is being configured.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/swap.h>
#include <time.h>

#include "private.h"

#define SWAP_SIGNATURE "SWAPSPACE2"
#define SWAP_SIGNATURE_LEN 10
#define SWAP_LABEL_LEN 16

/* The kernel's union swap_header, info part (include/linux/swap.h). */
struct swap_header_v1 {
	char bootbits[1024];
	uint32_t version;
	uint32_t last_page;
	uint32_t nr_badpages;
	unsigned char uuid[16];
	char volume_name[SWAP_LABEL_LEN];
	uint32_t padding[117];
	uint32_t badpages[1];
};

static char *devnode_path(struct zswapctl_dev *dev)
{
	return zswapctl_path(zswapctl_dev_get_ctx(dev), "%s",
			     zswapctl_dev_get_devnode(dev));
}

/* The node appears when udev (or devtmpfs) has caught up with hot_add. */
static int open_devnode(struct zswapctl_dev *dev, int flags)
{
	_cleanup_free_ char *path = devnode_path(dev);
	int fd = -1;

	if (!path)
		return -ENOMEM;
	for (int tries = 0; tries < 100; tries++) {
		fd = open(path, flags | O_CLOEXEC);
		if (fd >= 0 || errno != ENOENT)
			break;
		nanosleep(&(struct timespec){ .tv_nsec = 20 * 1000 * 1000 }, NULL);
	}
	return fd >= 0 ? fd : -errno;
}

ZSWAPCTL_EXPORT int zswapctl_dev_lock(struct zswapctl_dev *dev, int *fd_out)
{
	int fd = open_devnode(dev, O_RDONLY | O_NONBLOCK);

	if (fd < 0)
		return fd;
	/* udev skips probing a whole disk while a BSD lock is held on it. */
	if (flock(fd, LOCK_EX) < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	*fd_out = fd;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_dev_write_swap_header(struct zswapctl_dev *dev,
						   uint64_t size,
						   const char *label,
						   unsigned char uuid[16])
{
	long psz = sysconf(_SC_PAGESIZE);
	_cleanup_free_ unsigned char *page = NULL;
	_cleanup_close_ int fd = -1;
	struct swap_header_v1 *h;
	uint64_t pages;
	ssize_t n;

	if (psz < (long)sizeof(*h) || size / (uint64_t)psz < 10)
		return -EINVAL; /* the kernel wants at least 10 pages */
	pages = size / (uint64_t)psz;
	if (pages - 1 > UINT32_MAX)
		return -EFBIG;
	if (label && strlen(label) >= SWAP_LABEL_LEN)
		return -ENAMETOOLONG;
	page = calloc(1, (size_t)psz);
	if (!page)
		return -ENOMEM;
	h = (struct swap_header_v1 *)page;
	h->version = 1;
	h->last_page = (uint32_t)(pages - 1);
	if (getrandom(h->uuid, sizeof(h->uuid), 0) != sizeof(h->uuid))
		return -errno;
	h->uuid[6] = (h->uuid[6] & 0x0f) | 0x40; /* version 4 */
	h->uuid[8] = (h->uuid[8] & 0x3f) | 0x80; /* RFC 4122 variant */
	if (label)
		memcpy(h->volume_name, label, strlen(label));
	memcpy(page + psz - SWAP_SIGNATURE_LEN, SWAP_SIGNATURE, SWAP_SIGNATURE_LEN);

	/* O_EXCL on a block device: fails if it is mounted or active swap. */
	fd = open_devnode(dev, O_WRONLY | O_EXCL);
	if (fd < 0)
		return fd;
	n = pwrite(fd, page, (size_t)psz, 0);
	if (n < 0)
		return -errno;
	if (n != psz)
		return -EIO;
	if (fsync(fd) < 0)
		return -errno;
	if (uuid)
		memcpy(uuid, h->uuid, sizeof(h->uuid));
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_dev_swapon(struct zswapctl_dev *dev, int priority,
					unsigned int flags)
{
	_cleanup_free_ char *path = devnode_path(dev);

	if (!path)
		return -ENOMEM;
	if (priority >= 0)
		flags |= SWAP_FLAG_PREFER |
			 (((unsigned int)priority & SWAP_FLAG_PRIO_MASK) << SWAP_FLAG_PRIO_SHIFT);
	return swapon(path, (int)flags) < 0 ? -errno : 0;
}

ZSWAPCTL_EXPORT int zswapctl_dev_swapoff(struct zswapctl_dev *dev)
{
	_cleanup_free_ char *path = devnode_path(dev);

	if (!path)
		return -ENOMEM;
	return swapoff(path) < 0 ? -errno : 0;
}
