// SPDX-License-Identifier: GPL-2.0-or-later
/* The progress line's text: pages, share, rate, time left. */
#include <stdio.h>
#include <string.h>

#include "../../src/cli/progress.h"
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

static void test_off(void)
{
	struct cli cli = { .json = true };
	struct progress p;

	progress_init(&p, &cli);
	CHECK(!p.on, "--json: off");
	cli.json = false;
	cli.verbosity = -1;
	progress_init(&p, &cli);
	CHECK(!p.on, "-q: off");
	cli.verbosity = 0;
	freopen("/dev/null", "w", stderr);
	progress_init(&p, &cli);
	CHECK(!p.on, "stderr not a terminal: off");
	progress_show(&p, "w", 1, 2, true);
	CHECK(!p.shown, "off: nothing shown");
}

int main(void)
{
	test_format();
	test_off();
	return tap_finish();
}
