/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Between the file reader (config.c) and the key table (config-keys.c). */
#ifndef ZSWAPCTL_SETUP_CONFIG_PARSE_H
#define ZSWAPCTL_SETUP_CONFIG_PARSE_H

#include "conf.h"

/* Sizes in the configuration are rounded up to zram's unit. */
#define CONFIG_PAGE_SIZE ZRAM_UNIT

enum section_kind {
	SECTION_NONE,	  /* before the first header */
	SECTION_ZRAM,
	SECTION_ZSWAPCTL,
	SECTION_SYSTEM,
	SECTION_BAD,	  /* already reported; its keys are skipped */
};

/* A configuration file larger than this is refused, and one reader stops
 * after this many errors: /dev/urandom must not print forever. */
#define CONFIG_MAX_BYTES (1024 * 1024)
#define CONFIG_MAX_ERRORS 20

/* Longer than the stack buffer inih (INI_MAX_LINE) hands to the reader. */
#define READ_BUF 4096

struct parse_state {
	const struct setup_ctx *s;
	struct config *cfg;
	char *file; /* one of cfg->files */
	FILE *f;
	int line;
	int read_errno;
	int nerrors;
	bool oom;
	bool nul_seen; /* said once per file: a UTF-16 file has one per line */
	enum section_kind section;
	unsigned int id;
	char buf[READ_BUF];
};

/* "FILE:LINE: what is wrong" to the diagnostics callback; counts it. */
void error_at(struct parse_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One row per key of a [zramN] section. */
struct config_key_info {
	const char *name;
	/* Parses v into d; false after reporting why (or st->oom). */
	bool (*set)(struct parse_state *st, struct config_device *d, const char *v);
	const char *doc;
};
const struct config_key_info *config_key_info(enum config_key key);

/* The [zswapctl] section's zswap = keep|disable. */
bool config_set_zswap(struct parse_state *st, const char *v);
/* A [system] tunable: a number in its range, or yes or no; keep. */
bool config_set_tunable(struct parse_state *st, enum tunable t, const char *v);

void strv_free(char **v, size_t n);
int round_to_page(uint64_t *bytes);
bool is_space(char c);

#endif
