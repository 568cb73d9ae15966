// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Would-be backing devices: what uses a block device already (libmount for
 * mounts, /proc/swaps, other zram devices), and loop devices over files for
 * `file:PATH:SIZE` backing.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/loop.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

#include "dlopen.h"
#include "private.h"

/* Marks a backing file as created by zswapctl, so it may reuse it. */
#define OWNER_XATTR "user.zswapctl"
#define OWNER_VALUE "backing-file"

int zswapctl_block_devno(struct zswapctl_ctx *ctx, const char *devpath, dev_t *devno)
{
	_cleanup_free_ char *path = zswapctl_path(ctx, "%s", devpath);
	struct stat st;

	if (!path)
		return -ENOMEM;
	if (stat(path, &st) < 0)
		return -errno;
	if (!S_ISBLK(st.st_mode))
		return -ENOTBLK;
	*devno = st.st_rdev;
	return 0;
}

/* "mounted on /srv" when DEVNO is mounted (libmount, mount.c). */
static int mounted_at(struct zswapctl_ctx *ctx, dev_t devno, char **where)
{
	_cleanup_free_ char *target = NULL;
	int r = zswapctl_devno_mount_target(ctx, devno, NULL, &target);

	if (r < 0)
		return r;
	if (!target)
		return 0;
	return asprintf(where, "mounted on %s", target) < 0 ? -ENOMEM : -EBUSY;
}

/* "active swap" when DEVNO is a swap area. */
static int used_as_swap(struct zswapctl_ctx *ctx, dev_t devno, char **why)
{
	struct zswapctl_swap_list *swaps;
	const struct zswapctl_swap_area *area;
	dev_t other;
	int r = 0;

	if (zswapctl_swap_list_new(ctx, &swaps) < 0)
		return 0;
	zswapctl_swap_list_foreach(swaps, area) {
		if (zswapctl_block_devno(ctx, zswapctl_swap_area_get_source(area), &other) == 0 &&
		    other == devno) {
			r = asprintf(why, "active swap") < 0 ? -ENOMEM : -EBUSY;
			break;
		}
	}
	zswapctl_swap_list_unref(swaps);
	return r;
}

/* "the backing device of zramN" when DEVNO backs a zram device. */
static int used_as_backing(struct zswapctl_ctx *ctx, dev_t devno, char **why)
{
	struct zswapctl_dev_list *devs;
	struct zswapctl_dev *dev;
	dev_t other;
	int r = 0;

	if (zswapctl_dev_list_new(ctx, &devs) < 0)
		return 0;
	zswapctl_dev_list_foreach(devs, dev) {
		_cleanup_free_ char *backing = NULL;

		if (zswapctl_dev_read_backing_dev(dev, &backing) == 0 && backing &&
		    zswapctl_block_devno(ctx, backing, &other) == 0 && other == devno) {
			r = asprintf(why, "the backing device of %s",
				     zswapctl_dev_get_name(dev)) < 0 ? -ENOMEM : -EBUSY;
			break;
		}
	}
	zswapctl_dev_list_unref(devs);
	return r;
}

ZSWAPCTL_EXPORT int zswapctl_block_device_user(struct zswapctl_ctx *ctx,
					       const char *devpath, char **why)
{
	dev_t devno;
	int r;

	*why = NULL;
	r = zswapctl_block_devno(ctx, devpath, &devno);
	if (r < 0)
		return r;
	r = mounted_at(ctx, devno, why);
	if (r == 0)
		r = used_as_swap(ctx, devno, why);
	if (r == 0)
		r = used_as_backing(ctx, devno, why);
	return r;
}

/*
 * The directory of FILE, opened by walking from the root one component at
 * a time without following any symbolic link: every directory on the way
 * belongs to root (or whoever runs this) and only its owner may write it
 * (a sticky one, as /tmp, may be on the way), and the last one only root
 * may write at all, so nobody else can put a link or a file in our place.
 * *base points into FILE at the last component. -EPERM: an unsafe
 * directory; -ELOOP: a symbolic link on the way.
 */
