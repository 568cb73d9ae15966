// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Whether a configuration file or drop-in directory may be trusted, as
 * sshd's StrictModes decides: it, and every directory above it, is owned by
 * root (or by whoever runs zswapctl, who could write the file anyway) and
 * writable by nobody else. A directory writable by others passes only with
 * the sticky bit (as /tmp): others cannot rename or remove what they do not
 * own there, and what is below is checked on its own. Under --sysroot the
 * walk stops at the root directory: what is above it is the caller's.
 */
#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "util.h"

static bool trusted_owner(uid_t uid)
{
	return uid == 0 || uid == geteuid();
}

/* One node: the file or drop-in directory itself (STRICT: no sticky
 * exception), or a directory above it. */
static int check_node(const struct setup_ctx *s, const char *report_path, const char *node,
		      const struct stat *st, bool strict)
{
	const char *what = strcmp(report_path, node) ? "the directory " : "";
	const char *who = st->st_mode & 002 ? "anyone" : "its group";

	if (!trusted_owner(st->st_uid)) {
		setup_report(s, SETUP_ERROR, report_path, 0, -1,
			     "refused: %s%s is owned by uid %u, not root, who could replace the "
			     "configuration; run 'chown root: %s' (zswapctl.conf(5), SECURITY)",
			     what, *what ? node : "it", (unsigned int)st->st_uid, node);
		return -EPERM;
	}
	if ((st->st_mode & 022) && (strict || !S_ISDIR(st->st_mode) || !(st->st_mode & S_ISVTX))) {
		setup_report(s, SETUP_ERROR, report_path, 0, -1,
			     "refused: %s%s can be written by %s, not only root; run "
			     "'chmod go-w %s' (zswapctl.conf(5), SECURITY)",
			     what, *what ? node : "it", who, node);
		return -EPERM;
	}
	return 0;
}

/* The directories from DIR up to STOP (a prefix of it) or to "/". */
static int check_dirs(const struct setup_ctx *s, const char *report_path, const char *dir,
		      const char *stop)
{
	_cleanup_free_ char *p = realpath(dir, NULL);

	if (!p) {
		setup_report(s, SETUP_ERROR, report_path, 0, -1, "cannot resolve %s: %s", dir,
			     strerror(errno));
		return -errno;
	}
	for (;;) {
		struct stat st;
		char *slash;
		int r;

		if (stat(p, &st) < 0) {
			setup_report(s, SETUP_ERROR, report_path, 0, -1, "cannot check %s: %s", p,
				     strerror(errno));
			return -EPERM;
		}
		r = check_node(s, report_path, p, &st, false);
		if (r < 0)
			return r;
		if (!strcmp(p, "/") || (stop && !strcmp(p, stop)))
			return 0;
		slash = strrchr(p, '/');
		if (slash == p)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
}

/* The sysroot as a real path when PATH lies under it, else NULL. */
static char *boundary(const struct setup_ctx *s, const char *real)
{
	_cleanup_free_ char *root = NULL;
	char *rp;
	size_t len;

	if (zswapctl_ctx_resolve(s->zctx, "/", &root) < 0)
		return NULL;
	rp = realpath(root, NULL);
	if (!rp || !strcmp(rp, "/")) {
		free(rp);
		return NULL;
	}
	len = strlen(rp);
	if (strncmp(real, rp, len) || real[len] != '/') {
		free(rp);
		return NULL;
	}
	return rp;
}

/* Each symbolic link on the way to the file is as good as the directory
 * that holds it: someone who may write there may point it elsewhere. */
static int check_links(const struct setup_ctx *s, const char *path, const char *stop)
{
	_cleanup_free_ char *p = strdup(path);

	for (int hops = 0; p && hops < 40; hops++) {
		_cleanup_free_ char *dir = strdup(p);
		char target[PATH_MAX];
		struct stat st;
		ssize_t n;
		int r;

		if (!dir)
			return -ENOMEM;
		dirname(dir);
		r = check_dirs(s, path, dir, stop);
		if (r < 0)
			return r;
		if (lstat(p, &st) < 0 || !S_ISLNK(st.st_mode))
			return 0;
		n = readlink(p, target, sizeof(target) - 1);
		if (n < 0)
			return -errno;
		target[n] = '\0';
		free(p);
		if (target[0] == '/')
			p = strdup(target);
		else
			p = strjoin3(dir, "/", target);
	}
	return p ? -ELOOP : -ENOMEM;
}

int config_trust_check(const struct setup_ctx *s, const char *path, const struct stat *st)
{
	_cleanup_free_ char *real = realpath(path, NULL);
	_cleanup_free_ char *stop = NULL;
	int r;

	if (!real) {
		setup_report(s, SETUP_ERROR, path, 0, -1, "cannot resolve: %s", strerror(errno));
		return -errno;
	}
	r = check_node(s, path, path, st, true);
	if (r < 0)
		return r;
	stop = boundary(s, real);
	return check_links(s, path, stop);
}
