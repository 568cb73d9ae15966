// SPDX-License-Identifier: GPL-2.0-or-later
/* Executing setup's steps with an undo journal. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "apply.h"

/* What a step did that its undo needs to know. */
struct step_result {
	bool created;  /* ACT_BACKING_FILE: the file is new */
	char *loopdev; /* ACT_LOOP_ATTACH */
	int loop_fd;   /* ACT_LOOP_ATTACH: held until the end of the run */
};

struct runner {
	struct cli *cli;
	const char *loopdev; /* the last one attached, for backing_dev */
	struct zswapctl_dev *devs[64]; /* opened on first use, by id % 64 */
	int lock_fd;
	unsigned int locked_id;
};

static const char *root_prefix(struct cli *cli)
{
	const char *root = zswapctl_ctx_get_root(cli->ctx);

	return strcmp(root, "/") ? root : "";
}

static char *state_file(struct cli *cli, unsigned int id, const char *what)
{
	char *path;

	if (asprintf(&path, "%s/run/zswapctl/zram%u.%s", root_prefix(cli), id, what) < 0)
		return NULL;
	return path;
}

static char *state_path(struct cli *cli, unsigned int id)
{
	return state_file(cli, id, "created");
}

static int state_write(struct cli *cli, unsigned int id, const char *what,
		       const char *contents)
{
	char *path = state_file(cli, id, what), dir[4096];
	int fd, r = 0;

	if (!path)
		return -ENOMEM;
	snprintf(dir, sizeof(dir), "%s/run/zswapctl", root_prefix(cli));
	mkdir(dir, 0755);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	free(path);
	if (fd < 0)
		return -errno;
	if (contents && write(fd, contents, strlen(contents)) < 0)
		r = -errno;
	close(fd);
	return r;
}

int state_mark_created(struct cli *cli, unsigned int id)
{
	return state_write(cli, id, "created", NULL);
}

int state_mark_loop(struct cli *cli, unsigned int id, const char *loopdev)
{
	return state_write(cli, id, "loop", loopdev);
}

/* One line of a state file, or NULL; with forget, the file goes too. */
static char *state_read(struct cli *cli, unsigned int id, const char *what,
			bool forget)
{
	char *path = state_file(cli, id, what), buf[256] = "";
	FILE *f = path ? fopen(path, "re") : NULL;

	if (path && forget)
		unlink(path);
	free(path);
	if (!f)
		return NULL;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return buf[0] ? strdup(buf) : NULL;
}

char *state_loop(struct cli *cli, unsigned int id)
{
	return state_read(cli, id, "loop", false);
}

int state_mark_algorithm(struct cli *cli, unsigned int id, const char *alg)
{
	char *path = state_file(cli, id, "algorithm");
	bool known = path && access(path, F_OK) == 0;

	free(path);
	/* The first one recorded is the one the device had before zswapctl. */
	return known ? 0 : state_write(cli, id, "algorithm", alg);
}

char *state_algorithm(struct cli *cli, unsigned int id)
{
	return state_read(cli, id, "algorithm", true);
}

