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

int plan_apply(const struct setup_ctx *s, const struct plan *plan, size_t *done)
{
	struct runner rn = { .s = s, .lock_fd = -1 };
	struct step_result *results = calloc(plan->nsteps + 1, sizeof(*results));
	size_t i;
	int r = 0;

	*done = 0;
	if (!results) {
		setup_error(s, -1, "out of memory");
		return SETUP_FAILED;
	}
	for (i = 0; i < plan->nsteps; i++)
		results[i].loop_fd = -1;
	for (i = 0; i < plan->nsteps; i++) {
		r = do_step(&rn, &plan->steps[i], &results[i]);
		if (r < 0)
			break;
		if (s->progress)
			s->progress(&plan->steps[i], s->userdata);
	}
	if (r < 0) {
		report_failure(s, &plan->steps[i], r);
		while (i-- > 0)
			undo_step(&rn, &plan->steps[i], &results[i]);
		setup_error(s, -1, "setup failed; every change it made was rolled back");
	}
	runner_unlock_device(&rn);
	for (size_t k = 0; k < ARRAY_SIZE(rn.devs); k++)
		zswapctl_dev_unref(rn.devs[k]);
	for (size_t k = 0; k < plan->nsteps; k++) {
		/* zram holds the loop device now, or the rollback detached it. */
		if (results[k].loop_fd >= 0)
			close(results[k].loop_fd);
		free(results[k].loopdev);
	}
	free(results);
	*done = r < 0 ? 0 : plan->nsteps;
	return r < 0 ? SETUP_FAILED : SETUP_OK;
}
