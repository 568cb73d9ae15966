/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One round of the maintenance policy over the configured devices: gather
 * the policy's inputs from the system, ask policy.c what to do, do it
 * through reclaim.c, keep the state (policy-state.c) in
 * zswapctl_persist_*(). The CLI runs it once (`zswapctl maintain`) or on
 * timers (`--daemon`) and prints the report.
 */
#ifndef ZSWAPCTL_SETUP_MAINTAIN_H
#define ZSWAPCTL_SETUP_MAINTAIN_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "conf.h"
#include "policy.h"
#include "setup.h"

struct json_object;

/* What a daemon remembers between rounds: the kernel features found
 * missing, so that each is said once, and the state of its last round
 * where the file was left alone (see maintain_run()). */
struct maintain_session {
	struct maintain_seen {
		unsigned int id;
		unsigned int warned; /* 1 << enum maintain_skip */
		bool no_idle_age;    /* writing an age to idle was refused */
		bool have_state;     /* a round ran in this session: */
		struct maintain_state disk; /* what the file said after it */
		struct maintain_state mem;  /* the state after it */
	} *seen;
	size_t nseen;
};
void maintain_session_free(struct maintain_session *sess);

struct maintain_options {
	bool dry_run;
	char **only; /* device names; none: every device with a policy */
	size_t nonly;
	const struct maintain_clock *clock;
};

struct maintain_mode_result {
	enum reclaim_mode mode;
	enum maintain_skip skip; /* SKIP_NONE: ran (or would) */
	uint64_t pages;
};

struct maintain_result {
	unsigned int id;
	const struct config_device *conf;
	bool missing;		/* no such zram device now */
	bool state_fresh;	/* no usable state file: started afresh */
	bool state_newer;	/* a newer zswapctl's state file: skipped */
	bool state_saved;	/* the round wrote the state file */
	char *state_path;
	struct maintain_decision decision;
	struct maintain_state state; /* after the round (as it would be, dry run) */

	struct maintain_mode_result modes[RECLAIM_MODE_MAX];
	size_t nmodes;
	uint64_t written;	/* bytes */
	bool limit_reached;	/* the round's budget stopped it */

	bool recompressed;
	char recompress_cmd[160];
	uint64_t compr_before, compr_after;

	const char *failed;	/* the step that failed, NULL: none */
	int error;		/* its -errno */
};

struct maintain_report {
	bool dry_run;
	uint64_t time; /* realtime s */
	struct maintain_result *results;
	size_t nresults;
};
void maintain_report_free(struct maintain_report *rep);

/*
 * One round for each device of CFG with a policy (or those of o->only,
 * which must have one). Returns SETUP_OK, SETUP_INVALID (a named device
 * has no policy), SETUP_FAILED (a step failed; the report says which).
 * Missing kernel features are warnings, once per session.
 *
 * The state file is written only when the round changed it. In a session
 * that already ran a round (a daemon), a round that wrote nothing after a
 * round that wrote nothing leaves the file alone too: only the time of the
 * last round would change, and a daemon with nothing to do should not
 * write to the disk every round. The session keeps that time instead, for
 * as long as nobody else writes the file.
 */
enum setup_status maintain_run(const struct setup_ctx *s, const struct config *cfg,
			       const struct maintain_options *o, struct maintain_session *sess,
			       struct maintain_report *rep);

/* The earliest due time (realtime s) of the report's devices; 0: none. */
uint64_t maintain_report_next_due(const struct maintain_report *rep);

/* The persistent state file name of zramID ("maintain-zram0"). */
#define MAINTAIN_STATE_NAME_MAX (sizeof("maintain-") - 1 + ZRAM_NAME_MAX)
static inline void maintain_state_name(unsigned int id, char buf[MAINTAIN_STATE_NAME_MAX])
{
	zram_name(stpcpy(buf, "maintain-"), id);
}

/*
 * Reads it; false (and a fresh state) when missing or invalid; *ERROR:
 * 0 or -errno (-EBADMSG not valid, -EPROTONOSUPPORT a newer zswapctl's).
 * Inline: `stats` and `status` look for every device's state, and where
 * there is none (no policy) the look should not fault in a page of the
 * engine's code for an open() that fails (tests/bench/README.md).
 */
static inline bool maintain_state_load(struct zswapctl_ctx *zctx, unsigned int id,
				       struct maintain_state *st, int *error)
{
	char *text = NULL, name[MAINTAIN_STATE_NAME_MAX];
	size_t len = 0;
	int r;

	memset(st, 0, sizeof(*st));
	maintain_state_name(id, name);
	r = zswapctl_persist_read(zctx, name, &text, &len);
	if (r == 0 && (r = maintain_state_parse(text, len, st)) < 0) {
		memset(st, 0, sizeof(*st));
		if (r != -EPROTONOSUPPORT)
			r = -EBADMSG;
	}
	free(text);
	*error = r;
	return r == 0;
}

/* "writeback", "recompress", "writeback+recompress"; "none" for NULL. */
const char *maintain_policy_name(const struct maintain_policy *p);
/* When the next round of either kind is due as status and stats see it at
 * NOW (maintain_next_writeback_at() for writeback); 0: no policy. */
uint64_t maintain_next_round_at(const struct maintain_policy *p, const struct maintain_state *st,
				uint64_t now);

/* What status and stats show of a device's maintenance: its policy (NULL:
 * none configured) and state (the last rounds, today's writeback, the next
 * round) at NOW. */
struct json_object *maintain_summary_to_json(const struct maintain_policy *p,
					     const struct maintain_state *st, uint64_t now);

/* A policy as configured, and a report, as JSON. */
struct json_object *maintain_policy_to_json(const struct maintain_policy *p);
struct json_object *maintain_report_to_json(const struct maintain_report *rep);

#endif
