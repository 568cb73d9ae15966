// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysfs-open-cost: what one small kernel file costs a short-lived command
 * (open, read, close), the way libzswapctl opens a device attribute since
 * 6cd8edc (by name in the device's directory, held open with O_PATH) and
 * the way it did before (the whole path, through the /sys/block symlink),
 * for an attribute that exists and one that does not (bd_stat without
 * CONFIG_ZRAM_WRITEBACK), and for the two /proc files stats reads.
 *
 *   cc -O2 -o /tmp/sysfs-open-cost tests/bench/sysfs-open-cost.c
 *   /tmp/sysfs-open-cost [DEVICE] [LOOPS]
 *
 * DEVICE: zram0 by default; LOOPS: 20000 opens a line. Prints the mean per
 * open, in microseconds. Reads only; no root needed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static void measure(int dirfd, const char *path, long loops, const char *label)
{
	char buf[8192];
	double start = now_us();

	for (long i = 0; i < loops; i++) {
		int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);

		if (fd >= 0) {
			(void)!read(fd, buf, sizeof(buf));
			close(fd);
		}
	}
	printf("%-40s %6.2f us\n", label, (now_us() - start) / (double)loops);
}

int main(int argc, char **argv)
{
	const char *dev = argc > 1 ? argv[1] : "zram0";
	long loops = argc > 2 ? atol(argv[2]) : 20000;
	char dir[256], path[512], absent[512];
	int dirfd;

	snprintf(dir, sizeof(dir), "/sys/block/%s", dev);
	snprintf(path, sizeof(path), "%s/mm_stat", dir);
	snprintf(absent, sizeof(absent), "%s/no_such_attribute", dir);
	dirfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0 || loops <= 0) {
		perror(dir);
		return 2;
	}
	measure(AT_FDCWD, path, loops, "mm_stat, whole path");
	measure(dirfd, "mm_stat", loops, "mm_stat, by name in the directory");
	measure(AT_FDCWD, absent, loops, "absent attribute, whole path");
	measure(dirfd, "no_such_attribute", loops, "absent attribute, by name");
	measure(AT_FDCWD, "/proc/vmstat", loops, "/proc/vmstat");
	measure(AT_FDCWD, "/proc/swaps", loops, "/proc/swaps");
	close(dirfd);
	return 0;
}
