/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The configuration of interface.md: INI files (libinih), drop-ins, the
 * embedded default, size expressions. Policy, so it lives in the CLI.
 */
#ifndef ZSWAPCTL_CONFIG_H
#define ZSWAPCTL_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum discard_mode { DISCARD_NO, DISCARD_YES, DISCARD_ONCE, DISCARD_PAGES };
enum swap_ops_mode { SWAP_OPS_AUTO, SWAP_OPS_ON, SWAP_OPS_OFF };
enum zswap_mode { ZSWAP_KEEP, ZSWAP_DISABLE };

/* Where a value came from, for messages: "/etc/zswapctl.conf:12". */
struct config_origin {
	char *file; /* NULL: the embedded default */
	int line;
};

struct config_recompress {
	char *algorithm;
	int priority; /* 1..3; 0 when not given (the kernel then picks 1) */
};

struct config_device {
	unsigned int id;		/* N of [zramN] */
	char *size_expr;		/* as written, e.g. "min(ram / 2, 4G)" */
	uint64_t size;			/* evaluated, bytes, page aligned */
	char **algorithms;		/* candidates in order; first the kernel has wins */
	size_t nalgorithms;
	char *algorithm_params;		/* NULL: none */
	struct config_recompress *recompress;
	size_t nrecompress;
	uint64_t mem_limit;		/* 0: none */
	int swap_priority;		/* -1..32767 */
	enum discard_mode discard;
	char *backing_device;		/* NULL: none; "/dev/..." or "file:PATH:SIZE" */
	uint64_t writeback_limit;	/* 0: not enabled */
	bool writeback_limit_set;
	enum swap_ops_mode swap_ops;
	struct config_origin origin;	/* the section header */
};

struct config {
	struct config_device *devices; /* sorted by id */
	size_t ndevices;
	enum zswap_mode zswap;
	char **files; /* the files read, in order; empty for the default */
	size_t nfiles;
	bool embedded_default;
};

/*
 * Loads the configuration. With explicit_file, only that file; otherwise
 * /usr/lib/zswapctl/zswapctl.conf, /etc/zswapctl.conf, then the drop-ins of
 * {/usr/lib,/etc,/run}/zswapctl.conf.d/NAME.conf sorted by file name (a later
 * one wins; a file in /etc masks one of the same name in /usr/lib), all under
 * root. No file at all: the embedded default. ram_bytes is what `ram` means
 * in size expressions (MemTotal).
 * Returns 0, or -EINVAL after printing "FILE:LINE: what is wrong" to err.
 */
int config_load(struct config *cfg, const char *root, const char *explicit_file,
		uint64_t ram_bytes, FILE *err);
void config_free(struct config *cfg);

/*
 * Size expressions: integers with optional fraction and unit (K M G T,
 * KiB MiB GiB TiB; 1024-based; B or none for bytes), `ram`, `N%` (of ram),
 * + - * / ( ), min(a, b), max(a, b). Overflow, division by zero, negative
 * results are errors. Returns 0, or -EINVAL / -ERANGE with *error set to a
 * static message ("unknown word 'rom'", "overflow", ...).
 */
int size_expr_eval(const char *expr, uint64_t ram_bytes, uint64_t *result,
		   const char **error);

#endif
