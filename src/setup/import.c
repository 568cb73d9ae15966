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

int import_next_line(struct import_out *o, FILE *f, const char *path, char *buf,
		     size_t size, int *line)
{
	int r;

	/* Lines config check would refuse whole are left out, with why. */
	while ((r = config_file_next_line(f, buf, size, line)) == -E2BIG || r == -EILSEQ) {
		if (r == -E2BIG)
			import_dropped(o, path, *line, "a line longer than %zu characters", size - 2);
		else
			import_dropped(o, path, *line, "a line with a NUL byte (not text)");
	}
	/* A read error (EIO) must not pass for the end of the file: the
	 * import would be missing what came after it, and say nothing. */
	if (r < 0)
		setup_report(o->s, SETUP_ERROR, path, *line + 1, -1, "cannot read: %s",
			     strerror(-r));
	return r;
}

static void first_error(const struct setup_diag *d, void *userdata)
{
	char **why = userdata;

	if (d->severity == SETUP_ERROR && !*why)
		*why = strdup(d->message);
}

/* false when config check takes TEXT (with the rules between keys when
 * WHOLE); true when it refuses it, with its first reason in *why (free
 * it; NULL when out of memory). Its messages are not shown: the reason
 * goes into the import. */
static bool refused(const struct import_out *o, const char *text, bool whole, char **why)
{
	struct setup_ctx quiet = *o->s;
	struct config cfg;
	int r;

	*why = NULL;
	quiet.diag = first_error;
	quiet.userdata = why;
	quiet.progress = NULL;
	r = config_load_text(&quiet, "import", text, o->ram, whole, &cfg);
	if (r == 0) {
		config_free(&cfg);
		free(*why);
		*why = NULL;
		return false;
	}
	if (!*why && r != -ENOMEM)
		*why = strdup("config check refuses it");
	return true;
}

int import_section(struct import_out *o, unsigned int id, const char *file, int line)
{
	o->doc = o->f;
	o->section = NULL;
	o->section_len = 0;
	o->keys = strdup("");
	o->f = open_memstream(&o->section, &o->section_len);
	if (!o->f || !o->keys) {
		if (o->f)
			fclose(o->f);
		free(o->section);
		free(o->keys);
		o->keys = NULL;
		o->f = o->doc;
		o->doc = NULL;
		return -ENOMEM;
	}
	o->id = id;
	o->file = file;
	o->line = line;
	return 0;
}

bool import_key(struct import_out *o, const char *comment, const char *file, int line,
		const char *fmt, ...)
{
	_cleanup_free_ char *kv = NULL, *text = NULL;
	va_list args;
	size_t len;
	char *why, *keys;
	int r;

	va_start(args, fmt);
	r = vasprintf(&kv, fmt, args);
	va_end(args);
	if (r < 0 || asprintf(&text, "[zram%u]\n%s%s\n", o->id, o->keys, kv) < 0) {
		kv = NULL;
		text = NULL;
		import_dropped(o, file, line, "a line: out of memory");
		return false;
	}
	if (refused(o, text, false, &why)) {
		const char *reason = why ? why : "out of memory";

		/* Most reasons begin with the line itself: not twice. */
		len = strlen(kv);
		import_dropped(o, file, line, "%s: %s", kv, !strncmp(reason, kv, len) &&
			       !strncmp(reason + len, ": ", 2) ? reason + len + 2 : reason);
		free(why);
		return false;
	}
	keys = realloc(o->keys, strlen(o->keys) + strlen(kv) + 2);
	if (!keys) {
		import_dropped(o, file, line, "%s: out of memory", kv);
		return false;
	}
	o->keys = strcat(strcat(keys, kv), "\n");
	if (comment)
		fprintf(o->f, "%s\n", comment);
	fprintf(o->f, "%s\n", kv);
	return true;
}

/* A section config check refuses as a whole: its comments stay, each of
 * its keys is said not carried over. */
static void section_dropped(struct import_out *o, const char *why)
{
	char prefix[32];
	size_t len;

	snprintf(prefix, sizeof(prefix), "[zram%u]: ", o->id);
	len = strlen(prefix);
	import_dropped(o, o->file, o->line, "[zram%u]: %s; the device is not carried over",
		       o->id, strncmp(why, prefix, len) ? why : why + len);
	for (char *l = o->section, *end; l && *l; l = end + 1) {
		end = strchrnul(l, '\n');
		if (*l == '#')
			fprintf(o->f, "%.*s\n", (int)(end - l), l);
		else if (end > l)
			import_dropped(o, NULL, 0, "[zram%u] %.*s", o->id, (int)(end - l), l);
		if (!*end)
			break;
	}
}

int import_section_end(struct import_out *o)
{
	_cleanup_free_ char *text = NULL;
	char *why;
	int r = 0;

	fclose(o->f);
	o->f = o->doc;
	o->doc = NULL;
	if (!o->section || asprintf(&text, "[zram%u]\n%s", o->id, o->keys) < 0) {
		text = NULL;
		r = -ENOMEM;
	} else if (refused(o, text, true, &why)) {
		section_dropped(o, why ? why : "out of memory");
		free(why);
	} else {
		fprintf(o->f, "[zram%u]\n%s", o->id, o->section);
	}
	free(o->section);
	free(o->keys);
	o->section = o->keys = NULL;
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
		  uint64_t ram, char **text, unsigned int *dropped)
{
	struct import_out o = { .s = s, .ram = ram };
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
