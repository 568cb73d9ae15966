/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The maintenance policy of `zswapctl maintain`: when to write back how much
 * of which kind of slot, and when to recompress which slots.
 *
 * A pure function of (configuration, state, counters, memory, clock): no
 * file, no sysfs, no clock read here, so that the unit tests drive it
 * through days of simulated time. maintain.c feeds it from the system and
 * carries out what it decides; policy-state.c keeps its state in a file.
 *
 * The anchors: ChromeOS swap_management (a round every few seconds, a
 * budget per round scaled by zram use, huge_idle, idle, huge in that order,
 * an idle age that shrinks exponentially from a day to minutes as
 * available memory falls, suspended time discounted) and Android's mmd (a
 * daily budget that survives reboots).
 */
#ifndef ZSWAPCTL_SETUP_POLICY_H
#define ZSWAPCTL_SETUP_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The kinds of slot zram's writeback and recompress attributes take, by
 * the kernel's own words. */
enum reclaim_mode {
	RECLAIM_HUGE_IDLE,
	RECLAIM_IDLE,
	RECLAIM_HUGE,
	RECLAIM_INCOMPRESSIBLE, /* writeback only: slots recompression could not shrink */
	RECLAIM_MODE_MAX
};
const char *reclaim_mode_name(enum reclaim_mode m);
/* -1 when NAME is none of them. */
int reclaim_mode_from_name(const char *name, size_t len);
/* The mode needs slots marked idle first. */
bool reclaim_mode_needs_idle(enum reclaim_mode m);

/* An idle age that follows available memory: MAX seconds when all memory
 * is available, falling exponentially towards MIN as it runs out. */
struct age_range {
	uint64_t min, max; /* seconds, min <= max */
};

struct maintain_policy {
	/* writeback: on when modes are configured */
	enum reclaim_mode modes[RECLAIM_MODE_MAX];
	size_t nmodes;
	uint64_t interval;	/* seconds between rounds */
	uint64_t backoff;	/* seconds after a round that wrote nothing */
	uint64_t round_min;	/* bytes: a smaller budget skips the round */
	uint64_t round_max;	/* bytes */
	unsigned int round_share; /* percent of the device's data; 0: round_max */
	uint64_t daily_limit;	/* bytes per 24 h; 0: none */
	struct age_range idle_age;

	/* recompression: on when recompress_interval is not 0 */
	uint64_t recompress_interval;
	enum reclaim_mode recompress_mode; /* huge_idle, idle or huge */
	struct age_range recompress_age;
	uint64_t recompress_threshold;	/* bytes; 0: every size */
	char *recompress_algorithm;	/* NULL: by priority, or every secondary */
	unsigned int recompress_priority; /* 0: not given */
	uint64_t recompress_max_pages;	/* 0: no cap */
};

/* The defaults a policy starts from (mmd's budgets, ChromeOS's ages). */
void maintain_policy_init(struct maintain_policy *p);
void maintain_policy_free(struct maintain_policy *p);
bool maintain_policy_writeback(const struct maintain_policy *p);
bool maintain_policy_recompress(const struct maintain_policy *p);
static inline bool maintain_policy_any(const struct maintain_policy *p)
{
	return maintain_policy_writeback(p) || maintain_policy_recompress(p);
}

#define MAINTAIN_BOOT_ID_LEN 36
#define MAINTAIN_SUSPENDS 8
#define MAINTAIN_DAY 86400

/* What survives between rounds and reboots, one per device. */
struct maintain_state {
	char boot_id[MAINTAIN_BOOT_ID_LEN + 1]; /* "": none seen yet */
	uint64_t day_start;	  /* realtime s the budget's 24 h began; 0: none */
	uint64_t day_written;	  /* bytes written back since day_start */
	uint64_t last_round;	  /* realtime s of the last writeback round; 0: none */
	uint64_t last_written;	  /* bytes it wrote */
	uint64_t last_recompress; /* realtime s of the last recompression; 0: none */
	uint64_t suspend_base;	  /* ms, boottime - monotonic when last looked (this boot) */
	struct maintain_suspend {
		uint64_t end;	   /* boottime s when it was seen over */
		uint64_t duration; /* s */
	} suspends[MAINTAIN_SUSPENDS]; /* oldest first */
	size_t nsuspends;
};

struct maintain_clock {
	uint64_t realtime;     /* s since the epoch: the day and the intervals */
	uint64_t boottime_ms;  /* CLOCK_BOOTTIME: counts suspend, as zram's ages do */
	uint64_t monotonic_ms; /* CLOCK_MONOTONIC: does not */
	const char *boot_id;   /* a reboot starts a new suspend history */
};

struct maintain_inputs {
	uint64_t mem_total, mem_available; /* bytes */
	uint64_t data_size;		   /* mm_stat orig_data_size: what the device holds */
	bool has_backing;		   /* a backing device is attached */
	bool has_writeback;		   /* the kernel can write back */
	bool has_idle_age;		   /* ... mark slots idle by age (access times) */
	bool has_recompress;		   /* ... recompress (multi-compression) */
};

