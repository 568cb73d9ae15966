// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Filesystems on zram devices: the system's own mkfs.TYPE makes them,
 * libmount mounts and unmounts them, and mountinfo says where a device is
 * mounted. X-mount.mode= among the options is applied here as well (see
 * mount_mode()).
 */
#include <errno.h>
#include <fcntl.h>
#include <libmount.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#include "dlopen.h"
#include "private.h"

extern char **environ;

/* Where mkfs.TYPE is looked for: systemd's PATH for units, then the
 * merged-/usr leftovers. */
static const char *const mkfs_dirs[] = {
	"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin",
};

/* Loaded when a filesystem device is set up or looked at (dlopen.h). */
static struct {
	typeof(mnt_new_table) *mnt_new_table;
	typeof(mnt_unref_table) *mnt_unref_table;
	typeof(mnt_table_parse_file) *mnt_table_parse_file;
	typeof(mnt_table_find_devno) *mnt_table_find_devno;
	typeof(mnt_table_find_srcpath) *mnt_table_find_srcpath;
	typeof(mnt_table_find_target) *mnt_table_find_target;
	typeof(mnt_fs_get_target) *mnt_fs_get_target;
	typeof(mnt_fs_get_source) *mnt_fs_get_source;
	typeof(mnt_fs_get_fstype) *mnt_fs_get_fstype;
	typeof(mnt_new_context) *mnt_new_context;
	typeof(mnt_free_context) *mnt_free_context;
	typeof(mnt_context_set_source) *mnt_context_set_source;
	typeof(mnt_context_set_target) *mnt_context_set_target;
	typeof(mnt_context_set_fstype) *mnt_context_set_fstype;
	typeof(mnt_context_set_options) *mnt_context_set_options;
	typeof(mnt_context_disable_helpers) *mnt_context_disable_helpers;
	typeof(mnt_context_mount) *mnt_context_mount;
	typeof(mnt_context_umount) *mnt_context_umount;
	typeof(mnt_context_get_status) *mnt_context_get_status;
	typeof(mnt_context_syscall_called) *mnt_context_syscall_called;
	typeof(mnt_context_get_syscall_errno) *mnt_context_get_syscall_errno;
	typeof(mnt_optstr_get_option) *mnt_optstr_get_option;
} mnt;

static const struct dl_symbol mnt_symbols[] = {
	DL_SYMBOL(mnt, mnt_new_table),
	DL_SYMBOL(mnt, mnt_unref_table),
	DL_SYMBOL(mnt, mnt_table_parse_file),
	DL_SYMBOL(mnt, mnt_table_find_devno),
	DL_SYMBOL(mnt, mnt_table_find_srcpath),
	DL_SYMBOL(mnt, mnt_table_find_target),
	DL_SYMBOL(mnt, mnt_fs_get_target),
	DL_SYMBOL(mnt, mnt_fs_get_source),
	DL_SYMBOL(mnt, mnt_fs_get_fstype),
	DL_SYMBOL(mnt, mnt_new_context),
	DL_SYMBOL(mnt, mnt_free_context),
	DL_SYMBOL(mnt, mnt_context_set_source),
	DL_SYMBOL(mnt, mnt_context_set_target),
	DL_SYMBOL(mnt, mnt_context_set_fstype),
	DL_SYMBOL(mnt, mnt_context_set_options),
	DL_SYMBOL(mnt, mnt_context_disable_helpers),
	DL_SYMBOL(mnt, mnt_context_mount),
	DL_SYMBOL(mnt, mnt_context_umount),
	DL_SYMBOL(mnt, mnt_context_get_status),
	DL_SYMBOL(mnt, mnt_context_syscall_called),
	DL_SYMBOL(mnt, mnt_context_get_syscall_errno),
	DL_SYMBOL(mnt, mnt_optstr_get_option),
	DL_SYMBOL_END,
};

static int load_libmount(struct zswapctl_ctx *ctx)
{
	int r = dl_open(DL_LIBMOUNT, mnt_symbols);

	if (r < 0)
		err(ctx, "%s", dl_missing(DL_LIBMOUNT));
	return r;
}

/* mountinfo under the root, parsed; *tb NULL (and 0) when a sysroot has
 * none. */
static int mountinfo_load(struct zswapctl_ctx *ctx, struct libmnt_table **tb)
{
	_cleanup_free_ char *mountinfo = zswapctl_path(ctx, "/proc/self/mountinfo");
	int r;

	*tb = NULL;
	if (!mountinfo)
		return -ENOMEM;
	if (access(mountinfo, R_OK) < 0)
		return errno == ENOENT ? 0 : -errno;
	r = load_libmount(ctx);
	if (r < 0)
		return r;
	*tb = mnt.mnt_new_table();
	if (!*tb)
		return -ENOMEM;
	/* unreadable lines: nothing mounted there, as findmnt would say */
	if (mnt.mnt_table_parse_file(*tb, mountinfo) < 0) {
		mnt.mnt_unref_table(*tb);
		*tb = NULL;
	}
	return 0;
}

