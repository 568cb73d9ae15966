// SPDX-License-Identifier: GPL-2.0-or-later
/* Executing setup's steps, undoing those done when one fails. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "actions.h"
#include "util.h"

struct zswapctl_dev *runner_dev(struct runner *rn, unsigned int id)
{
	struct zswapctl_dev **slot = &rn->devs[id % ARRAY_SIZE(rn->devs)];
	char name[32];

	if (*slot && zswapctl_dev_get_id(*slot) == id)
		return *slot;
	zswapctl_dev_unref(*slot);
	*slot = NULL;
	snprintf(name, sizeof(name), "zram%u", id);
	if (zswapctl_dev_new(rn->s->zctx, name, slot) < 0)
		return NULL;
	return *slot;
}

/* udev may open a device right after it changes (hot_add, reset) and the
 * kernel then refuses configuration with EBUSY: hold the device lock, and
 * retry for a while, as zramctl does. */
void runner_lock_device(struct runner *rn, struct zswapctl_dev *dev)
{
	unsigned int id = zswapctl_dev_get_id(dev);

	if (rn->lock_fd >= 0 && rn->locked_id == id)
		return;
	runner_unlock_device(rn);
	if (zswapctl_dev_lock(dev, &rn->lock_fd) == 0)
		rn->locked_id = id;
}

void runner_unlock_device(struct runner *rn)
{
	if (rn->lock_fd >= 0)
		close(rn->lock_fd);
	rn->lock_fd = -1;
}

int runner_write(struct zswapctl_dev *dev, const char *attr, const char *value)
{
	int r;

	for (int tries = 0;; tries++) {
		r = zswapctl_dev_write_attr(dev, attr, value);
		if (r != -EBUSY || tries >= 20)
			return r;
		nanosleep(&(struct timespec){ .tv_nsec = 50 * 1000 * 1000 }, NULL);
	}
}

/* The device a step's row needs opened, or NULL when it needs none;
 * -ENODEV in *r when it cannot be opened. */
static struct zswapctl_dev *step_dev(struct runner *rn, const struct step *s, int *r)
{
	struct zswapctl_dev *dev;

	*r = 0;
	if (action_info(s->action)->needs != NEEDS_DEVICE)
		return NULL;
	dev = runner_dev(rn, s->dev_id);
	if (!dev)
		*r = -ENODEV;
	return dev;
}

/* Undo one step that took effect. Best effort: a failure is reported and the
 * rest of the rollback goes on. */
static void undo_step(struct runner *rn, const struct step *s, const struct step_result *res)
{
	const struct action_info *a = action_info(s->action);
	struct zswapctl_dev *dev;
	char what[256];
	int r;

	if (!a->undo)
		return;
	step_describe(s, what, sizeof(what));
	dev = step_dev(rn, s, &r);
	if (r == 0)
		r = a->undo(rn, s, dev, res);
	if (r < 0)
		setup_error(rn->s, (int)s->dev_id, "rollback: could not undo '%s': %s; check "
			    "that device with 'zswapctl status' and undo it by hand",
			    what, strerror(-r));
	else
		setup_report(rn->s, SETUP_INFO, NULL, 0, (int)s->dev_id, "rolled back: %s", what);
}

static int do_step(struct runner *rn, const struct step *s, struct step_result *res)
{
	struct zswapctl_dev *dev = step_dev(rn, s, &(int){ 0 });

	if (action_info(s->action)->needs == NEEDS_DEVICE && !dev)
		return -ENODEV;
	return action_info(s->action)->run(rn, s, dev, res);
}

static void report_failure(const struct setup_ctx *ctx, const struct step *s, int r)
{
	const struct action_info *a = action_info(s->action);
	char what[256];

	step_describe(s, what, sizeof(what));
	if (a->failed)
		a->failed(ctx, s, what, r);
	else
		setup_error(ctx, (int)s->dev_id, "%s failed: %s; %s", what, strerror(-r),
			    setup_errno_advice(-r, NULL));
}

/* Steps i..end-1 are one group: one device's, or one step about none. */
static size_t group_end(const struct plan *plan, size_t i)
{
	const struct step *first = &plan->steps[i];
	size_t end = i + 1;

	if (action_info(first->action)->needs == NEEDS_NOTHING)
		return end;
	while (end < plan->nsteps && plan->steps[end].dev_id == first->dev_id &&
	       action_info(plan->steps[end].action)->needs != NEEDS_NOTHING)
		end++;
	return end;
}

/* One group's steps; on a failure, that group's done steps undone. */
static int apply_group(struct runner *rn, const struct setup_ctx *outer, const struct plan *plan,
		       struct step_result *results, size_t begin, size_t end)
{
	size_t i;
	int r = 0;

	for (i = begin; i < end; i++) {
		r = do_step(rn, &plan->steps[i], &results[i]);
		if (r < 0)
			break;
		if (outer->progress)
			outer->progress(&plan->steps[i], outer->userdata);
	}
	if (r == 0)
		return 0;
	report_failure(rn->s, &plan->steps[i], r);
	while (i-- > begin)
		undo_step(rn, &plan->steps[i], &results[i]);
	return r;
}

int plan_apply(const struct setup_ctx *s, struct plan *plan, size_t *done)
{
	struct step_result *results = calloc(plan->nsteps + 1, sizeof(*results));
	struct recorder rec;
	struct runner rn = { .lock_fd = -1 };
	size_t i, end;

	*done = 0;
	if (!results) {
		setup_error(s, -1, "out of memory");
		return SETUP_FAILED;
	}
	recorder_init(&rec, s, plan);
	rn.s = &rec.ctx;
	for (i = 0; i < plan->nsteps; i++)
		results[i].loop_fd = -1;
	for (i = 0; i < plan->nsteps; i = end) {
		const struct step *first = &plan->steps[i];
		bool one_device = action_info(first->action)->needs != NEEDS_NOTHING;

		end = group_end(plan, i);
		recorder_begin(&rec);
		if (apply_group(&rn, s, plan, results, i, end) == 0) {
			*done += end - i;
			continue;
		}
		if (one_device)
			setup_error(rn.s, (int)first->dev_id,
				    "zram%u is not set up: its changes were rolled back; the other "
				    "devices go on", first->dev_id);
		recorder_fail(&rec, one_device ? (int)first->dev_id : -1, SETUP_FAILED);
		runner_unlock_device(&rn);
	}
	runner_unlock_device(&rn);
	for (size_t k = 0; k < ARRAY_SIZE(rn.devs); k++)
		zswapctl_dev_unref(rn.devs[k]);
	for (size_t k = 0; k < plan->nsteps; k++) {
		/* zram holds the loop device now, or the rollback detached it. */
		if (results[k].loop_fd >= 0)
			close(results[k].loop_fd);
		free(results[k].loopdev);
		free(results[k].mapped);
	}
	free(results);
	if (rec.oom)
		setup_error(s, -1, "out of memory");
	recorder_done(&rec);
	return rec.oom ? SETUP_FAILED : plan_status(plan);
}
