/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the command files of zswapctl share: options, exit codes, messages. */
#ifndef ZSWAPCTL_CLI_H
#define ZSWAPCTL_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "libzswapctl.h"
#include "setup.h"

/* Exit codes: the contract of interface.md. */
enum {
	EXIT_OK = 0,
	EXIT_FAILED = 1,
	EXIT_USAGE = 2,
	EXIT_UNSUPPORTED = 3,
};

struct command;

struct cli {
	struct zswapctl_ctx *ctx;
	const struct command *cmd; /* the one running */
	bool json;
	int verbosity; /* -1 quiet, 0 normal, 1+ verbose */
};

/* One row of the command table (zswapctl.c); each command file defines its own. */
struct command {
	const char *name;
	const char *alias;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *summary;
	const char *usage; /* what --help prints */
};

extern const struct command command_setup, command_teardown, command_writeback,
	command_recompress, command_status, command_stats, command_swap_ops,
	command_bench, command_config, command_maintain;

/*
 * getopt_long() for the running command, with what every command shares:
 * -J/--json (where LONGOPTS has it) sets cli->json and is not returned.
 * Everything else goes to the command, whose switch ends in
 * "default: return cli_option_end(cli, c);".
 */
int cli_getopt(struct cli *cli, int argc, char **argv, const char *shortopts,
	       const struct option *longopts);
/* -h: the command's usage on stdout, EXIT_OK. Anything else (getopt has
 * said what was wrong): the pointer to --help, EXIT_USAGE. */
int cli_option_end(struct cli *cli, int c);
/* "zswapctl: COMMAND: what is wrong" and the pointer to --help (as
 * util-linux's errtryhelp()); returns EXIT_USAGE. */
int cli_usage_error(struct cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The one DEVICE the arguments left after the options must be; returns the
 * exit code after saying why not. */
int cli_one_device(struct cli *cli, int argc, char **argv, struct zswapctl_dev **dev);

/* util-linux's close_stdout(): RC, or EXIT_FAILED after saying so when what
 * was printed did not all reach standard output (stdout.c). */
int cli_close_stdout(int rc);
/* TEXT and a newline on standard output, after what stdio holds, in one
 * writev(2) and without stdio's buffer; 0 or EOF (remembered, as ferror()). */
int cli_write_line(const char *text, size_t len);
/* 0, or -errno of the first write to standard output that failed, through
 * stdio (flushed here) or cli_write_line(). */
int cli_stdout_error(void);
void cli_stdout_clear_error(void);

/* The next BYTES of heap made present in one system call instead of a
 * page fault a page (prefault.c); nothing where the kernel cannot. */
void cli_prefault_heap(size_t bytes);

/* The run lock (held until exit); -1 after printing why. */
int cli_take_run_lock(struct cli *cli);
/* The one DEVICE of a command that gives the kernel a job on it (writeback,
 * recompress: "nothing to JOB"), with the run lock held: the kernel runs one
 * such job at a time (-EAGAIN for a second), and a setup or teardown may
 * remove the device while we wait for the lock. An exit code; on EXIT_OK
 * *dev and *lock are the caller's to release. */
int cli_lock_one_device(struct cli *cli, int argc, char **argv, const char *job,
			struct zswapctl_dev **dev, int *lock);

/* The setup engine's context, its diagnostics printed as cli_error() and
 * cli_warn() print (warnings not with --json, not with -q), and "FILE:LINE:
 * message" for a place in the configuration. */
void cli_setup_ctx(struct cli *cli, struct setup_ctx *s);

/* Messages go to stderr with the program name; -q silences warnings. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(struct cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* MemTotal, what 'ram' in a configuration's sizes means; prints which
 * file could not be read and returns -errno when it cannot be had. */
int cli_read_ram(struct cli *cli, uint64_t *ram);

/* The number of a device named on the command line (zramN, /dev/zramN or
 * N); a name that is none is a usage error, said and returned. */
int cli_device_id(struct cli *cli, const char *name, unsigned int *id);

/* One device named on the command line; prints why not and returns the
 * exit code when it cannot be had. */
int cli_open_device(struct cli *cli, const char *name, struct zswapctl_dev **dev);

/*
 * The devices named on the command line, or all of them when none is.
 * Returns an exit code: EXIT_OK, or EXIT_FAILED / EXIT_UNSUPPORTED after
 * printing why.
 */
int cli_resolve_devices(struct cli *cli, int argc, char **argv,
			struct zswapctl_dev ***devs, size_t *count);
/* Unreferences each device and frees the array. */
void cli_free_devices(struct zswapctl_dev **devs, size_t count);

/*
 * --output FILE (output-file.c): begin sends standard output to a temporary
 * file next to PATH (-EINVAL: PATH exists and is not a regular file);
 * commit flushes it to disk and renames it over PATH; abort removes it.
 * Both give standard output back. 0 or -errno.
 */
struct output_file {
	const char *path;
	char *tmp;
	int saved; /* the real standard output */
};
int output_file_begin(struct output_file *o, const char *path);
int output_file_commit(struct output_file *o);
void output_file_abort(struct output_file *o);

/* A copy of TEXT with every byte that is not part of well-formed UTF-8
 * replaced by U+FFFD, so JSON and Prometheus labels stay valid; NULL when
 * out of memory. */
char *utf8_sanitize(const char *text);

/* Every JSON document zswapctl prints: O as json-c writes it with FLAGS,
 * made UTF-8 the same way, and a newline; cli_write_line()'s result. */
struct json_object;
int cli_print_json(struct json_object *o, int flags);
/* json-c numbers whose text is written without snprintf() where json-c's
 * would be the same (json-number.c). */
struct json_object *cli_json_u64(uint64_t v);
struct json_object *cli_json_i64(int64_t v);
struct json_object *cli_json_double(double v);

#endif