/* What zswapctl_devno_mount_target() looks for: by device number (what
 * mountinfo says of ext4, xfs...), else by source path (btrfs has
 * anonymous device numbers). */
struct devno_key {
	dev_t devno;
	const char *srcpath;
};

static struct libmnt_fs *find_by_devno(struct libmnt_table *tb, const void *key)
{
	const struct devno_key *k = key;
	struct libmnt_fs *fs = mnt.mnt_table_find_devno(tb, k->devno, MNT_ITER_FORWARD);

	if (!fs && k->srcpath)
		fs = mnt.mnt_table_find_srcpath(tb, k->srcpath, MNT_ITER_FORWARD);
	return fs;
}

static int describe_target(struct libmnt_fs *fs, char **out)
{
	if (!mnt.mnt_fs_get_target(fs))
		return 0;
	*out = strdup(mnt.mnt_fs_get_target(fs));
	return *out ? 0 : -ENOMEM;
}

/* The entry FIND finds in this namespace's mountinfo, as DESCRIBE puts it
 * in *OUT; *OUT NULL (and 0) when there is none. */
static int mountinfo_lookup(struct zswapctl_ctx *ctx,
			    struct libmnt_fs *(*find)(struct libmnt_table *, const void *),
			    const void *key, int (*describe)(struct libmnt_fs *, char **),
			    char **out)
{
	struct libmnt_table *tb;
	struct libmnt_fs *fs;
	int r;

	*out = NULL;
	r = mountinfo_load(ctx, &tb);
	if (r < 0 || !tb)
		return r;
	fs = find(tb, key);
	if (fs)
		r = describe(fs, out);
	mnt.mnt_unref_table(tb);
	return r;
}

int zswapctl_devno_mount_target(struct zswapctl_ctx *ctx, dev_t devno, const char *srcpath,
				char **target)
{
	struct devno_key key = { .devno = devno, .srcpath = srcpath };

	return mountinfo_lookup(ctx, find_by_devno, &key, describe_target, target);
}

/* A filesystem type is a word: it becomes part of a program's name. */
static bool fstype_ok(const char *fstype)
{
	size_t n = strlen(fstype);

	if (n == 0 || n > 31)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(fstype[i] >= 'a' && fstype[i] <= 'z') && !(fstype[i] >= '0' && fstype[i] <= '9') &&
		    fstype[i] != '.' && fstype[i] != '_' && fstype[i] != '-')
			return false;
	return fstype[0] != '.';
}

ZSWAPCTL_EXPORT int zswapctl_mkfs_find(struct zswapctl_ctx *ctx, const char *fstype,
				       char **path)
{
	*path = NULL;
	if (!fstype_ok(fstype))
		return -EINVAL;
	for (size_t i = 0; i < ARRAY_SIZE(mkfs_dirs); i++) {
		char *p = zswapctl_path(ctx, "%s/mkfs.%s", mkfs_dirs[i], fstype);

		if (!p)
			return -ENOMEM;
		if (access(p, X_OK) == 0) {
			*path = p;
			return 0;
		}
		free(p);
	}
	return -ENOENT;
}

