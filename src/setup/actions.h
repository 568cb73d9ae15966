/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The table of setup actions: one row per action says its name, what it
 * needs, how it reads in text and JSON, how it is done and undone, and how
 * its failure is explained. Internal to the engine (plan.c, plan-print.c,
 * apply.c).
 */
#ifndef ZSWAPCTL_SETUP_ACTIONS_H
#define ZSWAPCTL_SETUP_ACTIONS_H

#include "plan.h"

struct json_object;

/* What a step did that its undo needs to know. */
struct step_result {
	bool created;  /* ACT_BACKING_FILE: the file is new; ACT_TUNABLE: the
			* record is new */
	char *loopdev; /* ACT_LOOP_ATTACH */
	char *mapped;  /* ACT_CRYPT_OPEN: /dev/mapper/zswapctl-zramN */
	int loop_fd;   /* ACT_LOOP_ATTACH: held until the end of the run */
};

/* The state of one plan_apply(): devices opened, the device lock held. */
struct runner {
	const struct setup_ctx *s;
	/* The last device put in place for backing_dev: a loop device, or
	 * the dm-crypt mapping over it or over the block device. */
	const char *loopdev;
	struct zswapctl_dev *devs[64]; /* opened on first use, by id % 64 */
	int lock_fd;
	unsigned int locked_id;
};

enum action_needs {
	NEEDS_NOTHING,	 /* not about one device (the module, zswap) */
	NEEDS_ID,	 /* about zramN, which may not exist yet */
	NEEDS_DEVICE,	 /* zramN, opened before do and undo */
};

struct action_info {
	const char *name; /* "write": JSON "action", and text by default */
	enum action_needs needs;
	/* Text; NULL: "zramN: NAME". */
	void (*describe)(const struct step *s, char *buf, size_t len);
	/* Adds the fields after "action" and "device"; NULL: none. */
	void (*json)(const struct step *s, struct json_object *o);
	/* dev is NULL unless needs is NEEDS_DEVICE. 0 or -errno. */
	int (*run)(struct runner *rn, const struct step *s, struct zswapctl_dev *dev,
		   struct step_result *res);
	/* NULL: nothing to undo. 0 or -errno. */
	int (*undo)(struct runner *rn, const struct step *s, struct zswapctl_dev *dev,
		    const struct step_result *res);
	/* Explains a failure of run; NULL: "WHAT failed: ERROR; ADVICE". */
	void (*failed)(const struct setup_ctx *ctx, const struct step *s, const char *what, int r);
};

const struct action_info *action_info(enum action a);

/*
 * outcome.c: what plan_compute() and plan_apply() say about each device,
 * kept in the plan. The recorder stands between the engine and the
 * caller's context: every message goes on to the caller's callback, the
 * first error is kept for the failure of the device in hand, and warnings
 * about a device are added to plan->warnings.
 */
struct recorder {
	struct setup_ctx ctx; /* report here: the caller's, with our callback */
	const struct setup_ctx *outer;
	struct plan *plan;
	char *error; /* the first since recorder_begin() */
	bool oom;
};
void recorder_init(struct recorder *rec, const struct setup_ctx *outer, struct plan *plan);
/* Forgets the error: a new device begins. */
void recorder_begin(struct recorder *rec);
/* Adds dev_id (-1: none) to plan->failed with status and the error. */
void recorder_fail(struct recorder *rec, int dev_id, int status);
void recorder_done(struct recorder *rec);
void plan_notes_free(struct plan *plan);

/* The runner's devices and lock, shared by apply.c and the rows. */
struct zswapctl_dev *runner_dev(struct runner *rn, unsigned int id);
void runner_lock_device(struct runner *rn, struct zswapctl_dev *dev);
void runner_unlock_device(struct runner *rn);
/* A sysfs write, retried while udev holds the device (EBUSY). */
int runner_write(struct zswapctl_dev *dev, const char *attr, const char *value);

#endif
