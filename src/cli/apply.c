// SPDX-License-Identifier: GPL-2.0-or-later
/* Executing setup's steps with an undo journal. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "apply.h"

struct runner {
	struct cli *cli;
	struct zswapctl_dev *devs[64]; /* opened on first use, by id % 64 */
	int lock_fd;
	unsigned int locked_id;
};

static const char *root_prefix(struct cli *cli)
{
	const char *root = zswapctl_ctx_get_root(cli->ctx);

	return strcmp(root, "/") ? root : "";
}

static char *state_path(struct cli *cli, unsigned int id)
{
	char *path;

	if (asprintf(&path, "%s/run/zswapctl/zram%u.created", root_prefix(cli), id) < 0)
		return NULL;
	return path;
}

int state_mark_created(struct cli *cli, unsigned int id)
{
	char *path = state_path(cli, id), dir[4096];
	int fd;

	if (!path)
		return -ENOMEM;
	snprintf(dir, sizeof(dir), "%s/run/zswapctl", root_prefix(cli));
	mkdir(dir, 0755);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	free(path);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

bool state_was_created(struct cli *cli, unsigned int id)
{
	char *path = state_path(cli, id);
	bool yes = path && access(path, F_OK) == 0;

	free(path);
	return yes;
}

void state_forget(struct cli *cli, unsigned int id)
{
	char *path = state_path(cli, id);

	if (path)
		unlink(path);
	free(path);
}

static struct zswapctl_dev *dev_of(struct runner *rn, unsigned int id)
{
	struct zswapctl_dev **slot = &rn->devs[id % 64];
	char name[32];

	if (*slot && zswapctl_dev_get_id(*slot) == id)
		return *slot;
	zswapctl_dev_unref(*slot);
	*slot = NULL;
	snprintf(name, sizeof(name), "zram%u", id);
	if (zswapctl_dev_new(rn->cli->ctx, name, slot) < 0)
		return NULL;
	return *slot;
}

/* udev may open a device right after it changes (hot_add, reset) and the
 * kernel then refuses configuration with EBUSY: hold the device lock, and
 * retry for a while, as zramctl does. */
static void lock_device(struct runner *rn, struct zswapctl_dev *dev)
{
	unsigned int id = zswapctl_dev_get_id(dev);

	if (rn->lock_fd >= 0 && rn->locked_id == id)
		return;
	if (rn->lock_fd >= 0)
		close(rn->lock_fd);
	rn->lock_fd = -1;
	if (zswapctl_dev_lock(dev, &rn->lock_fd) == 0)
		rn->locked_id = id;
}

static void unlock_device(struct runner *rn)
{
	if (rn->lock_fd >= 0)
		close(rn->lock_fd);
	rn->lock_fd = -1;
}

static int write_retrying(struct zswapctl_dev *dev, const char *attr, const char *value)
{
	int r;

	for (int tries = 0;; tries++) {
		r = zswapctl_dev_write_attr(dev, attr, value);
		if (r != -EBUSY || tries >= 20)
			return r;
		nanosleep(&(struct timespec){ .tv_nsec = 50 * 1000 * 1000 }, NULL);
	}
}

static int write_zswap(struct cli *cli, const char *value)
{
	char path[4096];
	int fd, r = 0;

	snprintf(path, sizeof(path), "%s/sys/module/zswap/parameters/enabled", root_prefix(cli));
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, value, strlen(value)) < 0)
		r = -errno;
	close(fd);
	return r;
}

/* Undo one step that took effect. Best effort: a failure is reported and the
 * rest of the rollback goes on. */
static void undo_step(struct runner *rn, const struct step *s)
{
	struct zswapctl_dev *dev = s->action == ACT_LOAD_MODULE ? NULL : dev_of(rn, s->dev_id);
	char what[256];
	int r = 0;

	step_describe(s, what, sizeof(what));
	switch (s->action) {
	case ACT_LOAD_MODULE:
	case ACT_SWAP_HEADER:
		return; /* a loaded module and a header on a reset device are harmless */
	case ACT_HOT_ADD:
		unlock_device(rn);
		r = dev ? zswapctl_dev_hot_remove(dev) : -ENODEV;
		if (r == 0)
			state_forget(rn->cli, s->dev_id);
		break;
	case ACT_SWAPOFF:
		r = dev ? zswapctl_dev_swapon(dev, s->priority, 0) : -ENODEV;
		break;
	case ACT_SWAPON:
		r = dev ? zswapctl_dev_swapoff(dev) : -ENODEV;
		break;
	case ACT_RESET:
		/* Configure it as it was; the old contents are gone either way
		 * (only --force resets a device that held swap). */
		if (!dev) {
			r = -ENODEV;
			break;
		}
		if (s->old_value)
			write_retrying(dev, "comp_algorithm", s->old_value);
		if (s->size) {
			char size[32];

			snprintf(size, sizeof(size), "%llu", (unsigned long long)s->size);
			r = write_retrying(dev, "disksize", size);
		}
		break;
	case ACT_WRITE:
		if (!dev) {
			r = -ENODEV;
		} else if (!strcmp(s->attr, "disksize")) {
			unlock_device(rn);
			r = zswapctl_dev_reset(dev);
		} else if (s->old_value) {
			r = write_retrying(dev, s->attr, s->old_value);
		}
		break;
	case ACT_ZSWAP_OFF:
		r = write_zswap(rn->cli, "Y");
		break;
	}
	if (r < 0)
		cli_error("rollback: could not undo '%s': %s", what, strerror(-r));
	else if (rn->cli->verbosity > 0)
		fprintf(stderr, "zswapctl: rolled back: %s\n", what);
}

