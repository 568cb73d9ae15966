// SPDX-License-Identifier: GPL-2.0-or-later
/* The state journal of setup and teardown: record names and their meaning. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"

static int put(const struct setup_ctx *s, unsigned int id, const char *what,
	       const char *contents)
{
	char name[64];

	snprintf(name, sizeof(name), "zram%u.%s", id, what);
	return zswapctl_state_write(s->zctx, name, contents);
}

/* The record's first line, or NULL when there is none (or it is empty). */
static char *get(const struct setup_ctx *s, unsigned int id, const char *what)
{
	char name[64], *value = NULL;

	snprintf(name, sizeof(name), "zram%u.%s", id, what);
	if (zswapctl_state_read(s->zctx, name, &value) < 0)
		return NULL;
	if (!value[0]) {
		free(value);
		return NULL;
	}
	return value;
}

static bool has(const struct setup_ctx *s, unsigned int id, const char *what)
{
	char name[64], *value = NULL;

	snprintf(name, sizeof(name), "zram%u.%s", id, what);
	if (zswapctl_state_read(s->zctx, name, &value) < 0)
		return false;
	free(value);
	return true;
}

static void drop(const struct setup_ctx *s, unsigned int id, const char *what)
{
	char name[64];

	snprintf(name, sizeof(name), "zram%u.%s", id, what);
	zswapctl_state_remove(s->zctx, name);
}

int state_mark_created(const struct setup_ctx *s, unsigned int id)
{
	return put(s, id, "created", NULL);
}

bool state_was_created(const struct setup_ctx *s, unsigned int id)
{
	return has(s, id, "created");
}

void state_forget(const struct setup_ctx *s, unsigned int id)
{
	drop(s, id, "created");
}

void state_forget_device(const struct setup_ctx *s, unsigned int id)
{
	drop(s, id, "created");
	drop(s, id, "algorithm");
	drop(s, id, "loop");
	drop(s, id, "crypt");
	drop(s, id, "mount");
}

int state_mark_crypt(const struct setup_ctx *s, unsigned int id, const char *name)
{
	return put(s, id, "crypt", name);
}

char *state_crypt(const struct setup_ctx *s, unsigned int id)
{
	char expected[48], *name = get(s, id, "crypt");

	/* Only zramN's own mapping: teardown removes what this names, and
	 * no record may point it at someone else's. */
	snprintf(expected, sizeof(expected), "zswapctl-zram%u", id);
	if (name && strcmp(name, expected)) {
		free(name);
		return NULL;
	}
	return name;
}

void state_forget_crypt(const struct setup_ctx *s, unsigned int id)
{
	drop(s, id, "crypt");
}

int state_mark_loop(const struct setup_ctx *s, unsigned int id, const char *loopdev)
{
	return put(s, id, "loop", loopdev);
}

char *state_loop(const struct setup_ctx *s, unsigned int id)
{
	return get(s, id, "loop");
}

void state_forget_loop(const struct setup_ctx *s, unsigned int id)
{
	drop(s, id, "loop");
}

int state_mark_algorithm(const struct setup_ctx *s, unsigned int id, const char *alg)
{
	/* The first one recorded is the one the device had before zswapctl. */
	if (has(s, id, "algorithm"))
		return 0;
	return put(s, id, "algorithm", alg);
}

char *state_algorithm(const struct setup_ctx *s, unsigned int id)
{
	char *alg = get(s, id, "algorithm");

	drop(s, id, "algorithm");
	return alg;
}

int state_mark_written(const struct setup_ctx *s, unsigned int id, const char *settings)
{
	return put(s, id, "written", settings && *settings ? settings : NULL);
}

char *state_written(const struct setup_ctx *s, unsigned int id)
{
	return get(s, id, "written");
}

bool state_has_written(const struct setup_ctx *s, unsigned int id)
{
	return has(s, id, "written");
}

void state_forget_written(const struct setup_ctx *s, unsigned int id)
{
	drop(s, id, "written");
}

int state_mark_mounted(const struct setup_ctx *s, unsigned int id, const char *target)
{
	return put(s, id, "mount", target);
}

char *state_mounted(const struct setup_ctx *s, unsigned int id)
{
	return get(s, id, "mount");
}

void state_forget_mounted(const struct setup_ctx *s, unsigned int id)
{
	drop(s, id, "mount");
}

/* ---- [system] tunables: "system.KEY", "OLD WRITTEN" on one line ------- */

static void tunable_name(char *name, size_t len, const char *key)
{
	snprintf(name, len, "system.%s", key);
}

int state_tunable(const struct setup_ctx *s, const char *key, char **old, char **written)
{
	char name[64], *line = NULL, *space;
	int r;

	tunable_name(name, sizeof(name), key);
	r = zswapctl_state_read(s->zctx, name, &line);
	if (r < 0)
		return r;
	space = strchr(line, ' ');
	if (!space || !space[1] || strchr(space + 1, ' ')) {
		free(line); /* not ours to trust: as if there were none */
		return -ENOENT;
	}
	*space = '\0';
	*written = strdup(space + 1);
	*old = line;
	if (!*written) {
		free(line);
		return -ENOMEM;
	}
	return 0;
}

int state_mark_tunable(const struct setup_ctx *s, const char *key, const char *old,
		       const char *written, bool *created)
{
	char name[64], *first = NULL, *last = NULL, *line = NULL;
	int r;

	tunable_name(name, sizeof(name), key);
	*created = state_tunable(s, key, &first, &last) < 0;
	if (asprintf(&line, "%s %s", *created ? old : first, written) < 0)
		line = NULL;
	free(first);
	free(last);
	if (!line)
		return -ENOMEM;
	r = zswapctl_state_write(s->zctx, name, line);
	free(line);
	return r;
}

void state_forget_tunable(const struct setup_ctx *s, const char *key)
{
	char name[64];

	tunable_name(name, sizeof(name), key);
	zswapctl_state_remove(s->zctx, name);
}
