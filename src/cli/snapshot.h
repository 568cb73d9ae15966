/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One read of everything the kernel says about a set of zram devices. */
#ifndef ZSWAPCTL_SNAPSHOT_H
#define ZSWAPCTL_SNAPSHOT_H

#include <time.h>

#include "cli.h"
#include "conf.h"

/* Device groups, in the order they are reported. */
#define DEV_GROUPS 6
extern const enum zswapctl_group dev_groups[DEV_GROUPS];

struct dev_snapshot {
	struct zswapctl_dev *dev;
	bool have_disksize;
	uint64_t disksize;
	struct zswapctl_algorithms *algs; /* NULL: unreadable */
	bool have_backing_attr;		  /* kernel built with writeback */
	char *backing_dev;		  /* NULL: none */
	int backing_encrypted;		  /* dm-crypt: 1 yes, 0 no, -1 unknown */
	int swap_ops;			  /* -1 unsupported, 0 off, 1 on */
	struct zswapctl_counters *groups[DEV_GROUPS]; /* NULL: absent */
	bool swap_active;
	struct {
		int priority;
		uint64_t size, used; /* bytes */
	} swap;
	/* `zswapctl maintain`: its state (once it has run for the device)
	 * and the policy configured for it (NULL: none). */
	bool have_maintain;
	struct maintain_state maintain;
	const struct maintain_policy *policy;
};

struct snapshot {
	struct timespec monotonic;
	time_t wallclock;
	char *kernel; /* NULL: unknown */
	struct dev_snapshot *devs;
	size_t ndevs;
	struct zswapctl_counters *vmstat; /* NULL: absent */
	struct zswapctl_counters *psi;	  /* NULL: absent */
	int problems; /* files that were present but unreadable or garbage */
	/* Read only when some device has maintenance state, for its policy. */
	struct config cfg;
	bool have_cfg;
};

/* Reads the devices and the system-wide groups; warnings name each file
 * that could not be parsed. A device removed since it was named is
 * warned about, counted in problems and taken out of DEVS (unreferenced;
 * *NDEVS shrinks). Fails only when out of memory. */
int snapshot_take(struct cli *cli, struct zswapctl_dev **devs, size_t *ndevs,
		  struct snapshot *snap);
void snapshot_clear(struct snapshot *snap);

/* Group of a device snapshot by its enum; NULL when absent. */
struct zswapctl_counters *dev_snapshot_group(const struct dev_snapshot *d,
					     enum zswapctl_group group);
/* Convenience: a field of a device group, -ENODATA when unknown. */
int dev_snapshot_get(const struct dev_snapshot *d, enum zswapctl_group group,
		     const char *field, uint64_t *value);
/* swap_ops support as a kernel-wide fact: -1 unknown (no devices). */
int snapshot_swap_ops_supported(const struct snapshot *snap);

#endif
