// SPDX-License-Identifier: GPL-2.0-or-later
/* Reading a snapshot: every file once, missing ones are simply absent. */
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "maintain.h"
#include "snapshot.h"

const enum zswapctl_group dev_groups[DEV_GROUPS] = {
	ZSWAPCTL_GROUP_MM,    ZSWAPCTL_GROUP_IO,    ZSWAPCTL_GROUP_BD,
	ZSWAPCTL_GROUP_DEBUG, ZSWAPCTL_GROUP_BLOCK, ZSWAPCTL_GROUP_SWAP_OPS,
};

/*
 * Both clocks by system call, not through the vDSO: its data pages (and
 * the paravirtual clock's, in a guest) are two page faults of a process
 * that runs for a millisecond, several times what two system calls cost;
 * `stats` and `status` are run that way, by scrapers and scripts. Only
 * where the kernel's timespec is libc's (a 64-bit long: 32-bit systems
 * with a 64-bit time_t have a system call of their own for it).
 */
static void snapshot_clocks(struct snapshot *snap)
{
#if defined(SYS_clock_gettime) && __SIZEOF_LONG__ == 8
	struct timespec now = { 0 };

	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &snap->monotonic);
	syscall(SYS_clock_gettime, CLOCK_REALTIME, &now);
	snap->wallclock = now.tv_sec;
#else
	clock_gettime(CLOCK_MONOTONIC, &snap->monotonic);
	snap->wallclock = time(NULL);
#endif
}

/* Absent files are normal (older kernels, no writeback, no series);
 * anything else is worth a warning that names the file. */
static int note_problem(struct cli *cli, struct snapshot *snap,
			const char *where, const char *file, int r)
{
	if (r == -ENOENT)
		return 0;
	if (r == -ENOMEM)
		return r;
	snap->problems++;
	/* where: the device the file belongs to; NULL for a system file,
	 * named whole by the library (zswapctl_group_file()). */
	cli_warn(cli, "%s%s%s: %s; reported as unknown", where ? where : "", where ? "/" : "", file,
		 r == -EINVAL || r == -ERANGE ? "unexpected contents (not the format this zswapctl knows)"
					      : strerror(-r));
	return 0;
}

/* Kernel text as every rendering can print it (utf8_sanitize()). */
static int sanitize(char **text)
{
	char *clean = utf8_sanitize(*text);

	if (!clean)
		return -ENOMEM;
	free(*text);
	*text = clean;
	return 0;
}

#define DEVICE_GONE 1

/* 0, DEVICE_GONE, or -ENOMEM. */
static int take_device(struct cli *cli, struct snapshot *snap,
		       struct dev_snapshot *d,
		       const struct zswapctl_swap_list *swaps)
{
	const char *name = zswapctl_dev_get_name(d->dev);
	const struct zswapctl_swap_area *area;
	int r, state_error;
	bool on;

	r = zswapctl_dev_read_u64(d->dev, "disksize", &d->disksize);
	/* Every zram device has disksize, on every kernel: without it the
	 * device was removed (hot_remove, the module unloaded) since it was
	 * named, and there is nothing left to read. */
	if (r == -ENOENT)
		return DEVICE_GONE;
	d->have_disksize = r == 0;
	if (r < 0 && (r = note_problem(cli, snap, name, "disksize", r)) < 0)
		return r;

	r = zswapctl_dev_read_algorithms(d->dev, &d->algs);
	if (r < 0 && (r = note_problem(cli, snap, name, "comp_algorithm", r)) < 0)
		return r;

	r = zswapctl_dev_read_backing_dev(d->dev, &d->backing_dev);
	d->have_backing_attr = r == 0;
	if (r < 0 && (r = note_problem(cli, snap, name, "backing_dev", r)) < 0)
		return r;
	d->backing_encrypted = d->backing_dev ?
		zswapctl_block_device_encrypted(cli->ctx, d->backing_dev) : -1;
	if (d->backing_encrypted < 0)
		d->backing_encrypted = -1;
	if (d->backing_dev && (r = sanitize(&d->backing_dev)) < 0)
		return r;

	r = zswapctl_dev_get_swap_ops(d->dev, &on);
	d->swap_ops = r == 0 ? on : -1;
	if (r < 0 && r != -ENOTSUP &&
	    (r = note_problem(cli, snap, name, "swap_ops", r)) < 0)
		return r;

	for (size_t i = 0; i < DEV_GROUPS; i++) {
		r = zswapctl_dev_read_counters(d->dev, dev_groups[i], &d->groups[i]);
		if (r < 0 && (r = note_problem(cli, snap, name,
					       zswapctl_group_file(dev_groups[i]), r)) < 0)
			return r;
	}

	d->have_maintain = maintain_state_load(cli->ctx, zswapctl_dev_get_id(d->dev), &d->maintain,
					       &state_error);

	area = swaps ? zswapctl_swap_list_find_dev(swaps, d->dev) : NULL;
	if (area) {
		d->swap_active = true;
		d->swap.priority = zswapctl_swap_area_get_priority(area);
		d->swap.size = zswapctl_swap_area_get_size(area);
		d->swap.used = zswapctl_swap_area_get_used(area);
	}
	return 0;
}

static void quiet(const struct setup_diag *d, void *userdata)
{
	(void)d;
	(void)userdata;
}

/* The configuration is read (libinih loaded) only when maintain has run for
 * a device: status and stats stay as cheap as before everywhere else. A
 * configuration with errors shows no policy; `config check` says why. */
