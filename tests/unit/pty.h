/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A pseudo-terminal for the unit tests that need a terminal where make check
 * gives them a log file: its slave end is what isatty() and TIOCGWINSZ see. */
#ifndef ZSWAPCTL_TEST_PTY_H
#define ZSWAPCTL_TEST_PTY_H
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

/* 0 with both ends open, or -1 with neither (no pseudo-terminal here). */
static inline int pty_open(int *master, int *slave)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY), s = -1;

	if (m < 0)
		return -1;
	if (grantpt(m) || unlockpt(m) || (s = open(ptsname(m), O_RDWR | O_NOCTTY)) < 0) {
		close(m);
		return -1;
	}
	*master = m;
	*slave = s;
	return 0;
}
#endif
