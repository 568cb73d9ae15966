// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * first-call-cost: one process that makes the first call of one family of
 * libc functions and exits, for tests/bench/first-call-cost to time against
 * the same process making none. In these guests what a short command pays
 * for a family is mostly the first call: the family's pages of libc
 * faulted in (64 KiB windows, about 10 us each through the hypervisor),
 * mapped and torn down again at exit; the calls after it cost what they
 * cost anywhere. `stats --json` calls no printf and no <ctype.h> because
 * of what this measures (src/shared/util.h).
 *
 *   first-call-cost none|snprintf|ctype|malloc|getopt
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Kept, so that no call is optimised away. */
static volatile unsigned long sink;

int main(int argc, char **argv)
{
	const char *family = argc > 1 ? argv[1] : "none";
	char buf[32];

	if (!strcmp(family, "snprintf")) {
		snprintf(buf, sizeof(buf), "/sys/block/zram%u", (unsigned int)argc);
		sink = (unsigned char)buf[15];
	} else if (!strcmp(family, "ctype")) {
		sink = isdigit((unsigned char)family[0]) != 0;
	} else if (!strcmp(family, "malloc")) {
		char *p = malloc(64);

		sink = (unsigned long)p;
		free(p);
	} else if (!strcmp(family, "getopt")) {
		const struct option options[] = { { "json", no_argument, NULL, 'J' }, {} };
		char *args[] = { argv[0], (char *)"--json", NULL };

		sink = (unsigned long)getopt_long(2, args, "J", options, NULL);
	} else if (strcmp(family, "none")) {
		fprintf(stderr, "usage: first-call-cost none|snprintf|ctype|malloc|getopt\n");
		return 2;
	}
	return 0;
}
