/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Carrying out a plan, and undoing it when a step fails. */
#ifndef ZSWAPCTL_APPLY_H
#define ZSWAPCTL_APPLY_H

#include "plan.h"

/*
 * Runs the steps in order. On the first failure, prints what failed (device,
 * attribute, what to do), undoes every step already done in reverse order,
 * and returns EXIT_FAILED: the system is left as it was. *done counts the
 * steps that took effect (0 after a rollback).
 */
int plan_apply(struct cli *cli, const struct plan *plan, size_t *done);

/* Where setup remembers what it created, so teardown removes only that. */
int state_mark_created(struct cli *cli, unsigned int id);
bool state_was_created(struct cli *cli, unsigned int id);
void state_forget(struct cli *cli, unsigned int id);
/* The loop device setup attached for a file:PATH:SIZE backing. */
int state_mark_loop(struct cli *cli, unsigned int id, const char *loopdev);
char *state_loop(struct cli *cli, unsigned int id);
void state_forget_loop(struct cli *cli, unsigned int id);
/* The algorithm a device had before setup first changed it; reading it
 * forgets it. */
int state_mark_algorithm(struct cli *cli, unsigned int id, const char *alg);
char *state_algorithm(struct cli *cli, unsigned int id);

#endif