static void attach_policies(struct cli *cli, struct snapshot *snap)
{
	struct setup_ctx s = { .zctx = cli->ctx, .diag = quiet };
	uint64_t ram = 0;
	bool any = false;

	for (size_t i = 0; i < snap->ndevs; i++)
		any |= snap->devs[i].have_maintain;
	if (!any || zswapctl_meminfo(cli->ctx, &ram, NULL) < 0 ||
	    config_load(&s, NULL, ram, &snap->cfg) < 0)
		return;
	snap->have_cfg = true;
	for (size_t i = 0; i < snap->ndevs; i++)
		for (size_t k = 0; k < snap->cfg.ndevices; k++)
			if (snap->cfg.devices[k].id == zswapctl_dev_get_id(snap->devs[i].dev) &&
			    maintain_policy_any(&snap->cfg.devices[k].policy))
				snap->devs[i].policy = &snap->cfg.devices[k].policy;
}

/* A device that is gone is said once, leaves the caller's list (so a
 * repeated report does not say it again) and counts as a problem. */
static void drop_gone_device(struct cli *cli, struct snapshot *snap,
			     struct zswapctl_dev **devs, size_t *ndevs, size_t i)
{
	cli_warn(cli, "%s: gone (removed since it was named); left out of the report",
		 zswapctl_dev_get_name(devs[i]));
	snap->problems++;
	zswapctl_dev_unref(devs[i]);
	memmove(&devs[i], &devs[i + 1], (*ndevs - i - 1) * sizeof(*devs));
	(*ndevs)--;
}

int snapshot_take(struct cli *cli, struct zswapctl_dev **devs, size_t *ndevs,
		  struct snapshot *snap)
{
	struct zswapctl_swap_list *swaps = NULL;
	int r;

	memset(snap, 0, sizeof(*snap));
	snapshot_clocks(snap);
	if (zswapctl_kernel_release(cli->ctx, &snap->kernel) < 0)
		snap->kernel = NULL;
	if (snap->kernel && (r = sanitize(&snap->kernel)) < 0)
		return r;

	r = zswapctl_swap_list_new(cli->ctx, &swaps);
	if (r < 0 && (r = note_problem(cli, snap, NULL, "/proc/swaps", r)) < 0)
		return r;

	snap->devs = calloc(*ndevs ? *ndevs : 1, sizeof(*snap->devs));
	if (!snap->devs) {
		zswapctl_swap_list_unref(swaps);
		return -ENOMEM;
	}
	r = 0;
	for (size_t i = 0; i < *ndevs;) {
		struct dev_snapshot *d = &snap->devs[snap->ndevs];

		d->dev = zswapctl_dev_ref(devs[i]);
		snap->ndevs++;
		r = take_device(cli, snap, d, swaps);
		if (r < 0)
			break;
		if (r == DEVICE_GONE) {
			snap->ndevs--;
			zswapctl_dev_unref(d->dev);
			memset(d, 0, sizeof(*d));
			drop_gone_device(cli, snap, devs, ndevs, i);
			r = 0;
			continue;
		}
		i++;
	}
	zswapctl_swap_list_unref(swaps);
	if (r < 0)
		return r;
	attach_policies(cli, snap);

	r = zswapctl_read_counters(cli->ctx, ZSWAPCTL_GROUP_VMSTAT, &snap->vmstat);
	if (r < 0 && (r = note_problem(cli, snap, NULL, zswapctl_group_file(ZSWAPCTL_GROUP_VMSTAT), r)) < 0)
		return r;
	r = zswapctl_read_counters(cli->ctx, ZSWAPCTL_GROUP_PSI, &snap->psi);
	if (r < 0 && (r = note_problem(cli, snap, NULL, zswapctl_group_file(ZSWAPCTL_GROUP_PSI), r)) < 0)
		return r;
	return 0;
}

void snapshot_clear(struct snapshot *snap)
{
	for (size_t i = 0; i < snap->ndevs; i++) {
		struct dev_snapshot *d = &snap->devs[i];

		zswapctl_dev_unref(d->dev);
		zswapctl_algorithms_unref(d->algs);
		free(d->backing_dev);
		for (size_t g = 0; g < DEV_GROUPS; g++)
			zswapctl_counters_unref(d->groups[g]);
	}
	free(snap->devs);
	free(snap->kernel);
	zswapctl_counters_unref(snap->vmstat);
	zswapctl_counters_unref(snap->psi);
	if (snap->have_cfg)
		config_free(&snap->cfg);
	memset(snap, 0, sizeof(*snap));
}

struct zswapctl_counters *dev_snapshot_group(const struct dev_snapshot *d,
					     enum zswapctl_group group)
{
	for (size_t i = 0; i < DEV_GROUPS; i++)
		if (dev_groups[i] == group)
			return d->groups[i];
	return NULL;
}

int dev_snapshot_get(const struct dev_snapshot *d, enum zswapctl_group group,
		     const char *field, uint64_t *value)
{
	struct zswapctl_counters *c = dev_snapshot_group(d, group);

	if (!c)
		return -ENODATA;
	return zswapctl_counters_get_by_name(c, field, value);
}

int snapshot_swap_ops_supported(const struct snapshot *snap)
{
	if (!snap->ndevs)
		return -1;
	for (size_t i = 0; i < snap->ndevs; i++)
		if (snap->devs[i].swap_ops >= 0)
			return 1;
	return 0;
}
