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

/* From the kernel's include/linux/swap.h; glibc has only SWAP_FLAG_DISCARD. */
#ifndef SWAP_FLAG_DISCARD_ONCE
#define SWAP_FLAG_DISCARD_ONCE 0x20000
#endif
#ifndef SWAP_FLAG_DISCARD_PAGES
#define SWAP_FLAG_DISCARD_PAGES 0x40000
#endif

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
	ACT_REMEMBER,
	ACT_CRYPT_OPEN,
	ACT_MKFS,
	ACT_MOUNT,
	ACT_UMOUNT,
	ACT_TUNABLE,
	ACT_MAX
};

struct step {
	enum action action;
	unsigned int dev_id;
	char attr[32];		/* ACT_WRITE: the attribute; ACT_MKFS,
				 * ACT_MOUNT: the filesystem type; ACT_TUNABLE:
				 * the [system] key */
	char *value;		/* ACT_WRITE: the value (NULL: the loop device
				 * attached before); ACT_LOAD_MODULE: options;
				 * ACT_BACKING_FILE, ACT_LOOP_ATTACH: the file;
				 * ACT_REMEMBER: the write-only settings;
				 * ACT_CRYPT_OPEN: the device below (NULL: the
				 * loop device attached before);
				 * ACT_MOUNT, ACT_UMOUNT: the mount point;
				 * ACT_TUNABLE: the value written */
	char *options;		/* ACT_MOUNT: fstab(5) options */
	char *old_value;	/* ACT_WRITE: what undo writes back (NULL:
				 * nothing); ACT_RESET: the algorithm before;
				 * ACT_TUNABLE: the kernel's value before */
	uint64_t size;		/* ACT_SWAP_HEADER, ACT_BACKING_FILE: bytes;
				 * ACT_RESET: the disksize before */
	int priority;		/* ACT_SWAPON: wanted; ACT_SWAPOFF: before */
	unsigned int swap_flags; /* ACT_SWAPON: SWAP_FLAG_DISCARD... */
	bool was_swap;		/* ACT_RESET: undo writes a swap header again */
	bool force;		/* ACT_BACKING_FILE: reuse a file not ours */
};

/* A configured device that gets no device, and why (config_skip). */
struct plan_skip {
	unsigned int dev_id;
	enum config_skip why;
};

/* What a run says about one device beyond its steps: why it was left out
 * (a failure), or what it goes without (a warning). */
struct plan_note {
	int dev_id;	/* -1: not about one device (zswap) */
	int status;	/* failures: SETUP_FAILED, SETUP_INVALID, SETUP_UNSUPPORTED */
	char *message;	/* the first error, or the warning, as reported */
};

/*
 * Each device is planned and applied on its own: one that cannot be set up
 * is left out (at plan time) or rolled back alone (at apply time) and
 * listed in failed[], and the others go on.
 */
struct plan {
	struct step *steps; /* each device's steps together, in device order */
	size_t nsteps;
	struct plan_skip *skipped;
	size_t nskipped;
	bool zram_loaded; /* false: steps after ACT_LOAD_MODULE are provisional */
	size_t ndevices;  /* configured devices this run is about */
	struct plan_note *failed;
	size_t nfailed;
	struct plan_note *warnings;
	size_t nwarnings;
};

struct plan_options {
	bool force;
	char **only; /* device names from the command line; none: all */
	int nonly;
};

/*
 * Computes the plan of every selected device; one that cannot be set up is
 * reported, left out and listed in plan->failed: SETUP_FAILED (a change
 * that needs a reset of a device in use without --force, a device holding
 * something that is not swap, a backing device in use), SETUP_INVALID (a
 * number hot_add cannot create), SETUP_UNSUPPORTED (the kernel lacks every
 * configured algorithm, or swap_ops asked for with "on"). What the kernel
 * or the system lacks for an optional feature (writeback, recompression,
 * algorithm parameters, a missing backing device) is a warning, and the
 * device is planned without it, unless backing-device-required says so.
 * Returns plan_status(plan); the plan is valid whatever it returns, except
 * out of memory (SETUP_FAILED, empty plan).
 */
int plan_compute(const struct setup_ctx *s, const struct config *cfg,
		 const struct plan_options *opts, struct plan *plan);
void plan_free(struct plan *plan);

/*
 * What the run's failures add up to: SETUP_OK when none; when every device
 * failed, for one reason, that reason's status; otherwise SETUP_FAILED (the
 * others were set up, the run still failed).
 */
int plan_status(const struct plan *plan);

/*
 * The device numbers the configuration asks for that hot_add cannot give
 * on this system (it takes the lowest free number): reported with the
 * section's file and line. SETUP_INVALID if any, else SETUP_OK. The check
 * plan_compute() makes, for `config check`.
 */
int plan_check_ids(const struct setup_ctx *s, const struct config *cfg);

/*
 * --find: the first free zram device, as zramctl --find means it: the
 * lowest-numbered device that exists and is not initialised (disksize 0,
 * so neither swap nor mounted) and that zram-generator's units do not own;
 * *exists true. When there is none: the number hot_add would give next,
 * *exists false (with zram not loaded: 0). SETUP_OK, or SETUP_FAILED out
 * of memory or when a device cannot be read (reported).
 */
int plan_find_free(const struct setup_ctx *s, unsigned int *id, bool *exists);

/* Plan printing: the step as text ("zram0: comp_algorithm = lz4") and as a
 * JSON object (the caller owns it), from the action table. */
void step_describe(const struct step *s, char *buf, size_t len);
struct json_object;
struct json_object *step_to_json(const struct step *s);
/* The plan as the JSON document of `setup --json`. */
struct json_object *plan_to_json(const struct plan *plan, bool dry_run, bool changed);

/*
 * Runs the steps in order, device by device, calling the progress callback
 * after each. When a step fails, reports what failed (device, attribute,
 * what to do), undoes that device's steps already done in reverse order,
 * adds the device to plan->failed and goes on with the next device.
 * Returns plan_status(plan); *done counts the steps that took effect and
 * stayed.
 */
int plan_apply(const struct setup_ctx *s, struct plan *plan, size_t *done);

/* The size a backing-device = file:PATH:SIZE gets from the free space
 * AVAIL of its filesystem and the size of the file already there
 * (EXISTING, 0: none), under backing-file-share and -keep-free: at most
 * SIZE, page aligned; 0 when that leaves less than PLAN_BACKING_FILE_MIN. */
#define PLAN_BACKING_FILE_MIN (1024 * 1024ULL)
#define PLAN_BACKING_FILE_ALIGN 4096ULL
uint64_t plan_backing_file_size(const struct config_device *d, uint64_t avail, uint64_t existing);

#endif
