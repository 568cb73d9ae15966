/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The configuration of interface.md: INI files (libinih), drop-ins, the
 * embedded default, size expressions. config-files.c finds the files,
 * config.c reads them, config-keys.c has one row per key.
 */
#ifndef ZSWAPCTL_CONFIG_H
#define ZSWAPCTL_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "policy.h"
#include "setup.h"
#include "tunables.h"

enum discard_mode { DISCARD_NO, DISCARD_YES, DISCARD_ONCE, DISCARD_PAGES };
enum swap_ops_mode { SWAP_OPS_AUTO, SWAP_OPS_ON, SWAP_OPS_OFF };
enum zswap_mode { ZSWAP_KEEP, ZSWAP_DISABLE };

/* The words of the configuration for these modes ("once", "auto", ...). */
const char *discard_mode_name(enum discard_mode m);
const char *swap_ops_mode_name(enum swap_ops_mode m);
const char *zswap_mode_name(enum zswap_mode m);

/*
 * Where a value came from, for messages: "/etc/zswapctl.conf:12". file is
 * one of struct config's files[] (freed with it, never on its own).
 */
struct config_origin {
	char *file; /* NULL: the embedded default */
	int line;
};

/* The keys of a [zramN] section, to index config_device.key_origin. */
enum config_key {
	CONFIG_KEY_SIZE,
	CONFIG_KEY_ALGORITHM,
	CONFIG_KEY_ALGORITHM_PARAMS,
	CONFIG_KEY_RECOMPRESS,
	CONFIG_KEY_MEM_LIMIT,
	CONFIG_KEY_SWAP_PRIORITY,
	CONFIG_KEY_DISCARD,
	CONFIG_KEY_BACKING_DEVICE,
	CONFIG_KEY_WRITEBACK_LIMIT,
	CONFIG_KEY_SWAP_OPS,
	CONFIG_KEY_BACKING_DEVICE_REQUIRED,
	CONFIG_KEY_BACKING_DEVICE_TIMEOUT,
	CONFIG_KEY_HOST_MEMORY_LIMIT,
	CONFIG_KEY_STREAMS,
	CONFIG_KEY_BACKING_ENCRYPTION,
	CONFIG_KEY_FS_TYPE,
	CONFIG_KEY_MOUNT_POINT,
	CONFIG_KEY_MOUNT_OPTIONS,
	CONFIG_KEY_BACKING_FILE_SHARE,
	CONFIG_KEY_BACKING_FILE_KEEP_FREE,
	/* the maintenance policy (policy.h), from here to CONFIG_KEY_MAX */
	CONFIG_KEY_WRITEBACK_MODES,
	CONFIG_KEY_WRITEBACK_INTERVAL,
	CONFIG_KEY_WRITEBACK_BACKOFF,
	CONFIG_KEY_WRITEBACK_ROUND_MIN,
	CONFIG_KEY_WRITEBACK_ROUND_MAX,
	CONFIG_KEY_WRITEBACK_ROUND_SHARE,
	CONFIG_KEY_WRITEBACK_DAILY_LIMIT,
	CONFIG_KEY_WRITEBACK_IDLE_AGE,
	CONFIG_KEY_RECOMPRESS_INTERVAL,
	CONFIG_KEY_RECOMPRESS_TYPE,
	CONFIG_KEY_RECOMPRESS_IDLE_AGE,
	CONFIG_KEY_RECOMPRESS_THRESHOLD,
	CONFIG_KEY_RECOMPRESS_ALGORITHM,
	CONFIG_KEY_RECOMPRESS_MAX_PAGES,
	CONFIG_KEY_MAX
};
#define CONFIG_KEY_POLICY_FIRST CONFIG_KEY_WRITEBACK_MODES

/* algorithm = ... kernel: the kernel's default (CONFIG_ZRAM_DEF_COMP), no
 * comp_algorithm written, as zram-generator without compression-algorithm
 * or when it cannot set the one asked for. Last in the list. */
#define CONFIG_ALGORITHM_KERNEL "kernel"

