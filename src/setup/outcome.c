// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What a run says about each device beyond its steps: the devices left out
 * and why, the features a device goes without. Taken from the diagnostics
 * as they pass, so the text a user reads and the JSON a script reads are
 * the same words.
 */
#include <stdlib.h>
#include <string.h>

#include "actions.h"

static bool note_add(struct plan_note **notes, size_t *n, int dev_id, int status,
		     const char *message)
{
	struct plan_note *bigger = realloc(*notes, (*n + 1) * sizeof(*bigger));
	char *copy = strdup(message ? message : "");

	if (!bigger || !copy) {
		free(copy);
		if (bigger)
			*notes = bigger;
		return false;
	}
	*notes = bigger;
	bigger[*n] = (struct plan_note){ .dev_id = dev_id, .status = status, .message = copy };
	(*n)++;
	return true;
}

static void record(const struct setup_diag *d, void *userdata)
{
	struct recorder *rec = userdata;
	const struct setup_ctx *outer = rec->outer;

	if (outer->diag)
		outer->diag(d, outer->userdata);
	if (d->severity == SETUP_ERROR) {
		/* The first says why; what follows (a rollback) says what else. */
		if (!rec->error)
			rec->error = strdup(d->message);
	} else if (d->severity == SETUP_WARNING) {
		/* Also those about no one device (zswap, a [system] tunable the
		 * kernel lacks): --json shows warnings only here. */
		if (!note_add(&rec->plan->warnings, &rec->plan->nwarnings, d->device, 0,
			      d->message))
			rec->oom = true;
	}
}

void recorder_init(struct recorder *rec, const struct setup_ctx *outer, struct plan *plan)
{
	memset(rec, 0, sizeof(*rec));
	rec->ctx = *outer;
	rec->ctx.diag = record;
	rec->ctx.userdata = rec;
	rec->outer = outer;
	rec->plan = plan;
}

void recorder_begin(struct recorder *rec)
{
	free(rec->error);
	rec->error = NULL;
}

void recorder_fail(struct recorder *rec, int dev_id, int status)
{
	if (!note_add(&rec->plan->failed, &rec->plan->nfailed, dev_id, status,
		      rec->error ? rec->error : "failed"))
		rec->oom = true;
}

void recorder_done(struct recorder *rec)
{
	free(rec->error);
	rec->error = NULL;
}

static void notes_free(struct plan_note *notes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(notes[i].message);
	free(notes);
}

void plan_notes_free(struct plan *plan)
{
	notes_free(plan->failed, plan->nfailed);
	notes_free(plan->warnings, plan->nwarnings);
	plan->failed = plan->warnings = NULL;
	plan->nfailed = plan->nwarnings = 0;
}

int plan_status(const struct plan *plan)
{
	if (plan->nfailed == 0)
		return SETUP_OK;
	if (plan->nfailed < plan->ndevices)
		return SETUP_FAILED;
	for (size_t i = 1; i < plan->nfailed; i++)
		if (plan->failed[i].status != plan->failed[0].status)
			return SETUP_FAILED;
	return plan->failed[0].status;
}