void state_forget_loop(struct cli *cli, unsigned int id)
{
	char *path = state_file(cli, id, "loop");

	if (path)
		unlink(path);
	free(path);
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
static void undo_step(struct runner *rn, const struct step *s,
		      const struct step_result *res)
{
	struct zswapctl_dev *dev = s->action == ACT_LOAD_MODULE ? NULL : dev_of(rn, s->dev_id);
	char what[256];
	int r = 0;

	step_describe(s, what, sizeof(what));
	switch (s->action) {
	case ACT_LOAD_MODULE:
	case ACT_SWAP_HEADER:
		return; /* a loaded module and a header on a reset device are harmless */
	case ACT_BACKING_FILE:
		if (res->created) {
			char *path = NULL;

			if (asprintf(&path, "%s%s", root_prefix(rn->cli), s->value) >= 0 &&
			    unlink(path) < 0)
				r = -errno;
			free(path);
		}
		break;
	case ACT_LOOP_ATTACH:
		r = res->loopdev ? zswapctl_loop_detach(rn->cli->ctx, res->loopdev) : 0;
		break;
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
		/* The swapoff undone next needs a swap area to swap on. */
		if (r == 0 && s->size && s->flags)
			r = zswapctl_dev_write_swap_header(dev, s->size, NULL, NULL);
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
		cli_error("rollback: could not undo '%s': %s; check that device with "
			  "'zswapctl status' and undo it by hand", what, strerror(-r));
	else if (rn->cli->verbosity > 0)
		fprintf(stderr, "zswapctl: rolled back: %s\n", what);
}

static int do_step(struct runner *rn, const struct step *s,
		   struct step_result *res)
{
	struct zswapctl_dev *dev = NULL;
	bool builtin = false;
	int r;

	if (s->action != ACT_LOAD_MODULE && s->action != ACT_ZSWAP_OFF &&
	    s->action != ACT_HOT_ADD && s->action != ACT_BACKING_FILE &&
	    s->action != ACT_LOOP_ATTACH) {
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
	case ACT_BACKING_FILE:
		return zswapctl_backing_file_create(rn->cli->ctx, s->value, s->size, &res->created);
	case ACT_LOOP_ATTACH:
		r = zswapctl_loop_attach(rn->cli->ctx, s->value, &res->loopdev, &res->loop_fd);
		if (r == 0) {
			rn->loopdev = res->loopdev;
			state_mark_loop(rn->cli, s->dev_id, res->loopdev);
		}
		return r;
	case ACT_WRITE:
		lock_device(rn, dev);
		/* teardown gives a device it did not create its algorithm back */
		if (!strcmp(s->attr, "comp_algorithm") && s->old_value &&
		    !state_was_created(rn->cli, s->dev_id))
			state_mark_algorithm(rn->cli, s->dev_id, s->old_value);
		if (!s->value) /* backing_dev: the loop device attached just before */
			return rn->loopdev ? write_retrying(dev, s->attr, rn->loopdev) : -EINVAL;
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
		cli_error("zram%u/%s: cannot write '%s': %s; %s", s->dev_id, s->attr,
			  s->value ? s->value : "(loop device)", strerror(-r),
			  cli_errno_advice(-r, s->attr));
		break;
	case ACT_BACKING_FILE:
		cli_error("%s: %s", what,
			  r == -EEXIST ? "the file exists and was not created by zswapctl; "
					 "choose another path or remove it" :
			  r == -EFBIG  ? "zswapctl made this file with another size; remove it "
					 "or give its size" :
			  r == -ELOOP  ? "the path is a symbolic link; give the real path" :
					 strerror(-r));
		break;
	case ACT_LOAD_MODULE:
		if (r == -ENOPKG)
			cli_error("cannot load the zram module: libkmod (libkmod.so.2) is not "
				  "installed; install it, or load zram with modprobe");
		else
			cli_error("cannot load the zram module: %s; is zram available for this "
				  "kernel (CONFIG_ZRAM)?", strerror(-r));
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
	struct step_result *results = calloc(plan->nsteps + 1, sizeof(*results));
	size_t i;
	int r = 0;

	if (!results) {
		cli_error("out of memory");
		return EXIT_FAILED;
	}
	for (i = 0; i < plan->nsteps; i++)
		results[i].loop_fd = -1;
	for (i = 0; i < plan->nsteps; i++) {
		char what[256];

		r = do_step(&rn, &plan->steps[i], &results[i]);
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
			undo_step(&rn, &plan->steps[i], &results[i]);
		cli_error("setup failed; every change it made was rolled back");
	}
	unlock_device(&rn);
	for (size_t k = 0; k < 64; k++)
		zswapctl_dev_unref(rn.devs[k]);
	for (size_t k = 0; k < plan->nsteps; k++) {
		/* zram holds the loop device now, or the rollback detached it. */
		if (results[k].loop_fd >= 0)
			close(results[k].loop_fd);
		free(results[k].loopdev);
	}
	free(results);
	*done = r < 0 ? 0 : plan->nsteps;
	return r < 0 ? EXIT_FAILED : EXIT_OK;
}