struct config_device;
/* The filesystem a device gets: NULL for swap; fs-type, or ext2 when only
 * mount-point is given (zram-generator's default). */
const char *config_fs_type(const struct config_device *d);
/* The mount options setup passes: discard (unless discard = no) and then
 * mount-options, in BUF. */
void config_mount_options(const struct config_device *d, char *buf, size_t len);

/* "size", "algorithm-params", ...: the name as written in the file. */
const char *config_key_name(enum config_key key);
/* One line on what the key means, for documentation and messages. */
const char *config_key_doc(enum config_key key);
struct config_device;
/* The effective value of a policy key as a configuration would write it
 * ("10min", "huge_idle idle"); false for the other keys. */
bool config_key_format(const struct config_device *d, enum config_key key, char *buf,
		       size_t size);

struct config_recompress {
	char *algorithm;
	char *params;	/* "level=9" from lz4hc(level=9); NULL: none */
	int priority; /* 1..3; 0 when not given (the kernel then picks 1) */
};

/* Why a configured device gets no device (zram-generator's rules). */
enum config_skip {
	CONFIG_SKIP_NONE,
	CONFIG_SKIP_SIZE_ZERO,	  /* size evaluates to 0 */
	CONFIG_SKIP_HOST_MEMORY,  /* MemTotal is above host-memory-limit */
};

struct config_device {
	unsigned int id;		/* N of [zramN] */
	char *size_expr;		/* as written, e.g. "min(ram / 2, 4G)" */
	uint64_t size;			/* evaluated, bytes, page aligned */
	char **algorithms;		/* candidates in order; first the kernel has wins */
	char **algorithm_each_params;	/* per candidate: "level=3" of zstd(level=3), or NULL */
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
	uint64_t host_memory_limit;	/* bytes; 0: none */
	char *host_memory_limit_expr;	/* NULL: not set (or "none") */
	unsigned int streams;		/* max_comp_streams; 0: the kernel's */
	/* A filesystem instead of swap (config_fs_type()). */
	char *fs_type;			/* NULL: swap, or ext2 with a mount point */
	char *mount_point;		/* NULL: not mounted; absolute, normalised */
	char *mount_options;		/* fstab(5) options besides discard; NULL: none */
	enum config_skip skip;		/* set by config_load(): no device */
	struct config_origin origin;	/* the section header */

	/* Beyond the first cut, for messages and `config check`. */
	struct config_origin key_origin[CONFIG_KEY_MAX]; /* file NULL: default */
	char *mem_limit_expr;		/* NULL: not set */
	char *writeback_limit_expr;	/* NULL: not set */
	char *backing_file;		/* file:PATH:SIZE split up; NULL otherwise */
	uint64_t backing_file_size;	/* bytes, page aligned */
	/* The file sized to its filesystem when it is made (plan.c):
	 * at most this share of the free space (percent; 0: not set) and
	 * never leaving less than keep_free bytes free. */
	unsigned int backing_file_share;
	uint64_t backing_file_keep_free;
	char *backing_file_keep_free_expr;	/* NULL: not set */
	/* A missing backing device, or a kernel without writeback, fails
	 * the device instead of setting it up without writeback. */
	bool backing_required;
	/* How long the boot waits for a block backing device (the
	 * generator's JobRunningTimeoutSec= of its .device unit). */
	unsigned int backing_timeout_sec;

	/* `zswapctl maintain`: off unless writeback-modes or recompress-interval */
	struct maintain_policy policy;
	/* backing-encryption = no: written-back pages go to the backing
	 * device as they are, not through dm-crypt. */
	bool backing_plain;
};

/* A [system] tunable (tunables.h). Not set, or "keep": left alone. */
struct config_tunable {
	bool set;
	unsigned int value;		/* a number; 1 or 0 for yes or no */
	struct config_origin origin;	/* file NULL, line 0: the default */
};

