/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * setup as data: the difference between the configuration and the live
 * devices, as an ordered list of steps, each with what undoes it. Computing
 * a plan touches nothing, so --dry-run prints exactly what setup would do.
 * What each action means, prints and undoes is one row of actions.c.
 */
#ifndef ZSWAPCTL_PLAN_H
#define ZSWAPCTL_PLAN_H

#include "conf.h"
#include "setup.h"

enum action {
	ACT_LOAD_MODULE,
	ACT_HOT_ADD,
	ACT_SWAPOFF,
	ACT_RESET,
	ACT_WRITE,
	ACT_SWAP_HEADER,
	ACT_SWAPON,
	ACT_ZSWAP_OFF,
	ACT_BACKING_FILE,
	ACT_LOOP_ATTACH,
	ACT_MAX
};

struct step {
	enum action action;
	unsigned int dev_id;
	char attr[32];		/* ACT_WRITE: the attribute */
	char *value;		/* ACT_WRITE: the value (NULL: the loop device
				 * attached before); ACT_LOAD_MODULE: options;
				 * ACT_BACKING_FILE, ACT_LOOP_ATTACH: the file */
	char *old_value;	/* ACT_WRITE: what undo writes back (NULL:
				 * nothing); ACT_RESET: the algorithm before */
	uint64_t size;		/* ACT_SWAP_HEADER, ACT_BACKING_FILE: bytes;
				 * ACT_RESET: the disksize before */
	int priority;		/* ACT_SWAPON: wanted; ACT_SWAPOFF: before */
	unsigned int swap_flags; /* ACT_SWAPON: SWAP_FLAG_DISCARD... */
	bool was_swap;		/* ACT_RESET: undo writes a swap header again */
};

struct plan {
	struct step *steps;
	size_t nsteps;
	bool zram_loaded; /* false: steps after ACT_LOAD_MODULE are provisional */
};

struct plan_options {
	bool force;
	char **only; /* device names from the command line; none: all */
	int nonly;
};

/*
 * Returns SETUP_OK with the plan, or after reporting why: SETUP_FAILED (a
 * change that needs a reset of a device in use without --force, a device
 * holding something that is not swap, out of memory), SETUP_UNSUPPORTED
 * (the kernel lacks an algorithm or swap_ops that was asked for).
 */
int plan_compute(const struct setup_ctx *s, const struct config *cfg,
		 const struct plan_options *opts, struct plan *plan);
void plan_free(struct plan *plan);

/* Plan printing: the step as text ("zram0: comp_algorithm = lz4") and as a
 * JSON object (the caller owns it), from the action table. */
void step_describe(const struct step *s, char *buf, size_t len);
struct json_object;
struct json_object *step_to_json(const struct step *s);
/* The plan as the JSON document of `setup --json`. */
struct json_object *plan_to_json(const struct plan *plan, bool dry_run, bool changed);

/*
 * Runs the steps in order, calling the progress callback after each. On the
 * first failure, reports what failed (device, attribute, what to do),
 * undoes every step already done in reverse order, and returns
 * SETUP_FAILED: the system is left as it was. *done counts the steps that
 * took effect (0 after a rollback).
 */
int plan_apply(const struct setup_ctx *s, const struct plan *plan, size_t *done);

#endif
