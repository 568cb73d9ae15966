/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * setup as data: the difference between the configuration and the live
 * devices, as an ordered list of steps, each with what undoes it. Computing
 * a plan touches nothing, so --dry-run prints exactly what setup would do.
 */
#ifndef ZSWAPCTL_PLAN_H
#define ZSWAPCTL_PLAN_H

#include "cli.h"
#include "conf.h"

enum action {
	ACT_LOAD_MODULE,  /* value: module options */
	ACT_HOT_ADD,
	ACT_SWAPOFF,
	ACT_RESET,
	ACT_WRITE,	  /* attr = value */
	ACT_SWAP_HEADER,  /* size */
	ACT_SWAPON,	  /* priority, flags */
	ACT_ZSWAP_OFF,
	ACT_BACKING_FILE, /* value: path, size */
	ACT_LOOP_ATTACH,  /* value: path; the next backing_dev write uses it */
};

struct step {
	enum action action;
	unsigned int dev_id;
	char attr[32];
	char *value;	 /* ACT_WRITE (NULL: the loop device attached before),
			  * ACT_LOAD_MODULE, ACT_BACKING_FILE, ACT_LOOP_ATTACH */
	char *old_value; /* ACT_WRITE: what undo writes back; NULL: nothing */
	uint64_t size;
	int priority;
	unsigned int flags; /* ACT_SWAPON: swapon flags; ACT_RESET: 1 if it was swap */
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

/* "zram0", "/dev/zram0" or "0" names device ID. */
bool plan_names_device(const char *name, unsigned int id);

/*
 * Returns EXIT_OK with the plan, or an exit code after printing why
 * (EXIT_FAILED: a change that needs a reset of a device in use without
 * --force, or a device holding something that is not swap; EXIT_UNSUPPORTED:
 * the kernel lacks an algorithm or swap_ops that was asked for).
 */
int plan_compute(struct cli *cli, const struct config *cfg,
		 const struct plan_options *opts, struct plan *plan);
void plan_free(struct plan *plan);

/* "zram0: write comp_algorithm = lz4" */
void step_describe(const struct step *s, char *buf, size_t len);
struct json_object;
struct json_object *step_to_json(const struct step *s);

#endif
