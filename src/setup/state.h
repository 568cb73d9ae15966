/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What setup remembers about the devices it changed, so teardown undoes
 * only that: the records of libzswapctl's journal under /run (gone at
 * reboot, as the devices are), one "zramN.WHAT" record per fact.
 */
#ifndef ZSWAPCTL_SETUP_STATE_H
#define ZSWAPCTL_SETUP_STATE_H

#include "setup.h"

/* Setup created zramN (hot_add): teardown removes it. */
int state_mark_created(const struct setup_ctx *s, unsigned int id);
bool state_was_created(const struct setup_ctx *s, unsigned int id);
void state_forget(const struct setup_ctx *s, unsigned int id);
/* Every record of zramN: for a device that no longer exists (taken under
 * the run lock), so a later device of that number is not taken for ours. */
void state_forget_device(const struct setup_ctx *s, unsigned int id);
/* The loop device setup attached for a file:PATH:SIZE backing; free it. */
int state_mark_loop(const struct setup_ctx *s, unsigned int id, const char *loopdev);
char *state_loop(const struct setup_ctx *s, unsigned int id);
void state_forget_loop(const struct setup_ctx *s, unsigned int id);
/* The dm-crypt mapping setup made over zramN's backing device (its name);
 * free it. */
int state_mark_crypt(const struct setup_ctx *s, unsigned int id, const char *name);
char *state_crypt(const struct setup_ctx *s, unsigned int id);
void state_forget_crypt(const struct setup_ctx *s, unsigned int id);
/* The algorithm a device had before setup first changed it (the first one
 * recorded stays); reading it forgets it. Free it. */
int state_mark_algorithm(const struct setup_ctx *s, unsigned int id, const char *alg);
char *state_algorithm(const struct setup_ctx *s, unsigned int id);

/* The mount point setup mounted the device on: teardown unmounts it
 * (and nothing it did not mount). Free it. */
int state_mark_mounted(const struct setup_ctx *s, unsigned int id, const char *target);
char *state_mounted(const struct setup_ctx *s, unsigned int id);
void state_forget_mounted(const struct setup_ctx *s, unsigned int id);

/* The write-only settings setup last wrote (algorithm_params,
 * recomp_algorithm), as "attr=value; ..."; "" when it wrote none. NULL
 * when there is no record or it is empty; has: whether there is one. */
int state_mark_written(const struct setup_ctx *s, unsigned int id, const char *settings);
char *state_written(const struct setup_ctx *s, unsigned int id);
bool state_has_written(const struct setup_ctx *s, unsigned int id);
void state_forget_written(const struct setup_ctx *s, unsigned int id);

/* A [system] tunable setup changed: "system.KEY" holds the value before
 * setup first changed it (the first one recorded stays) and the value it
 * last wrote. *created: there was no record before. */
int state_mark_tunable(const struct setup_ctx *s, const char *key, const char *old,
		       const char *written, bool *created);
/* -ENOENT: no record. Free both. */
int state_tunable(const struct setup_ctx *s, const char *key, char **old, char **written);
void state_forget_tunable(const struct setup_ctx *s, const char *key);

#endif
