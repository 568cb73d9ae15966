// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Which configuration files there are and in which order, apart from what
 * they say: the main files, then the drop-ins of every directory sorted by
 * name, a name in a later directory replacing the same name in an earlier
 * one (so /etc masks /usr/lib), all under the context's root. And how one
 * is opened and read line by line, the same for zswapctl's own files and
 * for the other tools' that `config import` reads.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "config-parse.h"
#include "system-paths.h"
#include "util.h"

/*
 * The directories and their order are the library's (system-paths.h):
 * systemd's order for zswapctl's own files, every main file read key by
 * key; zram-generator lets /run win over /etc and reads only the last main
 * file that exists.
 */
const struct config_layout config_layout_zswapctl = {
	.main_files = zswapctl_conf_main_files,
	.dropin_dirs = zswapctl_conf_dropin_dirs,
};

/* zram-generator.conf(5), for `config import`: its own order. */
const struct config_layout config_layout_zram_generator = {
	.main_files = zswapctl_zram_generator_main_files,
	.dropin_dirs = zswapctl_zram_generator_dropin_dirs,
	.last_main_only = true,
};

struct dropin {
	char *name;
	char *path;
};

static void dropins_free(struct dropin *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].name);
		free(d[i].path);
	}
	free(d);
}

static int dropin_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dropin *)a)->name, ((const struct dropin *)b)->name);
}

static bool has_control_char(const char *name)
{
	for (; *name; name++)
		if ((unsigned char)*name < ' ' || *name == 0x7f)
			return true;
	return false;
}

static bool is_conf_name(const char *name)
{
	size_t len = strlen(name);

	return name[0] != '.' && len >= 6 && !strcmp(name + len - 5, ".conf");
}

/* Adds DIR/NAME, or replaces the path of an earlier NAME. */
static int add_dropin(struct dropin **list, size_t *n, const char *dir, const char *name)
{
	struct dropin *grown;
	char *path;

	path = strjoin3(dir, "/", name);
	if (!path)
		return -ENOMEM;
	for (size_t j = 0; j < *n; j++) {
		if (!strcmp((*list)[j].name, name)) {
			free((*list)[j].path);
			(*list)[j].path = path;
			return 0;
		}
	}
	grown = realloc(*list, (*n + 1) * sizeof(**list));
	if (!grown) {
		free(path);
		return -ENOMEM;
	}
	*list = grown;
	grown[*n].path = path;
	grown[*n].name = strdup(name);
	if (!grown[*n].name) {
		free(path);
		return -ENOMEM;
	}
	(*n)++;
	return 0;
}

static int scan_dir(const struct setup_ctx *s, const char *dir, struct dropin **list,
		    size_t *n)
{
	struct dirent *de;
	DIR *dp = opendir(dir);
	int r = 0;

	struct stat st;

	if (!dp) {
		if (errno == ENOENT)
			return 0;
		/* A file written where the directory goes: its keys would be
		 * lost without a word. */
		if (errno == ENOTDIR) {
			setup_report(s, SETUP_WARNING, dir, 0, -1, "not a directory, so not read; "
				     "drop-ins go in a directory of this name, as NAME.conf files");
			return 0;
		}
		setup_report(s, SETUP_ERROR, dir, 0, -1, "cannot read the directory: %s",
			     strerror(errno));
		return -EINVAL;
	}
	/* A directory others may add files to is refused, empty or not. */
	if (fstat(dirfd(dp), &st) < 0 || config_trust_check(s, dir, &st) < 0) {
		closedir(dp);
		return -EINVAL;
	}
	while (r == 0 && (de = readdir(dp))) {
		if (!is_conf_name(de->d_name))
			continue;
		/* A newline in a name would break the "# from:" lines of
		 * config check's output, which must read back as a file. */
		if (has_control_char(de->d_name)) {
			setup_report(s, SETUP_WARNING, dir, 0, -1, "a drop-in whose name has a "
				     "control character is not read; rename it");
			continue;
		}
		r = add_dropin(list, n, dir, de->d_name);
	}
	closedir(dp);
	return r;
}

static int push(struct config_file_list *files, char *path)
{
	char **grown = realloc(files->paths, (files->count + 1) * sizeof(*grown));

	if (!grown) {
		free(path);
		return -ENOMEM;
	}
	files->paths = grown;
	grown[files->count++] = path;
	return 0;
}

void config_files_free(struct config_file_list *files)
{
	for (size_t i = 0; i < files->count; i++)
		free(files->paths[i]);
	free(files->paths);
	memset(files, 0, sizeof(*files));
}

/* The last main file that exists (zram-generator reads only that one). */
static int push_last_existing(const struct setup_ctx *s, const char *const *mains,
			      struct config_file_list *files)
{
	size_t n = 0;