static int do_step(struct runner *rn, const struct step *s)
{
	struct zswapctl_dev *dev = NULL;
	bool builtin = false;
	int r;

	if (s->action != ACT_LOAD_MODULE && s->action != ACT_ZSWAP_OFF &&
	    s->action != ACT_HOT_ADD) {
		dev = dev_of(rn, s->dev_id);
		if (!dev)
			return -ENODEV;
	}
	switch (s->action) {
	case ACT_LOAD_MODULE:
		r = zswapctl_module_load(rn->cli->ctx, "zram", s->value, &builtin);
		return r;
	case ACT_HOT_ADD: {
		struct zswapctl_dev *added;

		r = zswapctl_dev_hot_add(rn->cli->ctx, &added);
		if (r < 0)
			return r;
		if (zswapctl_dev_get_id(added) != s->dev_id) {
			/* hot_add takes the lowest free number; a gap in the
			 * numbering cannot be filled on purpose. */
			cli_error("hot_add created %s, not zram%u: configure devices in order "
				  "without gaps", zswapctl_dev_get_name(added), s->dev_id);
			zswapctl_dev_hot_remove(added);
			zswapctl_dev_unref(added);
			return -ENXIO;
		}
		zswapctl_dev_unref(added);
		state_mark_created(rn->cli, s->dev_id);
		return 0;
	}
	case ACT_SWAPOFF:
		return zswapctl_dev_swapoff(dev);
	case ACT_RESET:
		unlock_device(rn);
		return zswapctl_dev_reset(dev);
	case ACT_WRITE:
		lock_device(rn, dev);
		return write_retrying(dev, s->attr, s->value);
	case ACT_SWAP_HEADER:
		/* Our own lock fd would make the O_EXCL open fail. */
		unlock_device(rn);
		return zswapctl_dev_write_swap_header(dev, s->size, NULL, NULL);
	case ACT_SWAPON:
		unlock_device(rn);
		return zswapctl_dev_swapon(dev, s->priority, s->flags);
	case ACT_ZSWAP_OFF:
		return write_zswap(rn->cli, "N");
	}
	return -EINVAL;
}

static void report_failure(const struct step *s, int r)
{
	char what[256];

	step_describe(s, what, sizeof(what));
	switch (s->action) {
	case ACT_WRITE:
		cli_error("zram%u/%s: cannot write '%s': %s; %s", s->dev_id, s->attr, s->value,
			  strerror(-r), cli_errno_advice(-r, s->attr));
		break;
	case ACT_LOAD_MODULE:
		cli_error("cannot load the zram module: %s; is zram available for this kernel "
			  "(CONFIG_ZRAM)?", strerror(-r));
		break;
	case ACT_SWAPON:
		cli_error("%s failed: %s%s", what, strerror(-r),
			  r == -EINVAL ? " (the swap header was not accepted)" : "");
		break;
	default:
		cli_error("%s failed: %s; %s", what, strerror(-r), cli_errno_advice(-r, NULL));
		break;
	}
}

int plan_apply(struct cli *cli, const struct plan *plan, size_t *done)
{
	struct runner rn = { .cli = cli, .lock_fd = -1 };
	size_t i;
	int r = 0;

	for (i = 0; i < plan->nsteps; i++) {
		char what[256];

		r = do_step(&rn, &plan->steps[i]);
		if (r < 0)
			break;
		if (cli->verbosity >= 0 && !cli->json) {
			step_describe(&plan->steps[i], what, sizeof(what));
			printf("%s\n", what);
		}
	}
	if (r < 0) {
		report_failure(&plan->steps[i], r);
		while (i-- > 0)
			undo_step(&rn, &plan->steps[i]);
		cli_error("setup failed; every change it made was rolled back");
	}
	unlock_device(&rn);
	for (size_t k = 0; k < 64; k++)
		zswapctl_dev_unref(rn.devs[k]);
	*done = r < 0 ? 0 : plan->nsteps;
	return r < 0 ? EXIT_FAILED : EXIT_OK;
}
