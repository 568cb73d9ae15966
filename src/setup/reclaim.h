/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Writeback and recompression, one call each, over libzswapctl's attribute
 * access: for `writeback`, `recompress` and `maintain` alike, so that the
 * three say the same to the kernel and count the same way.
 */
#ifndef ZSWAPCTL_SETUP_RECLAIM_H
#define ZSWAPCTL_SETUP_RECLAIM_H

#include <stddef.h>
#include <stdint.h>

#include "libzswapctl.h"
#include "policy.h"

/* Marks the slots untouched for AGE seconds idle (AGE NULL: every slot).
 * -EINVAL with an AGE: the kernel tracks no access times
 * (CONFIG_ZRAM_TRACK_ENTRY_ACTIME). */
int reclaim_mark_idle(struct zswapctl_dev *dev, const char *age);
int reclaim_mark_idle_age(struct zswapctl_dev *dev, uint64_t age);

/* Enables the kernel's writeback limit at PAGES (4 KiB units), or
 * disables it (enable false). */
int reclaim_set_limit(struct zswapctl_dev *dev, bool enable, uint64_t pages);

/* Writes back MODE ("idle", "huge", ...) slots; *pages is how many went
 * to the backing device (bd_writes moved), also after a failure. -EIO
 * with a limit enabled: the limit was reached. */
int reclaim_writeback(struct zswapctl_dev *dev, const char *mode, uint64_t *pages);

/* The parameters of one write to recompress; 0 / NULL: not given. */
struct reclaim_recompress {
	const char *type;	/* "idle", "huge", "huge_idle" */
	uint64_t threshold;	/* bytes */
	const char *algo;
	unsigned int priority;
	uint64_t max_pages;
};
/* The parameter string, as one write takes it; "" for every slot. */
int reclaim_recompress_command(const struct reclaim_recompress *rc, char *buf, size_t size);
/* Recompresses; *before and *after are compr_data_size around it. */
int reclaim_recompress(struct zswapctl_dev *dev, const struct reclaim_recompress *rc,
		       uint64_t *before, uint64_t *after);

#endif