ZSWAPCTL_EXPORT int zswapctl_dev_mkfs(struct zswapctl_dev *dev, const char *fstype,
				      const char *const *options)
{
	struct zswapctl_ctx *ctx = zswapctl_dev_get_ctx(dev);
	_cleanup_free_ char *prog = NULL;
	_cleanup_free_ char *node = zswapctl_path(ctx, "%s", zswapctl_dev_get_devnode(dev));
	char **argv = NULL;
	posix_spawn_file_actions_t fa;
	size_t n = 0, k = 0;
	int r, status;
	pid_t pid;

	if (!node)
		return -ENOMEM;
	r = zswapctl_mkfs_find(ctx, fstype, &prog);
	if (r < 0)
		return r;
	while (options && options[n])
		n++;
	argv = calloc(n + 3, sizeof(*argv));
	if (!argv)
		return -ENOMEM;
	argv[k++] = prog;
	for (size_t i = 0; i < n; i++)
		argv[k++] = (char *)options[i];
	argv[k++] = node;
	/* mkfs's chatter is not ours to print; its errors go to stderr. */
	if (posix_spawn_file_actions_init(&fa) != 0) {
		free(argv);
		return -ENOMEM;
	}
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	r = posix_spawn(&pid, prog, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(argv);
	if (r != 0)
		return -r;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	err(ctx, "%s %s: %s %d", prog, node, WIFEXITED(status) ? "exit status" : "killed by signal",
	    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	return -EIO;
}

ZSWAPCTL_EXPORT int zswapctl_dev_get_mount_point(const struct zswapctl_dev *dev, char **target)
{
	_cleanup_free_ char *devno = NULL;
	unsigned int major, minor;

	*target = NULL;
	if (zswapctl_dev_read_attr(dev, "dev", &devno) < 0 ||
	    sscanf(devno, "%u:%u", &major, &minor) != 2)
		return 0; /* gone, or no device number: not mounted */
	return zswapctl_devno_mount_target(zswapctl_dev_get_ctx(dev), makedev(major, minor),
					   zswapctl_dev_get_devnode(dev), target);
}

/* the last one mounted there is the one that is seen */
static struct libmnt_fs *find_by_target(struct libmnt_table *tb, const void *target)
{
	return mnt.mnt_table_find_target(tb, target, MNT_ITER_BACKWARD);
}

static int describe_source(struct libmnt_fs *fs, char **out)
{
	const char *source = mnt.mnt_fs_get_source(fs), *type = mnt.mnt_fs_get_fstype(fs);

	if (asprintf(out, "%s (%s)", source ? source : "none", type ? type : "?") < 0) {
		*out = NULL;
		return -ENOMEM;
	}
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_mounted_on(struct zswapctl_ctx *ctx, const char *target, char **what)
{
	return mountinfo_lookup(ctx, find_by_target, target, describe_source, what);
}

/* mkdir -p, 0755, for a mount point that is not there yet (as systemd
 * does for mount units). */
static int make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST) {
			*p = '/';
			return -errno;
		}
		*p = '/';
	}
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

/* A libmount context on TARGET under the root, in this process (no
 * /sbin/mount.TYPE helper in between). */
static int context_new(struct zswapctl_ctx *ctx, const char *target, struct libmnt_context **cxt)
{
	_cleanup_free_ char *where = NULL;
	int r;

	*cxt = NULL;
	r = zswapctl_ctx_resolve(ctx, target, &where);
	if (r < 0)
		return r;
	r = load_libmount(ctx);
	if (r < 0)
		return r;
	*cxt = mnt.mnt_new_context();
	if (!*cxt)
		return -ENOMEM;
	mnt.mnt_context_disable_helpers(*cxt, 1);
	r = mnt.mnt_context_set_target(*cxt, where);
	if (r < 0) {
		mnt.mnt_free_context(*cxt);
		*cxt = NULL;
	}
	return r;
}

/* libmount's answer as -errno: the syscall's, else its own. */
static int context_result(struct libmnt_context *cxt, int r)
{
	if (r == 0 && mnt.mnt_context_get_status(cxt) == 1)
		return 0;
	if (mnt.mnt_context_syscall_called(cxt) && mnt.mnt_context_get_syscall_errno(cxt))
		return -mnt.mnt_context_get_syscall_errno(cxt);
	return r < 0 ? r : -EIO;
}

/* X-mount.mode=MODE among OPTIONS, in *MODE ((mode_t)-1: none); -EINVAL:
 * not an octal mode. libmount applies it itself from util-linux 2.39 on;
 * 2.38 (Debian 12) knows no X-mount.mode, neither in mnt_context_mount()
 * nor in mount(8), and passes over it without a word. So libzswapctl
 * applies it after the mount, whatever the version: on 2.39 the second
 * chmod() changes nothing. Needs libmount loaded. */
static int mount_mode(const char *options, mode_t *mode)
{
	char *value;
	size_t len;
	int r;

	*mode = (mode_t)-1;
	if (!options || !*options)
		return 0;
	r = mnt.mnt_optstr_get_option(options, "X-mount.mode", &value, &len);
	if (r == 1)
		return 0;
	if (r < 0 || !parse_octal_mode(value, len, mode))
		return -EINVAL;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_dev_mount(struct zswapctl_dev *dev, const char *target,
				       const char *fstype, const char *options)
{
	struct zswapctl_ctx *ctx = zswapctl_dev_get_ctx(dev);
	_cleanup_free_ char *where = NULL;
	_cleanup_free_ char *node = zswapctl_path(ctx, "%s", zswapctl_dev_get_devnode(dev));
	struct libmnt_context *cxt;
	mode_t mode;
	int r;

	if (!node)
		return -ENOMEM;
	if (!fstype_ok(fstype) || target[0] != '/')
		return -EINVAL;
	r = zswapctl_ctx_resolve(ctx, target, &where);
	if (r == 0)
		r = make_dirs(where);
	if (r == 0)
		r = context_new(ctx, target, &cxt);
	if (r < 0)
		return r;
	r = mount_mode(options, &mode);
	if (r == 0)
		r = mnt.mnt_context_set_source(cxt, node);
	if (r == 0)
		r = mnt.mnt_context_set_fstype(cxt, fstype);
	if (r == 0 && options && *options)
		r = mnt.mnt_context_set_options(cxt, options);
	if (r == 0)
		r = context_result(cxt, mnt.mnt_context_mount(cxt));
	mnt.mnt_free_context(cxt);
	if (r < 0 || mode == (mode_t)-1)
		return r;
	if (chmod(where, mode) < 0) {
		r = -errno;
		/* all or nothing: the caller records only what it mounted */
		zswapctl_umount(ctx, target);
	}
	return r;
}

ZSWAPCTL_EXPORT int zswapctl_umount(struct zswapctl_ctx *ctx, const char *target)
{
	struct libmnt_context *cxt;
	int r = context_new(ctx, target, &cxt);

	if (r < 0)
		return r;
	r = context_result(cxt, mnt.mnt_context_umount(cxt));
	mnt.mnt_free_context(cxt);
	return r;
}
