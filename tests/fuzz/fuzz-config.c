// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * zswapctl.conf(5): the line reader, libinih, sections and every key's
 * setter, through config_load() of a file with the input as its contents.
 * Every diagnostic must name the file and a line within it.
 */
#include <stdio.h>
#include <unistd.h>

#include "conf.h"
#include "fuzz.h"

static char dir[] = "/tmp/zswapctl-fuzz-config.XXXXXX";
static char path[sizeof(dir) + 16];
static struct zswapctl_ctx *zctx;
static size_t lines;

static void diag(const struct setup_diag *d, void *userdata)
{
	(void)userdata;
	if (!d->message || !*d->message || strchr(d->message, '\n'))
		abort(); /* one line, always something */
	if (d->file && !strcmp(d->file, path) && (d->line < 0 || (size_t)d->line > lines + 1))
		abort(); /* a line the file does not have */
}

static void cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct setup_ctx s = { .diag = diag };
	struct config cfg;
	FILE *f;

	if (!zctx) {
		if (!mkdtemp(dir) || zswapctl_ctx_new(&zctx) < 0)
			abort();
		snprintf(path, sizeof(path), "%s/f.conf", dir);
		atexit(cleanup);
	}
	s.zctx = zctx;
	f = fopen(path, "w");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	lines = 0;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (config_load(&s, path, 8ull << 30, &cfg) == 0)
		config_free(&cfg);
	return 0;
}