struct config {
	struct config_device *devices; /* sorted by id */
	size_t ndevices;
	enum zswap_mode zswap;
	char **files; /* the files read, in order; empty for the default */
	size_t nfiles;
	bool embedded_default;
	struct config_origin zswap_origin; /* file NULL: the default */
	struct config_tunable tunables[TUNABLE_MAX]; /* [system] */
	uint64_t ram; /* what `ram` meant */
};

/* The configuration files in the order they are read (main files that may
 * not exist, then the drop-ins sorted by name), resolved under the root. */
struct config_file_list {
	char **paths;
	size_t count;
};
int config_files_find(const struct setup_ctx *s, struct config_file_list *files);

/* Where a tool keeps its files: main files and drop-in directories, lowest
 * precedence first, NULL-terminated. */
struct config_layout {
	const char *const *main_files;
	const char *const *dropin_dirs;
	bool last_main_only; /* only the last main file that exists is read */
};
extern const struct config_layout config_layout_zswapctl;
extern const struct config_layout config_layout_zram_generator;
int config_files_find_layout(const struct setup_ctx *s, const struct config_layout *layout,
			     struct config_file_list *files);
void config_files_free(struct config_file_list *files);

/*
 * Opens PATH to be read as a configuration, without blocking: a regular
 * file of at most CONFIG_MAX_BYTES, never a FIFO, /dev/zero or a directory.
 * Returns 0 with *f (fclose it) and *sb; 1 for a link to /dev/null (a
 * masked file: nothing to read); -ENOENT, not reported; -EINVAL after
 * reporting why; -ENOMEM.
 */
struct stat;
int config_file_open(const struct setup_ctx *s, const char *path, FILE **f, struct stat *sb);
/*
 * The next line of F into BUF without its newline (a UTF-8 byte order
 * mark skipped on the first), counting it in *line. Returns 1; 0 at the
 * end (or past CONFIG_MAX_BYTES); -E2BIG for a line longer than BUF and
 * -EILSEQ for one with a NUL byte, each skipped (BUF empty); -errno when
 * reading fails.
 */
int config_file_next_line(FILE *f, char *buf, size_t size, int *line);

/* 0 when no user but root can write or replace PATH (a configuration file
 * or drop-in directory, ST its fstat()) nor any directory above it (up to
 * the --sysroot); otherwise -EPERM after reporting which and what to do.
 * config-trust.c says what is trusted. */
struct stat;
int config_trust_check(const struct setup_ctx *s, const char *path, const struct stat *st);

/*
 * Loads the configuration. With explicit_file, only that file (not under
 * the root: a path the user gave); otherwise the files config_files_find()
 * lists. No file at all: the embedded default. ram_bytes is what `ram`
 * means in size expressions (MemTotal).
 * Returns 0; -EINVAL after reporting each mistake with its file and line
 * to the diagnostics callback; -ENOMEM.
 */
int config_load(const struct setup_ctx *s, const char *explicit_file, uint64_t ram_bytes,
		struct config *cfg);
void config_free(struct config *cfg);
/*
 * TEXT, a whole configuration, read as config_load() reads a file (NAME
 * standing for it in messages), with the rules between keys when
 * check_combinations: for `config import`, which prints only what
 * `config check` takes. 0; -EINVAL after reporting; -ENOMEM.
 */
int config_load_text(const struct setup_ctx *s, const char *name, const char *text,
		     uint64_t ram_bytes, bool check_combinations, struct config *cfg);

/*
 * Size expressions: integers with optional fraction and unit (K M G T,
 * KiB MiB GiB TiB; 1024-based; B or none for bytes), `ram`, `N%` (of ram),
 * + - * / ( ), min(a, b), max(a, b). Overflow, division by zero, negative
 * results are errors. Returns 0, or -EINVAL / -ERANGE with *error set to a
 * static message ("unknown word 'rom'", "overflow", ...).
 */
int size_expr_eval(const char *expr, uint64_t ram_bytes, uint64_t *result,
		   const char **error);
/* The same; *error_pos is the offset in expr where it went wrong. */
int size_expr_eval_pos(const char *expr, uint64_t ram_bytes, uint64_t *result,
		       const char **error, size_t *error_pos);

#endif
