// SPDX-License-Identifier: GPL-2.0-or-later
/* The progress line's text: pages, share, rate, time left; and when it is on. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/cli/progress.h"
#include "pty.h"
#include "tap.h"

static void test_format(void)
{
	char buf[160];

	progress_format(buf, sizeof(buf), "zram0: writeback", 1024, 4096, 2.0);
	CHECK(!strcmp(buf, "zram0: writeback: 1024/4096 pages (25%), 512 pages/s, 0:06 left"),
	      "a quarter in 2 s: 512 pages/s, 6 s left (%s)", buf);
	progress_format(buf, sizeof(buf), "w", 0, 4096, 0);
	CHECK(!strcmp(buf, "w: 0/4096 pages (0%)"), "at the start: no rate, no time left (%s)", buf);
	progress_format(buf, sizeof(buf), "w", 0, 4096, 1.0);
	CHECK(!strcmp(buf, "w: 0/4096 pages (0%), 0 pages/s"),
	      "nothing done yet: no time left to guess (%s)", buf);
	progress_format(buf, sizeof(buf), "w", 4096, 4096, 4.0);
	CHECK(!strcmp(buf, "w: 4096/4096 pages (100%), 1024 pages/s"), "done: no time left (%s)", buf);
	progress_format(buf, sizeof(buf), "w", 5000, 4096, 4.0);
	CHECK(strstr(buf, "(100%)") && !strstr(buf, "left"),
	      "more than the total (an estimate): 100%%, no time left (%s)", buf);
	progress_format(buf, sizeof(buf), "w", 300, 0, 3.0);
	CHECK(!strcmp(buf, "w: 300 pages, 100 pages/s"), "unknown total: count and rate (%s)", buf);
	progress_format(buf, sizeof(buf), "w", 1, 7201, 1.0);
	CHECK(strstr(buf, ", 2:00:00 left") != NULL, "hours as H:MM:SS (%s)", buf);
	progress_format(buf, sizeof(buf), "w", 10, 100, 1.0);
	CHECK(strstr(buf, ", 0:09 left") != NULL, "seconds as M:SS (%s)", buf);
	int n = progress_format(buf, 12, "a long description", 10, 100, 1.0);
	CHECK(n >= 12 && strlen(buf) == 11, "a short buffer is cut, not overrun");
}

/*
 * The switches, on a terminal: under make check stderr is a log file, where
 * progress is off whatever -q and --json do, so stderr is a pseudo-terminal
 * here, and each switch is checked against the same terminal with it unset.
 */
static void test_switches(void)
{
	struct cli cli = { 0 };
	struct progress p;
	int master, slave, saved = -1;
	struct stat before, after;
	bool had_stderr, back;
	bool tty = false, plain = false, json = true, quiet = true, shown = false;

	if (pty_open(&master, &slave) < 0) {
		SKIP("no pseudo-terminal here");
		return;
	}
	had_stderr = fstat(STDERR_FILENO, &before) == 0;
	saved = dup(STDERR_FILENO);
	if (saved >= 0 && dup2(slave, STDERR_FILENO) == STDERR_FILENO) {
		tty = isatty(STDERR_FILENO);
		progress_init(&p, &cli);
		plain = p.on;
		progress_show(&p, "w", 1, 2, true);
		shown = p.shown;
		progress_end(&p);
		cli.json = true;
		progress_init(&p, &cli);
		json = p.on;
		cli.json = false;
		cli.verbosity = -1;
		progress_init(&p, &cli);
		quiet = p.on;
	}
	if (saved >= 0) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	close(slave);
	close(master);
	CHECK(tty && plain, "terminal, no -q/--json: on");
	CHECK(shown, "on: the line is shown");
	CHECK(tty && !json, "terminal, --json: off");
	CHECK(tty && !quiet, "terminal, -q: off");
	back = had_stderr && fstat(STDERR_FILENO, &after) == 0 && after.st_dev == before.st_dev &&
	       after.st_ino == before.st_ino;
	CHECK(back, "stderr is back where it was");
}

static void test_not_a_terminal(void)
{
	struct cli cli = { 0 };
	struct progress p;

	freopen("/dev/null", "w", stderr);
	progress_init(&p, &cli);
	CHECK(!p.on, "stderr not a terminal: off");
	progress_show(&p, "w", 1, 2, true);
	CHECK(!p.shown, "off: nothing shown");
}

int main(void)
{
	test_format();
	test_switches();
	test_not_a_terminal();
	return tap_finish();
}
