// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * LD_PRELOAD fault injection for the host tier: the FAILWRITE_NTH-th write()
 * to a file under /sys fails with EIO, so a test can make every sysfs write
 * of `zswapctl setup` fail in turn and check that the rollback leaves the
 * machine as it was. With FAILWRITE_LOG=FILE, every sysfs write appends
 * the file it went to (the resolved path under /sys) to FILE, a line each,
 * so a test sees which writes were made, in which order. With FAILSWAPON
 * set, swapon(2) fails with EINVAL (the last step of a setup).
 *
 * SIGKILL at every step: each step of a run is two events, one just
 * before it and one just after it took effect (a sysfs write, a write to
 * a /dev/zram or /dev/dm- node such as the swap header, swapon(2),
 * swapoff(2), the device-mapper ioctls that create, load, resume or
 * remove a mapping, and the loop ioctls that attach or detach a file), and
 * the read of zram-control/hot_add, which creates a device, is one event
 * after it. With FAILWRITE_KILL_AT=N the process
 * kills itself with SIGKILL at event N; with FAILWRITE_EVENTS=FILE each
 * event appends "N before|after WHAT" to FILE. A run that ends without
 * being killed had fewer events than N. Test-only: built by make check,
 * never installed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/dm-ioctl.h>
#include <linux/loop.h>
#include <stdarg.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/swap.h>
#include <unistd.h>

static ssize_t (*real_write)(int, const void *, size_t);
static long sysfs_writes;
static long events;

/* One event of FAILWRITE_KILL_AT's count: logged, and the end of the
 * process when it is the one asked for. */
static void event(const char *when, const char *what)
{
	const char *at = getenv("FAILWRITE_KILL_AT");
	const char *file = getenv("FAILWRITE_EVENTS");

	if (!real_write)
		real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	events++;
	if (file) {
		char line[400];
		int fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
		int n = snprintf(line, sizeof(line), "%ld %s %s\n", events, when, what);

		if (fd >= 0 && n > 0 && (size_t)n < sizeof(line))
			real_write(fd, line, (size_t)n);
		if (fd >= 0)
			close(fd);
	}
	if (at && atol(at) == events)
		kill(getpid(), SIGKILL);
}

/* The file behind fd (in a buffer of size), "" when unknown. */
static const char *fd_target(int fd, char *target, size_t size)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, size - 1);
	if (n <= 0)
		return "";
	target[n] = '\0';
	return target;
}

/* The file behind fd if it is under /sys, else "". */
static const char *sysfs_target(int fd, char *target, size_t size)
{
	const char *t = fd_target(fd, target, size);

	return strncmp(t, "/sys/", 5) == 0 ? t : "";
}

/* A device node whose writes are steps: the swap header. */
static bool is_step_node(const char *path)
{
	return !strncmp(path, "/dev/zram", 9) || !strncmp(path, "/dev/dm-", 8);
}

static void log_write(const char *path)
{
	const char *file = getenv("FAILWRITE_LOG");
	char line[320];
	int fd, n;

	if (!file)
		return;
	fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "%s\n", path);
	if (n > 0 && (size_t)n < sizeof(line))
		real_write(fd, line, (size_t)n);
	close(fd);
}

ssize_t write(int fd, const void *buf, size_t count)
{
	const char *nth = getenv("FAILWRITE_NTH");
	char target[256];
	const char *path;

	if (!real_write)
		real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	ssize_t n;

	if (fd <= 2)
		return real_write(fd, buf, count);
	path = fd_target(fd, target, sizeof(target));
	if (is_step_node(path)) {
		event("before", path);
		n = real_write(fd, buf, count);
		event("after", path);
		return n;
	}
	if (strncmp(path, "/sys/", 5))
		return real_write(fd, buf, count);
	sysfs_writes++;
	log_write(path);
	if (nth && atol(nth) == sysfs_writes) {
		errno = EIO;
		return -1;
	}
	event("before", path);
	n = real_write(fd, buf, count);
	if (n >= 0)
		event("after", path);
	return n;
}

/* The swap header goes to /dev/zramN with pwrite(). */
ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
	static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
	char target[256];
	const char *path;
	ssize_t n;

	if (!real_pwrite)
		real_pwrite = (ssize_t(*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
	path = fd > 2 ? fd_target(fd, target, sizeof(target)) : "";
	if (!is_step_node(path))
		return real_pwrite(fd, buf, count, offset);
	event("before", path);
	n = real_pwrite(fd, buf, count, offset);
	if (n >= 0)
		event("after", path);
	return n;
}

/* Reading hot_add creates a device: the moment after it is a step. */
ssize_t read(int fd, void *buf, size_t count)
{
	static ssize_t (*real_read)(int, void *, size_t);
	char target[256];
	ssize_t n;

	if (!real_read)
		real_read = (ssize_t(*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
	n = real_read(fd, buf, count);
	if (n > 0 && fd > 2 &&
	    !strcmp(sysfs_target(fd, target, sizeof(target)), "/sys/class/zram-control/hot_add"))
		event("after", "/sys/class/zram-control/hot_add");
	return n;
}

int swapoff(const char *path)
{
	static int (*real_swapoff)(const char *);
	int r;

	if (!real_swapoff)
		real_swapoff = (int (*)(const char *))dlsym(RTLD_NEXT, "swapoff");
	event("before", "swapoff");
	r = real_swapoff(path);
	if (r == 0)
		event("after", "swapoff");
	return r;
}

int swapon(const char *path, int flags)
{
	static int (*real_swapon)(const char *, int);
	int r;

	if (getenv("FAILSWAPON")) {
		errno = EINVAL;
		return -1;
	}
	if (!real_swapon)
		real_swapon = (int (*)(const char *, int))dlsym(RTLD_NEXT, "swapon");
	event("before", "swapon");
	r = real_swapon(path, flags);
	if (r == 0)
		event("after", "swapon");
	return r;
}

/* The ioctls that change a mapping or a loop device, by name; NULL for
 * the others (queries: versions, status, LOOP_CTL_GET_FREE...). */
static const char *step_ioctl(unsigned long req)
{
	switch (req) {
	case DM_DEV_CREATE: return "dm create";
	case DM_TABLE_LOAD: return "dm table load";
	case DM_DEV_SUSPEND: return "dm resume/suspend";
	case DM_DEV_REMOVE: return "dm remove";
	case LOOP_CONFIGURE: return "loop configure";
	case LOOP_SET_FD: return "loop set fd";
	case LOOP_CLR_FD: return "loop clear fd";
	default: return NULL;
	}
}

int ioctl(int fd, unsigned long req, ...)
{
	static int (*real_ioctl)(int, unsigned long, ...);
	const char *what = step_ioctl(req);
	char target[256], line[320];
	va_list ap;
	void *arg;
	int r;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!real_ioctl)
		real_ioctl = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	if (!what)
		return real_ioctl(fd, req, arg);
	snprintf(line, sizeof(line), "%s %s", what, fd_target(fd, target, sizeof(target)));
	event("before", line);
	r = real_ioctl(fd, req, arg);
	if (r >= 0)
		event("after", line);
	return r;
}
