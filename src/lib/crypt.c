// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Encrypted backing storage: a plain dm-crypt mapping (aes-xts-plain64, a
 * 512-bit key) over the backing device or loop device, through
 * libcryptsetup, loaded when setup or teardown needs it. The key comes from
 * getrandom(), goes to the kernel and is wiped here: nobody can read what
 * was written back once the mapping is gone (after teardown, or a reboot).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libcryptsetup.h>
#include <linux/dm-ioctl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "dlopen.h"
#include "private.h"

#define CRYPT_KEY_BYTES 64 /* aes-xts: two 256-bit keys */

static struct {
	typeof(crypt_init) *crypt_init;
	typeof(crypt_init_by_name) *crypt_init_by_name;
	typeof(crypt_format) *crypt_format;
	typeof(crypt_activate_by_volume_key) *crypt_activate_by_volume_key;
	typeof(crypt_deactivate) *crypt_deactivate;
	typeof(crypt_free) *crypt_free;
	typeof(crypt_status) *crypt_status;
	typeof(crypt_set_log_callback) *crypt_set_log_callback;
} cs;

static const struct dl_symbol cs_symbols[] = {
	DL_SYMBOL(cs, crypt_init),
	DL_SYMBOL(cs, crypt_init_by_name),
	DL_SYMBOL(cs, crypt_format),
	DL_SYMBOL(cs, crypt_activate_by_volume_key),
	DL_SYMBOL(cs, crypt_deactivate),
	DL_SYMBOL(cs, crypt_free),
	DL_SYMBOL(cs, crypt_status),
	DL_SYMBOL(cs, crypt_set_log_callback),
	DL_SYMBOL_END,
};

/*
 * libcryptsetup writes its messages to stderr (errors) and stdout unless
 * given a callback: "Device zswapctl-zram0 is not active." at every setup
 * (the look for a leftover mapping). They become our debug messages (-vv);
 * what fails is reported by our callers, naming the device and what to do.
 */
static void log_libcryptsetup(int level, const char *msg, void *usrptr)
{
	struct zswapctl_ctx *ctx = usrptr;
	size_t len = strlen(msg);

	while (len > 0 && msg[len - 1] == '\n')
		len--;
	dbg(ctx, "libcryptsetup%s: %.*s", level == CRYPT_LOG_ERROR ? " error" : "", (int)len, msg);
}

/*
 * Loads libcryptsetup and routes its messages to CTX's log for one call
 * (the process-wide default: crypt_init_by_name() speaks before there is a
 * crypt_device to give a callback). end_call() gives the default back, so
 * that neither a freed ctx nor our log receives the messages of a program
 * that uses libcryptsetup itself.
 */
static int begin_call(struct zswapctl_ctx *ctx)
{
	int r = dl_open(DL_LIBCRYPTSETUP, cs_symbols);

	if (r < 0) {
		err(ctx, "%s", dl_missing(DL_LIBCRYPTSETUP));
		return r;
	}
	cs.crypt_set_log_callback(NULL, log_libcryptsetup, ctx);
	return 0;
}

static void end_call(void)
{
	cs.crypt_set_log_callback(NULL, NULL, NULL);
}

static bool valid_name(const char *name)
{
	return name && *name && strlen(name) < 64 && !strchr(name, '/') && name[0] != '.';
}

ZSWAPCTL_EXPORT int zswapctl_crypt_open(struct zswapctl_ctx *ctx, const char *name,
					const char *device, char **mapped)
{
	struct crypt_params_plain params = { .hash = NULL, .offset = 0, .skip = 0,
					     .size = 0, .sector_size = 4096 };
	_cleanup_free_ char *path = zswapctl_path(ctx, "%s", device);
	unsigned char key[CRYPT_KEY_BYTES];
	struct crypt_device *cd = NULL;
	ssize_t n;
	int r;

	if (!valid_name(name))
		return -EINVAL;
	if (!path)
		return -ENOMEM;
	r = begin_call(ctx);
	if (r < 0)
		return r;
	n = getrandom(key, sizeof(key), 0);
	r = n == (ssize_t)sizeof(key) ? 0 : n < 0 ? -errno : -EIO;
	if (r == 0)
		r = cs.crypt_init(&cd, path);
	if (r == 0)
		r = cs.crypt_format(cd, CRYPT_PLAIN, "aes", "xts-plain64", NULL, NULL,
				    sizeof(key), &params);
	if (r == 0)
		r = cs.crypt_activate_by_volume_key(cd, name, (const char *)key, sizeof(key), 0);
	explicit_bzero(key, sizeof(key));
	cs.crypt_free(cd);
	end_call();
	if (r < 0)
		return r;
	*mapped = zswapctl_crypt_get_devnode(name);
	if (!*mapped) {
		zswapctl_crypt_close(ctx, name);
		return -ENOMEM;
	}
	dbg(ctx, "%s: dm-crypt mapping %s (aes-xts-plain64, random key)", device, name);
	return 0;
}