static int open_backing_dir(struct zswapctl_ctx *ctx, const char *file, int *dirfd,
			    const char **base)
{
	_cleanup_free_ char *root = zswapctl_path(ctx, "/");
	_cleanup_free_ char *copy = strdup(file);
	char *p, *next;
	int fd;

	if (!root || !copy)
		return -ENOMEM;
	if (file[0] != '/' || !strrchr(file, '/')[1])
		return -EINVAL;
	fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (p = copy + 1; (next = strchr(p, '/')); p = next + 1) {
		struct stat st;
		int sub;

		*next = '\0';
		if (!*p || !strcmp(p, ".") || !strcmp(p, "..")) {
			close(fd);
			return -EINVAL;
		}
		sub = openat(fd, p, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(fd);
		if (sub < 0)
			return errno == ENOTDIR ? -ELOOP : -errno;
		fd = sub;
		if (fstat(fd, &st) < 0) {
			close(fd);
			return -errno;
		}
		if ((st.st_uid != 0 && st.st_uid != geteuid()) ||
		    ((st.st_mode & 022) && !(st.st_mode & S_ISVTX)) ||
		    (!strchr(next + 1, '/') && (st.st_mode & 022))) {
			err(ctx, "%s: the directory %s can be written by a user other than root",
			    file, copy);
			close(fd);
			return -EPERM;
		}
		*next = '/';
	}
	*dirfd = fd;
	*base = strrchr(file, '/') + 1;
	return 0;
}

/* FILE opened read-write through open_backing_dir(), with FLAGS. */
static int open_backing(struct zswapctl_ctx *ctx, const char *file, int flags, int *out)
{
	_cleanup_close_ int dir = -1;
	const char *base;
	int fd, r = open_backing_dir(ctx, file, &dir, &base);

	if (r < 0)
		return r;
	fd = openat(dir, base, O_RDWR | O_NOFOLLOW | O_CLOEXEC | flags, 0600);
	if (fd < 0)
		return -errno;
	*out = fd;
	return 0;
}

/* A file of ours to reuse: regular, root's (or the caller's), nobody
 * else may read or write it, and marked. */
static bool is_our_file(int fd, const struct stat *st)
{
	char owner[32] = "";

	return S_ISREG(st->st_mode) && (st->st_uid == 0 || st->st_uid == geteuid()) &&
	       !(st->st_mode & 077) &&
	       fgetxattr(fd, OWNER_XATTR, owner, sizeof(owner) - 1) == (ssize_t)strlen(OWNER_VALUE) &&
	       !strncmp(owner, OWNER_VALUE, strlen(OWNER_VALUE));
}

ZSWAPCTL_EXPORT int zswapctl_backing_file_create(struct zswapctl_ctx *ctx,
						 const char *file, uint64_t size,
						 unsigned int flags, bool *created)
{
	_cleanup_close_ int fd = -1;
	struct stat st;
	int r;

	*created = false;
	/* No symlink is followed, no file that is not ours is reused. */
	r = open_backing(ctx, file, O_CREAT | O_EXCL, &fd);
	if (r == 0) {
		*created = true;
		/* A filesystem without user xattrs (older tmpfs) still gets the
		 * file; only its reuse by a later setup is then refused. */
		if (fsetxattr(fd, OWNER_XATTR, OWNER_VALUE, strlen(OWNER_VALUE), 0) < 0 &&
		    errno != ENOTSUP) {
			r = -errno;
			goto fail;
		}
		r = posix_fallocate(fd, 0, (off_t)size);
		if (r != 0) {
			r = -r;
			goto fail;
		}
		return 0;
fail:
		zswapctl_backing_file_remove(ctx, file);
		*created = false;
		return r;
	}
	if (r != -EEXIST)
		return r;
	r = open_backing(ctx, file, 0, &fd);
	if (r < 0)
		return r;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EEXIST;
	if (!is_our_file(fd, &st)) {
		if (!(flags & ZSWAPCTL_BACKING_FILE_REUSE))
			return -EEXIST; /* someone else's file */
		/* Asked for: made ours, as if created here. */
		if (fchown(fd, geteuid(), getegid()) < 0 || fchmod(fd, 0600) < 0 ||
		    (fsetxattr(fd, OWNER_XATTR, OWNER_VALUE, strlen(OWNER_VALUE), 0) < 0 &&
		     errno != ENOTSUP))
			return -errno;
		if ((uint64_t)st.st_size != size &&
		    ((r = ftruncate(fd, (off_t)size)) < 0 || (r = posix_fallocate(fd, 0, (off_t)size))))
			return r < 0 ? -errno : -r;
		return 0;
	}
	if ((uint64_t)st.st_size != size)
		return -EFBIG; /* ours, but another size: not silently changed */
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_backing_file_space(struct zswapctl_ctx *ctx, const char *file,
						uint64_t *avail, uint64_t *existing)
{
	_cleanup_free_ char *resolved = NULL;
	struct statvfs vfs;
	struct stat st;
	char *slash;
	int r;

	*avail = *existing = 0;
	if (!file || file[0] != '/')
		return -EINVAL;
	r = zswapctl_ctx_resolve(ctx, file, &resolved);
	if (r < 0)
		return r;
	if (lstat(resolved, &st) == 0 && S_ISREG(st.st_mode))
		*existing = (uint64_t)st.st_size;
	slash = strrchr(resolved, '/');
	slash[slash == resolved ? 1 : 0] = '\0';
	r = zswapctl_statvfs(ctx, resolved, &vfs);
	if (r < 0)
		return r;
	/* f_bavail: what is left once the root reserve is kept, the share
	 * other users of the filesystem can still count on. */
	*avail = (uint64_t)vfs.f_bavail * (uint64_t)vfs.f_frsize;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_loop_attach(struct zswapctl_ctx *ctx,
					 const char *file, char **loopdev,
					 int *loop_fd_out)
{
	_cleanup_free_ char *ctl_path = zswapctl_path(ctx, "/dev/loop-control");
	_cleanup_free_ char *file_path = zswapctl_path(ctx, "%s", file);
	_cleanup_close_ int ctl = -1, backing = -1;
	struct loop_config cfg = { 0 };
	int loop_fd, n, r;

	*loop_fd_out = -1;
	if (!ctl_path || !file_path)
		return -ENOMEM;
	r = open_backing(ctx, file, 0, &backing);
	if (r < 0)
		return r;
	ctl = open(ctl_path, O_RDWR | O_CLOEXEC);
	if (ctl < 0)
		return -errno;
	for (int tries = 0; tries < 10; tries++) {
		_cleanup_free_ char *dev_path = NULL;

		n = ioctl(ctl, LOOP_CTL_GET_FREE);
		if (n < 0)
			return -errno;
		dev_path = zswapctl_path(ctx, "/dev/loop%d", n);
		if (!dev_path)
			return -ENOMEM;
		loop_fd = open(dev_path, O_RDWR | O_CLOEXEC);
		if (loop_fd < 0)
			return -errno;
		cfg.fd = (unsigned int)backing;
		cfg.block_size = 4096;
		/* Direct I/O: written-back pages must not sit in the page cache
		 * too; autoclear: the loop goes when zram closes it. */
		cfg.info.lo_flags = LO_FLAGS_DIRECT_IO | LO_FLAGS_AUTOCLEAR;
		snprintf((char *)cfg.info.lo_file_name, sizeof(cfg.info.lo_file_name), "%s", file);
		r = ioctl(loop_fd, LOOP_CONFIGURE, &cfg);
		r = r < 0 ? -errno : 0;
		if (r == -EBUSY) {
			close(loop_fd);
			continue; /* taken between GET_FREE and CONFIGURE */
		}
		if (r == 0 && asprintf(loopdev, "/dev/loop%d", n) < 0)
			r = -ENOMEM;
		if (r < 0) {
			close(loop_fd);
			return r;
		}
		/* With autoclear, closing the last fd detaches the device: the
		 * caller keeps this one until zram holds the device itself. */
		*loop_fd_out = loop_fd;
		return 0;
	}
	return -EBUSY;
}

ZSWAPCTL_EXPORT int zswapctl_loop_detach(struct zswapctl_ctx *ctx,
					 const char *loopdev)
{
	_cleanup_free_ char *path = zswapctl_path(ctx, "%s", loopdev);
	_cleanup_close_ int fd = -1;

	if (!path)
		return -ENOMEM;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, LOOP_CLR_FD) < 0 && errno != ENXIO)
		return -errno;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_backing_file_remove(struct zswapctl_ctx *ctx, const char *file)
{
	_cleanup_close_ int dir = -1;
	const char *base;
	int r = open_backing_dir(ctx, file, &dir, &base);

	if (r < 0)
		return r;
	return unlinkat(dir, base, 0) < 0 ? -errno : 0;
}

ZSWAPCTL_EXPORT int zswapctl_loop_get_backing_file(struct zswapctl_ctx *ctx,
						   const char *loopdev, char **file)
{
	if (!loopdev || strncmp(loopdev, "/dev/loop", 9) || strchr(loopdev + 5, '/'))
		return -EINVAL;
	return zswapctl_read_rootf(ctx, ZSWAPCTL_READ_LINE, file, "/sys/block/%s/loop/backing_file",
				   loopdev + 5);
}

ZSWAPCTL_EXPORT int zswapctl_block_device_same(struct zswapctl_ctx *ctx, const char *a,
					       const char *b)
{
	_cleanup_free_ char *pa = zswapctl_path(ctx, "%s", a);
	_cleanup_free_ char *pb = zswapctl_path(ctx, "%s", b);
	struct stat sa, sb;

	if (!pa || !pb)
		return -ENOMEM;
	if (stat(pa, &sa) < 0 || stat(pb, &sb) < 0)
		return -errno;
	/* st_rdev is 0 for anything that is not a device: two directories
	 * would be "the same device". */
	if (!S_ISBLK(sa.st_mode) || !S_ISBLK(sb.st_mode))
		return -ENOTBLK;
	return sa.st_rdev == sb.st_rdev;
}
