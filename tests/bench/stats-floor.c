// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * stats-floor: the least a process can do and still give what `zswapctl
 * stats --json DEVICE` gives: open, read and close the same kernel files,
 * then write a document of the same size in one write(2). No parsing, no
 * JSON, no heap. What is left of stats' time when all of zswapctl's own
 * work is taken away; stats-vs-zramctl times it against zramctl next to
 * stats, so the target (0.8 of zramctl) can be read against what this
 * machine allows at all.
 *
 * The files and the way they are opened follow one `stats --json` of one
 * device (snapshot_take() in src/cli/snapshot.c, as strace(1) shows it):
 * absent ones (no writeback, no swap_ops series, no maintain state) are
 * opened all the same, since stats must look.
 *
 *   cc -O2 -o /tmp/stats-floor tests/bench/stats-floor.c
 *   /tmp/stats-floor DEVICE BYTES
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

static char buf[8192];

static void read_whole(int dirfd, const char *path)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	close(fd);
}

int main(int argc, char **argv)
{
	static const char *const attrs[] = {
		"disksize", "comp_algorithm", "backing_dev", "swap_ops", "mm_stat",
		"io_stat",  "bd_stat",	      "debug_stat",  "stat",	 "swap_ops_stat",
	};
	char path[256];
	struct utsname u;
	long bytes;
	int dir;

	if (argc != 3 || (bytes = atol(argv[2])) <= 0 || (size_t)bytes > sizeof(buf)) {
		fprintf(stderr, "usage: stats-floor DEVICE BYTES (1 to %zu)\n", sizeof(buf));
		return 2;
	}
	snprintf(path, sizeof(path), "/sys/block/%s", argv[1]);
	dir = open(path, O_RDONLY | O_CLOEXEC | O_PATH | O_DIRECTORY);
	if (dir < 0) {
		perror(path);
		return 1;
	}
	uname(&u);
	read_whole(AT_FDCWD, "/proc/swaps");
	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		read_whole(dir, attrs[i]);
	snprintf(path, sizeof(path), "/var/lib/zswapctl/maintain-%s", argv[1]);
	read_whole(AT_FDCWD, path);
	read_whole(AT_FDCWD, "/proc/vmstat");
	read_whole(AT_FDCWD, "/proc/pressure/memory");

	memset(buf, ' ', (size_t)bytes - 1);
	buf[bytes - 1] = '\n';
	return write(STDOUT_FILENO, buf, (size_t)bytes) == bytes ? 0 : 1;
}
