/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The [system] section: kernel knobs that distributions set along with
 * zram swap (vm.page-cluster, vm.swappiness, vm.watermark_scale_factor,
 * MGLRU). Setup sets them and remembers what they were; teardown gives
 * them back. One row per tunable in tunables.c; the library reads and
 * writes them (the engine builds no /proc or /sys path).
 */
#ifndef ZSWAPCTL_SETUP_TUNABLES_H
#define ZSWAPCTL_SETUP_TUNABLES_H

#include "setup.h"

enum tunable {
	TUNABLE_PAGE_CLUSTER,
	TUNABLE_SWAPPINESS,
	TUNABLE_WATERMARK_SCALE_FACTOR,
	TUNABLE_MGLRU,
	TUNABLE_MAX
};

struct tunable_info {
	const char *key;	/* in [system]: "page-cluster" */
	const char *knob;	/* the kernel's name: "vm.page-cluster" */
	bool yes_no;		/* yes or no (MGLRU) rather than a number */
	unsigned int min, max;	/* numbers: what the key accepts */
	const char *doc;	/* one line, for messages and documentation */
};

const struct tunable_info *tunable_info(enum tunable t);
/* The tunable whose [system] key is KEY, or TUNABLE_MAX. */
enum tunable tunable_find(const char *key);
/* What the configuration's value is written as: "0", "180"; "y" or "n". */
void tunable_format(enum tunable t, unsigned int value, char *buf, size_t len);
/* The value as the configuration would write it: "0"; "yes" or "no". */
const char *tunable_config_word(enum tunable t, unsigned int value, char *buf, size_t len);

/* The kernel's value as it reads ("3", "0x0007"); -ENOENT when this kernel
 * lacks the knob. Free it. */
int tunable_read(const struct setup_ctx *s, enum tunable t, char **value);
/* Writes VALUE (tunable_format()'s, or one tunable_read() gave), and checks
 * the kernel kept it: -ERANGE when it stored something else. */
int tunable_write(const struct setup_ctx *s, enum tunable t, const char *value);
/* Whether LIVE (as read) is what writing VALUE gives: MGLRU's "y" is any
 * mask with MGLRU itself on. */
bool tunable_matches(enum tunable t, const char *live, const char *value);

/*
 * Teardown: gives every tunable setup changed its value from before setup,
 * unless it changed since (then it is left as it is, with a warning), and
 * forgets the record. RESTORED is called for each value written back.
 * 0, or the first error of a write or of reading a record (reported).
 */
int tunables_restore(const struct setup_ctx *s,
		     void (*restored)(const char *knob, const char *value, void *userdata),
		     void *userdata);

#endif
