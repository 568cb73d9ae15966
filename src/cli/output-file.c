// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --output FILE: standard output goes to a temporary file in FILE's
 * directory, which replaces FILE with rename(2) only once everything was
 * written, so that a reader (node_exporter's textfile collector) sees the
 * old page or the new one, never half of one.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int output_file_begin(struct output_file *o, const char *path)
{
	char *copy = strdup(path);
	int fd, r;

	struct stat st;

	memset(o, 0, sizeof(*o));
	o->saved = -1;
	/* never rename over a device, a directory or a pipe */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		free(copy);
		return -EINVAL;
	}
	if (!copy)
		return -ENOMEM;
	/* hidden, and not *.prom: the collector reads only *.prom files */
	r = asprintf(&o->tmp, "%s/.%s.XXXXXX", dirname(copy), basename((char *)path));
	free(copy);
	if (r < 0)
		return -ENOMEM;
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		r = -errno;
		free(o->tmp);
		o->tmp = NULL;
		return r;
	}
	/* what the collector and others need to read it (mkstemp gives 0600) */
	if (fchmod(fd, 0644) < 0 || fflush(stdout) != 0 ||
	    (o->saved = dup(STDOUT_FILENO)) < 0 || dup2(fd, STDOUT_FILENO) < 0) {
		r = -errno;
		close(fd);
		output_file_abort(o);
		return r;
	}
	close(fd);
	o->path = path;
	return 0;
}

static void restore_stdout(struct output_file *o)
{
	if (o->saved < 0)
		return;
	dup2(o->saved, STDOUT_FILENO);
	close(o->saved);
	o->saved = -1;
}

void output_file_abort(struct output_file *o)
{
	fflush(stdout);
	restore_stdout(o);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	o->tmp = NULL;
}

int output_file_commit(struct output_file *o)
{
	int r = 0;

	r = cli_stdout_error();
	if (r == 0 && fsync(STDOUT_FILENO) < 0)
		r = -errno;
	cli_stdout_clear_error();
	if (r < 0) {
		output_file_abort(o);
		return r;
	}
	restore_stdout(o);
	if (rename(o->tmp, o->path) < 0) {
		r = -errno;
		unlink(o->tmp);
	}
	free(o->tmp);
	o->tmp = NULL;
	return r;
}