/* Why a part of a round does nothing. */
enum maintain_skip {
	SKIP_NONE,
	SKIP_NO_POLICY,
	SKIP_NOT_DUE,
	SKIP_BACKOFF,
	SKIP_DAILY_LIMIT,
	SKIP_BELOW_MIN,
	SKIP_NO_BACKING,
	SKIP_NO_WRITEBACK,
	SKIP_NO_IDLE_AGE,
	SKIP_NO_RECOMPRESS,
	SKIP_NEWER_STATE,
	SKIP_MAX
};
/* "not-due", "daily-limit", ...: the JSON word. */
const char *maintain_skip_name(enum maintain_skip s);
/* One line of English. */
const char *maintain_skip_text(enum maintain_skip s);
/* The round was due but could do nothing (budget, kernel, device): it
 * counts as an empty round, so the next waits for the back-off. */
bool maintain_skip_was_due(enum maintain_skip s);

#define MAINTAIN_UNLIMITED UINT64_MAX

struct maintain_decision {
	enum maintain_skip writeback;	/* SKIP_NONE: write back now */
	uint64_t budget;		/* bytes this round */
	uint64_t daily_left;		/* bytes left today before the round; MAINTAIN_UNLIMITED */
	uint64_t idle_age;		/* s of awake idleness asked for */
	uint64_t idle_age_kernel;	/* s to write into idle: plus time suspended */
	uint64_t next_writeback;	/* realtime s the next round is due */

	enum maintain_skip recompress;
	uint64_t recompress_age;
	uint64_t recompress_age_kernel;
	uint64_t next_recompress;
};

/*
 * Brings STATE up to CLOCK: a new boot forgets the suspend history, time
 * spent suspended since the last look is recorded, and a budget day that
 * is over (or a clock set back before it) starts a new one.
 */
void maintain_observe(struct maintain_state *state, const struct maintain_clock *clock);

/* What to do now. STATE must have been observed at CLOCK. */
void maintain_decide(const struct maintain_policy *policy, const struct maintain_state *state,
		     const struct maintain_inputs *in, const struct maintain_clock *clock,
		     struct maintain_decision *d);

/* A writeback round that ran (WRITTEN bytes, 0 for an empty round). */
void maintain_account_writeback(struct maintain_state *state, const struct maintain_clock *clock,
				uint64_t written);
void maintain_account_recompress(struct maintain_state *state, const struct maintain_clock *clock);

/* An age in RANGE for the share of memory available (exported for tests). */
uint64_t maintain_age_for_memory(const struct age_range *range, uint64_t total,
				 uint64_t available);
/* AGE plus the time suspended within that much awake time before now. */
uint64_t maintain_age_with_suspend(const struct maintain_state *state,
				   const struct maintain_clock *clock, uint64_t age);
/* When the next round of each kind is due (realtime s; 0: now). */
uint64_t maintain_next_writeback(const struct maintain_policy *policy,
				 const struct maintain_state *state);
uint64_t maintain_next_recompress(const struct maintain_policy *policy,
				  const struct maintain_state *state);
/* The next writeback round as seen at NOW from the state file alone: a
 * daemon does not write down the empty rounds after an empty round, so
 * when the file's next round is past and its last round wrote nothing,
 * the rounds since went on every back-off; the next is the first of
 * those after NOW. */
uint64_t maintain_next_writeback_at(const struct maintain_policy *policy,
				    const struct maintain_state *state, uint64_t now);
/* The earliest of the next due times; 0 when nothing is configured. */
uint64_t maintain_next_due(const struct maintain_policy *policy,
			   const struct maintain_state *state);

/* What STATE says about today at NOW: bytes written back (0 once its 24 h
 * are over) and, with POLICY (may be NULL), what is left of the daily
 * budget (MAINTAIN_UNLIMITED: no daily limit or no policy). */
void maintain_today(const struct maintain_state *state, const struct maintain_policy *policy,
		    uint64_t now, uint64_t *written, uint64_t *left);

/*
 * The state file (policy-state.c): "KEY VALUE" lines, version first.
 * Parsing is strict (every key known, once, decimal without sign or
 * leading zeros, no overflow): -EINVAL for anything else, and the caller
 * starts afresh. The text is at most MAINTAIN_STATE_MAX bytes.
 * -EPROTONOSUPPORT: the header of a newer version ("zswapctl-maintain 2"),
 * a file this zswapctl must neither trust nor overwrite.
 */
#define MAINTAIN_STATE_MAX 1024
int maintain_state_parse(const char *text, size_t len, struct maintain_state *state);
/* Returns the length written, or -ENOSPC when BUF is too small. */
int maintain_state_format(const struct maintain_state *state, char *buf, size_t size);

#endif
