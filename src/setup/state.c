// SPDX-License-Identifier: GPL-2.0-or-later
/* The state journal of setup and teardown: record names and their meaning. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"

/* The journal's name of each record: "zramN.NAME". */
static const char *const record_names[STATE_RECORDS] = {
	[STATE_CREATED] = "created",
	[STATE_ALGORITHM] = "algorithm",
	[STATE_LOOP] = "loop",
	[STATE_CRYPT] = "crypt",
	[STATE_MOUNT] = "mount",
	[STATE_WRITTEN] = "written",
};

static void record_name(char *name, size_t len, unsigned int id, enum state_record rec)
{
	snprintf(name, len, "zram%u.%s", id, record_names[rec]);
}

int state_put(const struct setup_ctx *s, unsigned int id, enum state_record rec,
	      const char *contents)
{
	char name[64];

	record_name(name, sizeof(name), id, rec);
	return zswapctl_state_write(s->zctx, name, contents && *contents ? contents : NULL);
}

void state_crypt_name(unsigned int id, char name[static CRYPT_NAME_SIZE])
{
	snprintf(name, CRYPT_NAME_SIZE, "zswapctl-zram%u", id);
}

/* Only zramN's own mapping: teardown removes what a crypt record names,
 * and no record may point it at someone else's. */
static bool crypt_name_is_ours(unsigned int id, const char *name)
{
	char expected[CRYPT_NAME_SIZE];

	state_crypt_name(id, expected);
	return strcmp(name, expected) == 0;
}

char *state_get(const struct setup_ctx *s, unsigned int id, enum state_record rec)
{
	char name[64], *value = NULL;

	record_name(name, sizeof(name), id, rec);
	if (zswapctl_state_read(s->zctx, name, &value) < 0)
		return NULL;
	if (!value[0] || (rec == STATE_CRYPT && !crypt_name_is_ours(id, value))) {
		free(value);
		return NULL;
	}
	return value;
}

bool state_has(const struct setup_ctx *s, unsigned int id, enum state_record rec)
{
	char name[64], *value = NULL;

	record_name(name, sizeof(name), id, rec);
	if (zswapctl_state_read(s->zctx, name, &value) < 0)
		return false;
	free(value);
	return true;
}

void state_drop(const struct setup_ctx *s, unsigned int id, enum state_record rec)
{
	char name[64];

	record_name(name, sizeof(name), id, rec);
	zswapctl_state_remove(s->zctx, name);
}

void state_forget_device(const struct setup_ctx *s, unsigned int id)
{
	for (int rec = 0; rec < STATE_RECORDS; rec++)
		state_drop(s, id, (enum state_record)rec);
}

int state_mark_algorithm(const struct setup_ctx *s, unsigned int id, const char *alg)
{
	/* The first one recorded is the one the device had before zswapctl. */
	if (state_has(s, id, STATE_ALGORITHM))
		return 0;
	return state_put(s, id, STATE_ALGORITHM, alg);
}

char *state_algorithm(const struct setup_ctx *s, unsigned int id)
{
	char *alg = state_get(s, id, STATE_ALGORITHM);

	state_drop(s, id, STATE_ALGORITHM);
	return alg;
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
	/* The outputs are set only on success: a caller frees them then. */
	*written = strdup(space + 1);
	if (!*written) {
		free(line);
		return -ENOMEM;
	}
	*old = line;
	return 0;
}

int state_mark_tunable(const struct setup_ctx *s, const char *key, const char *old,
		       const char *written, bool *created)
{
	char name[64], *first = NULL, *last = NULL, *line = NULL;
	int r;

	tunable_name(name, sizeof(name), key);
	/* A record that cannot be read now is not absent: writing a new one
	 * would replace the value from before the first setup. */
	r = state_tunable(s, key, &first, &last);
	if (r < 0 && r != -ENOENT)
		return r;
	*created = r < 0;
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
