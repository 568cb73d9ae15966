/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The setup engine: policy between the CLI (options, presentation) and
 * libzswapctl (the system). It reads the configuration, computes a plan,
 * applies it and keeps the state journal; it never prints and never exits:
 * everything it has to say goes to the diagnostics callback of its context,
 * as libmount's parser reports through mnt_table_set_parser_errcb().
 * See src/setup/README for how to add a key or an action.
 */
#ifndef ZSWAPCTL_SETUP_H
#define ZSWAPCTL_SETUP_H

#include <stdbool.h>
#include <stddef.h>

#include "libzswapctl.h"

/* What the engine's entry points return: the exit codes of interface.md,
 * so a command can return them as they are. */
enum setup_status {
	SETUP_OK = 0,
	SETUP_FAILED = 1,	/* refused or failed; the diagnostics say why */
	SETUP_INVALID = 2,	/* the configuration is wrong */
	SETUP_UNSUPPORTED = 3,	/* the running kernel lacks what was asked for */
};

enum setup_severity {
	SETUP_ERROR,
	SETUP_WARNING,
	SETUP_INFO, /* what happened, for -v (a step rolled back) */
};

struct setup_diag {
	enum setup_severity severity;
	/* Where: a configuration file with line (line 0: the file as a
	 * whole), "embedded default", a directory; NULL when the message is
	 * not about a place in the configuration. */
	const char *file;
	int line;
	int device;		/* N of zramN the message is about; -1: none */
	const char *message;	/* one line, no trailing newline */
};

struct step;

struct setup_ctx {
	struct zswapctl_ctx *zctx;
	void (*diag)(const struct setup_diag *d, void *userdata);
	/* Called after each step of plan_apply() took effect; may be NULL. */
	void (*progress)(const struct step *s, void *userdata);
	void *userdata;
};

/* Hands one message to the diagnostics callback (none set: dropped). */
void setup_vreport(const struct setup_ctx *s, enum setup_severity severity, const char *file,
		   int line, int device, const char *fmt, va_list args)
	__attribute__((format(printf, 6, 0)));
void setup_report(const struct setup_ctx *s, enum setup_severity severity,
		  const char *file, int line, int device, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
#define setup_error(s, dev, ...) setup_report(s, SETUP_ERROR, NULL, 0, dev, __VA_ARGS__)
#define setup_warn(s, dev, ...) setup_report(s, SETUP_WARNING, NULL, 0, dev, __VA_ARGS__)

/* What to do about a failed access to an attribute ATTR (may be NULL), by
 * errno: the advice that ends the engine's and the CLI's messages. */
const char *setup_errno_advice(int err, const char *attr);

/* "1.5G"-style sizes, as zramctl prints them. */
void setup_format_size(char *buf, size_t len, uint64_t bytes);
/* "2h 5min", "3min 12s", "40s": a duration in seconds, for people. */
void setup_format_duration(char *buf, size_t len, uint64_t seconds);

#endif
