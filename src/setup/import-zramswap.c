// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * zram-tools' /etc/default/zramswap as zswapctl.conf. zramswap(1) sources
 * the file as shell and sets up zram0 alone: ALGO (default lz4), SIZE in
 * MiB (default 256) unless PERCENT of MemTotal, PRIORITY (default 100),
 * mkswap and swapon without discard. Assignments of those are carried
 * over; any other line is shell zswapctl does not run, and is said so.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "util.h"

enum zs_key { ZS_ALGO, ZS_SIZE, ZS_PERCENT, ZS_PRIORITY, ZS_MAX };

static const char *const zs_names[ZS_MAX] = { "ALGO", "SIZE", "PERCENT", "PRIORITY" };

struct zs_value {
	char value[256];
	int line; /* 0: not set */
};

/* "VALUE # comment": outside quotes, a word that starts with # ends the
 * line for the shell, which is how zramswap reads the file. */
static void strip_comment(char *v)
{
	char quote = 0;

	for (char *c = v; *c; c++) {
		if (quote) {
			if (*c == quote)
				quote = 0;
		} else if (*c == '"' || *c == '\'') {
			quote = *c;
		} else if (*c == ' ' || *c == '\t') {
			if (c[strspn(c, " \t")] == '#') {
				*c = '\0';
				return;
			}
		}
	}
}

/* NAME=VALUE, NAME="VALUE", NAME='VALUE', optionally after "export", and
 * optionally followed by a # comment. */
static bool assignment(char *l, char **name, char **value)
{
	char *eq = strchr(l, '='), *v;
	size_t len;

	if (!strncmp(l, "export ", 7))
		l = import_trim(l + 7);
	if (!eq || eq == l)
		return false;
	*eq = '\0';
	for (char *c = l; *c; c++)
		if (!(*c == '_' || (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		      (c > l && *c >= '0' && *c <= '9')))
			return false;
	v = eq + 1;
	strip_comment(v);
	len = strlen(v);
	if (len >= 2 && (v[0] == '"' || v[0] == '\'') && v[len - 1] == v[0]) {
		v[len - 1] = '\0';
		v++;
	}
	if (strpbrk(v, "$`\"' \t;|&"))
		return false; /* shell at work: not a plain value */
	*name = l;
	*value = v;
	return true;
}

static bool is_number(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

/* "# NAME=VALUE (FILE:LINE)" and "KEY = VALUE" under it, or zramswap's
 * default; a value config check refuses is not carried over. */
static void key(struct import_out *o, const char *path, const struct zs_value *v,
		const char *name, const char *key, const char *fallback)
{
	char comment[512];

	if (!v->line) {
		snprintf(comment, sizeof(comment), "# zramswap's default %s", name);
		import_key(o, comment, NULL, 0, "%s = %s", key, fallback);
		return;
	}
	snprintf(comment, sizeof(comment), "# %s=%s (%s:%d)", name, v->value, path, v->line);
	import_key(o, comment, path, v->line, "%s = %s", key, v->value);
}

/* PERCENT of MemTotal wins over SIZE in MiB (default 256). */
static void size(struct import_out *o, const char *path, const struct zs_value *v)
{
	char comment[512];

	if (v[ZS_PERCENT].line && is_number(v[ZS_PERCENT].value)) {
		snprintf(comment, sizeof(comment), "# PERCENT=%s (%s:%d)", v[ZS_PERCENT].value,
			 path, v[ZS_PERCENT].line);
		import_key(o, comment, path, v[ZS_PERCENT].line, "size = %s%%",
			   v[ZS_PERCENT].value);
		if (v[ZS_SIZE].line)
			import_dropped(o, path, v[ZS_SIZE].line, "SIZE=%s: PERCENT overrides it",
				       v[ZS_SIZE].value);
		return;
	}
	if (v[ZS_PERCENT].line)
		import_dropped(o, path, v[ZS_PERCENT].line, "PERCENT=%s: not a whole "
			       "number (zramswap's shell arithmetic fails on it)",
			       v[ZS_PERCENT].value);
	if (v[ZS_SIZE].line && is_number(v[ZS_SIZE].value)) {
		snprintf(comment, sizeof(comment), "# SIZE=%s (%s:%d)", v[ZS_SIZE].value, path,
			 v[ZS_SIZE].line);
		import_key(o, comment, path, v[ZS_SIZE].line, "size = %sM", v[ZS_SIZE].value);
	} else {
		import_key(o, "# zramswap's default SIZE", NULL, 0, "size = 256M");
	}
}

int import_zramswap(const struct setup_ctx *s, const char *file, struct import_out *o)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_fclose_ FILE *f = NULL;
	struct zs_value v[ZS_MAX] = { 0 };
	char buf[4096];
	int line = 0, r;

	if (file)
		path = strdup(file);
	else
		zswapctl_ctx_resolve(s->zctx, "/etc/default/zramswap", &path);
	if (!path) {
		setup_error(s, -1, "out of memory");
		return SETUP_FAILED;
	}
	if (import_open(s, path, &f) != SETUP_OK)
		return SETUP_FAILED;
	fprintf(o->f, "# From:\n#   %s\n", path);
	while (f && (r = import_next_line(o, f, path, buf, sizeof(buf), &line)) != 0) {
		char *l = import_trim(buf), *name, *value;
		int k;

		if (r < 0)
			return SETUP_FAILED;
		if (!*l || *l == '#')
			continue;
		if (!assignment(l, &name, &value)) {
			import_dropped(o, path, line, "'%s': shell that zswapctl does not run", l);
			continue;
		}
		for (k = 0; k < ZS_MAX; k++)
			if (!strcmp(name, zs_names[k]))
				break;
		if (k == ZS_MAX) {
			import_dropped(o, path, line, "%s=%s: zramswap does not use it", name, value);
			continue;
		}
		snprintf(v[k].value, sizeof(v[k].value), "%s", value);
		v[k].line = line;
	}
	fprintf(o->f, "\n");
	if (import_section(o, 0, path, 0) < 0) {
		setup_error(s, -1, "out of memory");
		return SETUP_FAILED;
	}
	size(o, path, v);
	key(o, path, &v[ZS_ALGO], "ALGO", "algorithm", "lz4");
	key(o, path, &v[ZS_PRIORITY], "PRIORITY", "swap-priority", "100");
	import_key(o, "# zramswap's swapon has no discard", NULL, 0, "discard = no");
	if (import_section_end(o) < 0) {
		setup_error(s, -1, "out of memory");
		return SETUP_FAILED;
	}
	return SETUP_OK;
}
