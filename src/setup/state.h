/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What setup remembers about the devices it changed, so teardown undoes
 * only that: the records of libzswapctl's journal under /run (gone at
 * reboot, as the devices are), one "zramN.WHAT" record per fact.
 */
#ifndef ZSWAPCTL_SETUP_STATE_H
#define ZSWAPCTL_SETUP_STATE_H

#include "setup.h"

/* What a zramN record remembers (each is "zramN.NAME" in the journal):
 *   CREATED    setup created zramN (hot_add): teardown removes it
 *   ALGORITHM  the algorithm it had before setup first changed it: use
 *              state_mark_algorithm() and state_algorithm()
 *   LOOP       the loop device setup attached for a file:PATH:SIZE backing
 *   CRYPT      the dm-crypt mapping setup made over its backing device
 *              (state_get() returns only zswapctl-zramN, the device's own)
 *   MOUNT      the mount point setup mounted it on: teardown unmounts it
 *              (and nothing it did not mount)
 *   WRITTEN    the write-only settings setup last wrote (algorithm_params,
 *              recomp_algorithm) as "attr=value; ..."; empty when none
 */
enum state_record {
	STATE_CREATED,
	STATE_ALGORITHM,
	STATE_LOOP,
	STATE_CRYPT,
	STATE_MOUNT,
	STATE_WRITTEN,
	STATE_RECORDS
};

/* The name of the dm-crypt mapping setup makes for zramID ("zswapctl-zramID"):
 * the one a CRYPT record may name. */
#define CRYPT_NAME_SIZE 32
void state_crypt_name(unsigned int id, char name[static CRYPT_NAME_SIZE]);

/* CONTENTS NULL or "": an empty record (state_has() true, state_get() NULL). */
int state_put(const struct setup_ctx *s, unsigned int id, enum state_record rec,
	      const char *contents);
/* The record's first line; NULL when there is none or it is empty. Free it. */
char *state_get(const struct setup_ctx *s, unsigned int id, enum state_record rec);
bool state_has(const struct setup_ctx *s, unsigned int id, enum state_record rec);
void state_drop(const struct setup_ctx *s, unsigned int id, enum state_record rec);
/* Every record of zramN: for a device that no longer exists (taken under
 * the run lock), so a later device of that number is not taken for ours. */
void state_forget_device(const struct setup_ctx *s, unsigned int id);
/* The first algorithm recorded stays; reading it forgets it. Free it. */
int state_mark_algorithm(const struct setup_ctx *s, unsigned int id, const char *alg);
char *state_algorithm(const struct setup_ctx *s, unsigned int id);

/* A [system] tunable setup changed: "system.KEY" holds the value before
 * setup first changed it (the first one recorded stays) and the value it
 * last wrote. *created: there was no record before. */
int state_mark_tunable(const struct setup_ctx *s, const char *key, const char *old,
		       const char *written, bool *created);
/* -ENOENT: no record. Free both. */
int state_tunable(const struct setup_ctx *s, const char *key, char **old, char **written);
void state_forget_tunable(const struct setup_ctx *s, const char *key);

#endif