	while (mains[n])
		n++;
	while (n-- > 0) {
		char *path;
		int r = zswapctl_ctx_resolve(s->zctx, mains[n], &path);

		if (r < 0)
			return r;
		if (access(path, F_OK) == 0)
			return push(files, path);
		free(path);
	}
	return 0;
}

int config_files_find_layout(const struct setup_ctx *s, const struct config_layout *layout,
			     struct config_file_list *files)
{
	struct dropin *dropins = NULL;
	size_t ndropins = 0;
	int r = 0;

	memset(files, 0, sizeof(*files));
	if (layout->last_main_only)
		r = push_last_existing(s, layout->main_files, files);
	for (size_t i = 0; !layout->last_main_only && layout->main_files[i] && r == 0; i++) {
		char *path;

		r = zswapctl_ctx_resolve(s->zctx, layout->main_files[i], &path);
		if (r == 0)
			r = push(files, path);
	}
	for (size_t i = 0; layout->dropin_dirs[i] && r == 0; i++) {
		_cleanup_free_ char *dir = NULL;

		r = zswapctl_ctx_resolve(s->zctx, layout->dropin_dirs[i], &dir);
		if (r == 0)
			r = scan_dir(s, dir, &dropins, &ndropins);
	}
	if (r == 0 && ndropins)
		qsort(dropins, ndropins, sizeof(*dropins), dropin_cmp);
	for (size_t i = 0; i < ndropins && r == 0; i++) {
		r = push(files, dropins[i].path);
		dropins[i].path = NULL;
	}
	dropins_free(dropins, ndropins);
	if (r < 0)
		config_files_free(files);
	return r;
}

int config_files_find(const struct setup_ctx *s, struct config_file_list *files)
{
	return config_files_find_layout(s, &config_layout_zswapctl, files);
}

int config_file_open(const struct setup_ctx *s, const char *path, FILE **f, struct stat *sb)
{
	int fd;

	*f = NULL;
	/* Non-blocking: a FIFO must not hang the open; it is refused below. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			return -ENOENT;
		setup_report(s, SETUP_ERROR, path, 0, -1, "cannot open: %s", strerror(errno));
		return -EINVAL;
	}
	if (fstat(fd, sb) < 0) {
		setup_report(s, SETUP_ERROR, path, 0, -1, "cannot read: %s", strerror(errno));
		close(fd);
		return -EINVAL;
	}
	/* A link to /dev/null masks a file of the same name (as systemd's). */
	if (S_ISCHR(sb->st_mode) && sb->st_rdev == makedev(1, 3)) {
		close(fd);
		return 1;
	}
	/* Not /dev/zero, a FIFO, a directory or a terminal: those never end,
	 * or read as nothing. */
	if (!S_ISREG(sb->st_mode) || sb->st_size > CONFIG_MAX_BYTES) {
		setup_report(s, SETUP_ERROR, path, 0, -1, "cannot read: %s; a configuration is "
			     "a regular file of at most %d KiB", S_ISREG(sb->st_mode) ?
			     "too large" : "not a regular file", CONFIG_MAX_BYTES / 1024);
		close(fd);
		return -EINVAL;
	}
	*f = fdopen(fd, "r");
	if (!*f) {
		close(fd);
		return -ENOMEM;
	}
	return 0;
}

int config_file_next_line(FILE *f, char *buf, size_t size, int *line)
{
	size_t len = 0;
	bool nul = false, too_long = false;
	int c;

	/* One that grows while it is read ends where the size check let it
	 * start. */
	if (ftell(f) > CONFIG_MAX_BYTES)
		return 0;
	/* Byte by byte, not fgets(): a NUL byte would end the line there for
	 * strlen(), and the rest would come back as the next line, shifting
	 * every line number after it. */
	errno = 0;
	while ((c = getc(f)) != EOF && c != '\n') {
		nul |= c == '\0';
		if (len + 1 < size) {
			buf[len++] = (char)c;
			continue;
		}
		/* The rest of a long line is skipped, up to the size limit. */
		too_long = true;
		if (ftell(f) > CONFIG_MAX_BYTES)
			break;
	}
	buf[len] = '\0';
	if (c == EOF && ferror(f))
		return -(errno ? errno : EIO);
	if (c == EOF && !len && !nul)
		return 0;
	(*line)++;
	if (nul || too_long) {
		buf[0] = '\0';
		return nul ? -EILSEQ : -E2BIG;
	}
	/* A UTF-8 byte order mark, as editors on other systems write it:
	 * inih and rust-ini (zram-generator) skip it too. */
	if (*line == 1 && !strncmp(buf, "\xEF\xBB\xBF", 3))
		memmove(buf, buf + 3, len - 2);
	return 1;
}