ZSWAPCTL_EXPORT char *zswapctl_crypt_get_devnode(const char *name)
{
	char *node;

	return asprintf(&node, "/dev/mapper/%s", name) < 0 ? NULL : node;
}

/*
 * Remove the device-mapper device NAME as it is. A setup killed between
 * the creation of the mapping and the load of its table leaves a device
 * with no table, which libcryptsetup neither opens nor removes, and which
 * makes the next activation fail with EEXIST. -ENOENT when there is none.
 */
static int dm_remove_by_name(struct zswapctl_ctx *ctx, const char *name)
{
	_cleanup_free_ char *control = zswapctl_path(ctx, "/dev/mapper/control");
	_cleanup_free_ char *node = zswapctl_path(ctx, "/dev/mapper/%s", name);
	struct dm_ioctl dmi = { .version = { DM_VERSION_MAJOR, 0, 0 },
				.data_size = sizeof(dmi) };
	int fd, r;

	if (!control || !node)
		return -ENOMEM;
	fd = open(control, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ENOENT : -errno;
	snprintf(dmi.name, sizeof(dmi.name), "%s", name);
	r = ioctl(fd, DM_DEV_REMOVE, &dmi) < 0 ? -errno : 0;
	close(fd);
	if (r == -ENXIO)
		return -ENOENT;
	if (r == 0) /* without udev nobody else removes the node */
		unlink(node);
	return r;
}

ZSWAPCTL_EXPORT int zswapctl_crypt_close(struct zswapctl_ctx *ctx, const char *name)
{
	struct crypt_device *cd = NULL;
	int r;

	if (!valid_name(name))
		return -EINVAL;
	r = begin_call(ctx);
	if (r < 0)
		return r;
	r = cs.crypt_init_by_name(&cd, name);
	if (r < 0) { /* none, or one that a killed setup left half made */
		end_call();
		return dm_remove_by_name(ctx, name);
	}
	r = cs.crypt_deactivate(cd, name);
	cs.crypt_free(cd);
	end_call();
	return r;
}

ZSWAPCTL_EXPORT int zswapctl_block_device_encrypted(struct zswapctl_ctx *ctx,
						    const char *devpath)
{
	_cleanup_free_ char *uuid = NULL;
	dev_t devno;
	int r = zswapctl_block_devno(ctx, devpath, &devno);

	if (r < 0)
		return r;
	/* libcryptsetup names its mappings' uuids CRYPT-TYPE-... */
	r = zswapctl_read_rootf(ctx, ZSWAPCTL_READ_LINE, &uuid, "/sys/dev/block/%u:%u/dm/uuid",
				major(devno), minor(devno));
	if (r == -ENOENT)
		return 0; /* not a device-mapper device */
	if (r < 0)
		return r;
	return strncmp(uuid, "CRYPT-", 6) == 0;
}

ZSWAPCTL_EXPORT int zswapctl_crypt_underlying(struct zswapctl_ctx *ctx, const char *devpath,
					      char **below)
{
	_cleanup_free_ char *slaves = NULL;
	struct dirent *de;
	dev_t devno;
	DIR *dir;
	int r = zswapctl_block_devno(ctx, devpath, &devno);

	if (r < 0)
		return r;
	slaves = zswapctl_path(ctx, "/sys/dev/block/%u:%u/slaves", major(devno), minor(devno));
	if (!slaves)
		return -ENOMEM;
	dir = opendir(slaves);
	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		if (asprintf(below, "/dev/%s", de->d_name) < 0) {
			closedir(dir);
			return -ENOMEM;
		}
		closedir(dir);
		return 0;
	}
	closedir(dir);
	return -ENODATA;
}
