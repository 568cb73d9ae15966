// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * LD_PRELOAD fault injection for the host tier: the FAILWRITE_NTH-th write()
 * to a file under /sys fails with EIO, so a test can make every sysfs write
 * of `zswapctl setup` fail in turn and check that the rollback leaves the
 * machine as it was. With FAILWRITE_LOG=FILE, every sysfs write appends
 * the file it went to (the resolved path under /sys) to FILE, a line each,
 * so a test sees which writes were made, in which order. With FAILSWAPON
 * set, swapon(2) fails with EINVAL (the last step of a setup). Test-only:
 * built by make check, never installed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/swap.h>
#include <unistd.h>

static ssize_t (*real_write)(int, const void *, size_t);
static long sysfs_writes;

/* The file behind fd if it is under /sys, else "" (in a buffer of size). */
static const char *sysfs_target(int fd, char *target, size_t size)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, size - 1);
	if (n <= 0)
		return "";
	target[n] = '\0';
	return strncmp(target, "/sys/", 5) == 0 ? target : "";
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
	if (fd <= 2)
		return real_write(fd, buf, count);
	path = sysfs_target(fd, target, sizeof(target));
	if (!*path)
		return real_write(fd, buf, count);
	sysfs_writes++;
	log_write(path);
	if (nth && atol(nth) == sysfs_writes) {
		errno = EIO;
		return -1;
	}
	return real_write(fd, buf, count);
}

int swapon(const char *path, int flags)
{
	static int (*real_swapon)(const char *, int);

	if (getenv("FAILSWAPON")) {
		errno = EINVAL;
		return -1;
	}
	if (!real_swapon)
		real_swapon = (int (*)(const char *, int))dlsym(RTLD_NEXT, "swapon");
	return real_swapon(path, flags);
}
