// SPDX-License-Identifier: GPL-2.0-or-later
/* The [system] tunables: the table, reading and writing them through the
 * library, and teardown's restore. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "tunables.h"
#include "util.h"

/*
 * The ranges are the kernel's own (mm/swap.c, mm/vmscan.c, mm/page_alloc.c
 * of 6.x); an older kernel with a smaller one refuses the write, and the
 * message says so. Swappiness above 100 (up to 200) favours swap over the
 * page cache: kernels before 5.8 refuse it.
 */
static const struct tunable_info tunables[TUNABLE_MAX] = {
	[TUNABLE_PAGE_CLUSTER] = { "page-cluster", "vm.page-cluster", false, 0, 31,
		"swap readahead: 2^N pages per swap-in; 0: the page alone" },
	[TUNABLE_SWAPPINESS] = { "swappiness", "vm.swappiness", false, 0, 200,
		"how readily anonymous memory is swapped rather than the page cache dropped" },
	[TUNABLE_WATERMARK_SCALE_FACTOR] = { "watermark-scale-factor",
		"vm.watermark_scale_factor", false, 1, 3000,
		"how early kswapd starts reclaiming, in 1/10000 of memory" },
	[TUNABLE_MGLRU] = { "mglru", "MGLRU (/sys/kernel/mm/lru_gen/enabled)", true, 0, 1,
		"the multi-generational LRU, where the kernel has it: yes or no" },
};

const struct tunable_info *tunable_info(enum tunable t)
{
	return (unsigned int)t < TUNABLE_MAX ? &tunables[t] : NULL;
}

enum tunable tunable_find(const char *key)
{
	for (int t = 0; t < TUNABLE_MAX; t++)
		if (!strcmp(key, tunables[t].key))
			return (enum tunable)t;
	return TUNABLE_MAX;
}

void tunable_format(enum tunable t, unsigned int value, char *buf, size_t len)
{
	if (tunables[t].yes_no)
		snprintf(buf, len, "%s", value ? "y" : "n");
	else
		snprintf(buf, len, "%u", value);
}

const char *tunable_config_word(enum tunable t, unsigned int value, char *buf, size_t len)
{
	if (tunables[t].yes_no)
		return value ? "yes" : "no";
	snprintf(buf, len, "%u", value);
	return buf;
}

/* MGLRU's mask from what is written or read: "y" every component, "n" none,
 * else a number ("0x0007"); false when it is none of these. */
static bool lru_gen_mask(const char *text, unsigned int *mask)
{
	char *end;
	unsigned long v;

	if (!strcmp(text, "y")) {
		*mask = ZSWAPCTL_LRU_GEN_ALL;
		return true;
	}
	if (!strcmp(text, "n")) {
		*mask = 0;
		return true;
	}
	errno = 0;
	v = strtoul(text, &end, 0);
	if (errno || end == text || *end || v > ZSWAPCTL_LRU_GEN_ALL)
		return false;
	*mask = (unsigned int)v;
	return true;
}

int tunable_read(const struct setup_ctx *s, enum tunable t, char **value)
{
	unsigned int mask;
	int r;

	if (t != TUNABLE_MGLRU)
		return zswapctl_sysctl_read(s->zctx, tunables[t].knob, value);
	r = zswapctl_lru_gen_get(s->zctx, &mask);
	if (r < 0)
		return r;
	/* As the kernel prints it. */
	return asprintf(value, "0x%04x", mask) < 0 ? -ENOMEM : 0;
}

bool tunable_matches(enum tunable t, const char *live, const char *value)
{
	unsigned int have, want;

	if (t != TUNABLE_MGLRU)
		return !strcmp(live, value);
	if (!lru_gen_mask(live, &have) || !lru_gen_mask(value, &want))
		return false;
	if (want == ZSWAPCTL_LRU_GEN_ALL) /* "y": MGLRU itself is on */
		return have & 1;
	return have == want;
}

int tunable_write(const struct setup_ctx *s, enum tunable t, const char *value)
{
	_cleanup_free_ char *back = NULL;
	unsigned int mask;
	int r;

	if (t != TUNABLE_MGLRU)
		return zswapctl_sysctl_write(s->zctx, tunables[t].knob, value);
	if (!lru_gen_mask(value, &mask))
		return -EINVAL;
	r = zswapctl_lru_gen_set(s->zctx, mask);
	if (r < 0)
		return r;
	r = tunable_read(s, t, &back);
	if (r < 0)
		return r;
	return tunable_matches(t, back, value) ? 0 : -ERANGE;
}

static int restore_one(const struct setup_ctx *s, enum tunable t,
		       void (*restored)(const char *knob, const char *value, void *userdata),
		       void *userdata)
{
	const struct tunable_info *ti = &tunables[t];
	_cleanup_free_ char *old = NULL, *written = NULL, *live = NULL;
	int r;

	r = state_tunable(s, ti->key, &old, &written);
	if (r == -ENOENT)
		return 0;
	if (r < 0) {
		setup_error(s, -1, "%s: cannot read what setup recorded of it: %s; its value from "
			    "before setup is not given back: set it by hand", ti->knob, strerror(-r));
		return r;
	}
	r = tunable_read(s, t, &live);
	if (r == -ENOENT) {
		state_forget_tunable(s, ti->key);
		return 0;
	}
	if (r == 0 && !tunable_matches(t, live, written)) {
		/* Someone set it since: theirs now, not ours to undo. */
		setup_warn(s, -1, "%s is %s, not the %s setup wrote: left as it is (it was %s "
			   "before setup)", ti->knob, live, written, old);
		state_forget_tunable(s, ti->key);
		return 0;
	}
	if (r == 0)
		r = tunable_write(s, t, old);
	if (r < 0) {
		setup_error(s, -1, "%s: cannot give it back its value from before setup, %s: %s; "
			    "set it by hand", ti->knob, old, strerror(-r));
		return r;
	}
	state_forget_tunable(s, ti->key);
	if (restored)
		restored(ti->knob, old, userdata);
	return 0;
}

int tunables_restore(const struct setup_ctx *s,
		     void (*restored)(const char *knob, const char *value, void *userdata),
		     void *userdata)
{
	int first = 0;

	for (int t = 0; t < TUNABLE_MAX; t++) {
		int r = restore_one(s, (enum tunable)t, restored, userdata);

		if (r < 0 && first == 0)
			first = r;
	}
	return first;
}
