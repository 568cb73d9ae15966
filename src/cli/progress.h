/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A progress line on stderr for long work (bench rounds, writeback,
 * recompress, swapoff in teardown): only when stderr is a terminal, never
 * with -q or --json. Pages done come from the kernel's own counters where
 * the kernel does the work (a poller thread reads them while the command
 * waits in its one write or swapoff).
 */
#ifndef ZSWAPCTL_PROGRESS_H
#define ZSWAPCTL_PROGRESS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "cli.h"

struct progress {
	bool on;
	struct timespec start, last;
	bool shown;
};

/* On when stderr is a terminal and neither -q nor --json was given. */
void progress_init(struct progress *p, const struct cli *cli);
/* "WHAT: DONE/TOTAL pages (P%), RATE pages/s, M:SS left"; TOTAL 0: unknown
 * (no share, no time left); the rate once ELAPSED seconds are above 0. */
int progress_format(char *buf, size_t len, const char *what, uint64_t done,
		    uint64_t total, double elapsed);
/* Redraws the line, at most ten times a second (FORCE: now). */
void progress_show(struct progress *p, const char *what, uint64_t done,
		   uint64_t total, bool force);
/* Clears the line, if one was drawn. */
void progress_end(struct progress *p);

/* Reads pages done and the total (0: unknown); 0 or -errno. */
typedef int (*progress_read_fn)(void *arg, uint64_t *done, uint64_t *total);

struct progress_poll {
	struct progress p;
	char what[64];
	progress_read_fn read;
	void *arg;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool running, stop;
};
/* "DEVICE: WORK" with what READ says, at once and then twice a second
 * until progress_poll_stop(), which erases the line; nothing at all when
 * the progress line is off for CLI. */
void progress_poll_start(struct progress_poll *pp, const struct cli *cli, const char *device,
			 const char *work, progress_read_fn read, void *arg);
void progress_poll_stop(struct progress_poll *pp);

#endif
