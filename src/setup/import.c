// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `config import`: what the readers of the other tools share, and the
 * traces of those tools that setup looks for.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import.h"
#include "util.h"

static const char *const tool_names[] = {
	[IMPORT_NONE] = NULL,
	[IMPORT_ZRAM_GENERATOR] = "zram-generator",
	[IMPORT_ZRAMSWAP] = "zramswap",
};

/* zram-tools' one file (zramswap(1)). */
#define ZRAMSWAP_CONFIG "/etc/default/zramswap"

enum import_tool import_tool_from_name(const char *name)
{
	for (size_t i = 1; i < ARRAY_SIZE(tool_names); i++)
		if (!strcmp(name, tool_names[i]))
			return (enum import_tool)i;
	return IMPORT_NONE;
}

const char *import_tool_name(enum import_tool tool)
{
	return (unsigned int)tool < ARRAY_SIZE(tool_names) ? tool_names[tool] : NULL;
}

void import_dropped(struct import_out *o, const char *file, int line, const char *fmt, ...)
{
	va_list args;

	o->dropped++;
	fputs("# not carried over: ", o->f);
	va_start(args, fmt);
	vfprintf(o->f, fmt, args);
	va_end(args);
	if (file)
		fprintf(o->f, " (%s:%d)", file, line);
	fputc('\n', o->f);
}

int import_open(const struct setup_ctx *s, const char *path, FILE **f)
{
	struct stat sb;
	int r = config_file_open(s, path, f, &sb);

	if (r == -ENOENT)
		setup_report(s, SETUP_ERROR, path, 0, -1, "cannot open: %s", strerror(ENOENT));
	else if (r == -ENOMEM)
		setup_error(s, -1, "out of memory");
	return r < 0 ? SETUP_FAILED : SETUP_OK;
}

int import_next_line(const struct setup_ctx *s, FILE *f, const char *path, char *buf,
		     size_t size, int *line)
{
	int r = config_file_next_line(f, buf, size, line);

	/* A read error (EIO) must not pass for the end of the file: the
	 * import would be missing what came after it, and say nothing. */
	if (r < 0 && r != -E2BIG)
		setup_report(s, SETUP_ERROR, path, *line + 1, -1, "cannot read: %s", strerror(-r));
	return r;
}

char *import_trim(char *s)
{
	size_t len;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
		       s[len - 1] == '\n'))
		s[--len] = '\0';
	return s;
}

/* The first of the tool's files under the root, or NULL. */
static char *first_file(const struct setup_ctx *s, enum import_tool tool)
{
	struct config_file_list files;
	char *path = NULL;

	if (tool == IMPORT_ZRAMSWAP) {
		if (zswapctl_ctx_resolve(s->zctx, ZRAMSWAP_CONFIG, &path) < 0)
			return NULL;
		if (access(path, F_OK) == 0)
			return path;
		free(path);
		return NULL;
	}
	if (config_files_find_layout(s, &config_layout_zram_generator, &files) < 0)
		return NULL;
	/* The main file is listed only when it exists; drop-ins always do. */
	for (size_t i = 0; i < files.count && !path; i++)
		if (access(files.paths[i], F_OK) == 0)
			path = strdup(files.paths[i]);
	config_files_free(&files);
	return path;
}

char *import_foreign_config(const struct setup_ctx *s, enum import_tool *tool)
{
	for (enum import_tool t = IMPORT_ZRAM_GENERATOR; t <= IMPORT_ZRAMSWAP; t++) {
		char *path = first_file(s, t);

		if (path) {
			*tool = t;
			return path;
		}
	}
	*tool = IMPORT_NONE;
	return NULL;
}

int import_zram_generator_owns(const struct setup_ctx *s, unsigned int id)
{
	char unit[64], dropin[64];

	/* What zram-generator(8) writes for a device it sets up. */
	snprintf(unit, sizeof(unit), "dev-zram%u.swap", id);
	snprintf(dropin, sizeof(dropin), "systemd-zram-setup@zram%u.service.d", id);
	return zswapctl_systemd_generated(s->zctx, unit) == 1 ||
	       zswapctl_systemd_generated(s->zctx, dropin) == 1;
}

#define ZRAM_GENERATOR_FILES \
	"{/usr/lib,/usr/local/lib,/etc,/run}/systemd/zram-generator.conf[.d]"

/*
 * True after reporting that TOOL (IMPORT_NONE: either; then set to the one
 * that has files) has no file at all under the root. A file that is there
 * but makes no device is something to import: an empty
 * /etc/systemd/zram-generator.conf is how a distribution's default is
 * turned off, and a zswapctl.conf without [zramN] turns it off too.
 */
static bool nothing_to_import(const struct setup_ctx *s, enum import_tool *tool)
{
	char *found;

	if (*tool == IMPORT_NONE) {
		found = import_foreign_config(s, tool);
		if (*tool == IMPORT_NONE)
			setup_error(s, -1, "no zram-generator configuration (%s) and no %s: "
				    "nothing to import", ZRAM_GENERATOR_FILES, ZRAMSWAP_CONFIG);
	} else {
		found = first_file(s, *tool);
		if (!found && *tool == IMPORT_ZRAMSWAP)
			setup_error(s, -1, "no %s: nothing to import", ZRAMSWAP_CONFIG);
		else if (!found)
			setup_error(s, -1, "no zram-generator configuration (%s): nothing to "
				    "import", ZRAM_GENERATOR_FILES);
	}
	free(found);
	return !found;
}

int config_import(const struct setup_ctx *s, enum import_tool tool, const char *file,
		  char **text, unsigned int *dropped)
{
	struct import_out o = { 0 };
	size_t len = 0;
	int r;

	*text = NULL;
	*dropped = 0;
	if (!file && nothing_to_import(s, &tool))
		return SETUP_FAILED;
	if (tool == IMPORT_NONE) /* a file named on the command line */
		tool = strstr(file, "zramswap") ? IMPORT_ZRAMSWAP : IMPORT_ZRAM_GENERATOR;
	o.f = open_memstream(text, &len);
	if (!o.f) {
		setup_error(s, -1, "out of memory");
		return SETUP_FAILED;
	}
	fprintf(o.f, "# zswapctl.conf(5) carried over from %s by 'zswapctl config import'.\n",
		import_tool_name(tool));
	if (tool == IMPORT_ZRAMSWAP)
		r = import_zramswap(s, file, &o);
	else
		r = import_zram_generator(s, file, &o);
	fclose(o.f);
	*dropped = o.dropped;
	if (r != SETUP_OK) {
		free(*text);
		*text = NULL;
	}
	return r;
}
