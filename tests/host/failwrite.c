// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * LD_PRELOAD fault injection for the host tier: the FAILWRITE_NTH-th write()
 * to a file under /sys fails with EIO, so a test can make every sysfs write
 * of `zswapctl setup` fail in turn and check that the rollback leaves the
 * machine as it was. With FAILWRITE_COUNT=FILE, the number of sysfs writes
 * is written to FILE at exit. With FAILSWAPON set, swapon(2) fails with
 * EINVAL (the last step of a setup). Test-only: not built into zswapctl.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long sysfs_writes;

static int is_sysfs(int fd)
{
	char link[64], target[256];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return 0;
	target[n] = '\0';
	return strncmp(target, "/sys/", 5) == 0;
}

ssize_t write(int fd, const void *buf, size_t count)
{
	static ssize_t (*real_write)(int, const void *, size_t);
	const char *nth = getenv("FAILWRITE_NTH");

	if (!real_write)
		real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (fd > 2 && is_sysfs(fd)) {
		sysfs_writes++;
		if (nth && atol(nth) == sysfs_writes) {
			errno = EIO;
			return -1;
		}
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

__attribute__((destructor)) static void report(void)
{
	const char *file = getenv("FAILWRITE_COUNT");
	FILE *f;

	if (!file)
		return;
	f = fopen(file, "w");
	if (f) {
		fprintf(f, "%ld\n", sysfs_writes);
		fclose(f);
	}
}
