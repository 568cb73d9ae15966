/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `config import`: another tool's configuration as zswapctl.conf text.
 * import.c has what both readers share (the output, the search for the
 * other tools' files, their traces on a running system); one reader per
 * tool: import-zram-generator.c, import-zramswap.c; import-expr.c turns
 * zram-generator's MiB expressions into size expressions.
 */
#ifndef ZSWAPCTL_SETUP_IMPORT_H
#define ZSWAPCTL_SETUP_IMPORT_H

#include <stdio.h>

#include "conf.h"

enum import_tool {
	IMPORT_NONE,
	IMPORT_ZRAM_GENERATOR,
	IMPORT_ZRAMSWAP,
};

/* "zram-generator", "zramswap"; IMPORT_NONE for another word. */
enum import_tool import_tool_from_name(const char *name);
const char *import_tool_name(enum import_tool tool);

/*
 * The zswapctl.conf equivalent of TOOL's configuration: FILE alone, or the
 * tool's own files under the root (tool IMPORT_NONE: whichever tool has
 * files). *text is the document (free it); every line of the original that
 * is not carried over is in it as a "# not carried over:" comment, and
 * *dropped counts them; every other line is one `config check` takes
 * (with RAM, MemTotal in bytes, for the size expressions). Returns SETUP_OK; SETUP_FAILED after reporting
 * that there is nothing to import or a file cannot be read.
 */
int config_import(const struct setup_ctx *s, enum import_tool tool, const char *file,
		  uint64_t ram, char **text, unsigned int *dropped);

/* The first configuration file of zram-generator or zramswap under the
 * root (free it), or NULL: for setup's hint when zswapctl has none. */
char *import_foreign_config(const struct setup_ctx *s, enum import_tool *tool);

/* 1 when systemd-zram-setup@zramN (zram-generator's unit) was generated
 * for the device on this boot, 0 when not. */
int import_zram_generator_owns(const struct setup_ctx *s, unsigned int id);

/* ---- shared by the readers ------------------------------------------- */

struct import_out {
	FILE *f; /* the document, or the section being written */
	unsigned int dropped;
	/* What each line is checked against: config check's key parser. */
	const struct setup_ctx *s;
	uint64_t ram;
	/* The [zramN] section between import_section() and
	 * import_section_end(): kept back, with its lines config check
	 * took (keys), until it is checked as a whole. */
	FILE *doc;
	char *section;
	size_t section_len;
	char *keys;
	unsigned int id;
	const char *file;
	int line;
};

/* Begins [zramID], whose header is at FILE:LINE: o->f is the section's
 * until import_section_end(). -ENOMEM. */
int import_section(struct import_out *o, unsigned int id, const char *file, int line);
/*
 * The line "KEY = VALUE" of FMT, under COMMENT (one line; NULL: none),
 * when config check takes it after the section's lines before it; else
 * "# not carried over: LINE: WHY (FILE:LINE)" with config check's WHY.
 * True when it was carried over.
 */
bool import_key(struct import_out *o, const char *comment, const char *file, int line,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The section into the document when config check takes it as a whole
 * (the rules between keys, as fs-type = swap with a mount-point); else
 * the device is not carried over, and each of its lines says so.
 * -ENOMEM. */
int import_section_end(struct import_out *o);

/* "# not carried over: WHAT (FILE:LINE): WHY" */
void import_dropped(struct import_out *o, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* PATH opened as config check opens a file (config_file_open(): a
 * regular file, never a FIFO that blocks or /dev/zero that never ends);
 * *f NULL for a link to /dev/null, which masks a file. SETUP_OK, or
 * SETUP_FAILED after reporting why. */
int import_open(const struct setup_ctx *s, const char *path, FILE **f);
/* The next line as config check reads it (config_file_next_line(): no
 * newline, no byte order mark): 1; 0 at the end; -errno after reporting
 * that PATH cannot be read. A line longer than BUF or with a NUL byte is
 * left out, said as "not carried over". */
int import_next_line(struct import_out *o, FILE *f, const char *path, char *buf,
		     size_t size, int *line);

/* Trims both ends in place; returns s. */
char *import_trim(char *s);

int import_zram_generator(const struct setup_ctx *s, const char *file, struct import_out *o);
int import_zramswap(const struct setup_ctx *s, const char *file, struct import_out *o);

/*
 * zram-generator's size expressions count in MiB (ram is MemTotal in MiB):
 * the same expression for zswapctl, which counts bytes (2048 becomes
 * 2048M, ram stays ram, ratios stay ratios). -EINVAL with *why when it
 * uses what zswapctl has not (variables of set!, functions other than min
 * and max, SI suffixes, ^ %); free *out.
 */
int import_mib_expression(const char *expr, char **out, const char **why);

#endif
