// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * stats-design-floor: stats-floor.c plus what issue 8 asks of every
 * zswapctl command besides the reads: a command line parsed by
 * getopt_long(3) (once for the global options, once for the command's,
 * as util-linux does), numbers parsed from what was read, and the document
 * built as a json-c tree on the heap (glibc's malloc), written with
 * json_object_to_json_string_length() in one write and freed. The tree has
 * the shape of one `stats --json` of one device with no writeback and no
 * swap_ops series: 10 objects, 2 arrays, 80 values (7 of them strings),
 * 87 keys; the numbers are read from the files, the keys are constants.
 *
 * What is left between this and zswapctl stats is zswapctl's own code:
 * its context, device lookup, snapshot structures and schema. What is
 * between this and stats-floor is the price of the libraries the design
 * names, which no code of ours can remove.
 *
 *   cc -O2 -o /tmp/stats-design-floor tests/bench/stats-design-floor.c \
 *      $(pkg-config --cflags json-c) "$(pkg-config --variable=libdir json-c)/libjson-c.a"
 *   /tmp/stats-design-floor stats --json DEVICE
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <getopt.h>
#include <json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* What was read, one buffer a file, kept for the numbers. */
struct file_text {
	char text[4096];
	size_t len;
};

static void read_whole(int dirfd, const char *path, struct file_text *f)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	f->len = 0;
	if (fd < 0)
		return;
	while ((n = read(fd, f->text + f->len, sizeof(f->text) - 1 - f->len)) > 0)
		f->len += (size_t)n;
	f->text[f->len] = '\0';
	close(fd);
}

/* PREFIX then NAME into PATH (256 bytes), cut to fit; no printf, as zswapctl
 * formats none on this path (its first call costs a process tens of us). */
static void join(char *path, const char *prefix, const char *name)
{
	size_t a = strlen(prefix), b = strnlen(name, 255 - a);

	memcpy(path, prefix, a);
	memcpy(path + a, name, b);
	path[a + b] = '\0';
}

/* The next decimal number in F from *POS on, 0 when there is none. */
static long long next_number(const struct file_text *f, size_t *pos)
{
	char *end;
	long long v;

	while (*pos < f->len && (f->text[*pos] < '0' || f->text[*pos] > '9'))
		(*pos)++;
	if (*pos >= f->len)
		return 0;
	v = strtoll(f->text + *pos, &end, 10);
	*pos = (size_t)(end - f->text);
	return v;
}

/* NKEYS members of numbers from F, keys constant as zswapctl adds them. */
static struct json_object *numbers_object(const char *const *keys, size_t nkeys,
					  const struct file_text *f)
{
	struct json_object *o = json_object_new_object();
	size_t pos = 0;

	for (size_t i = 0; i < nkeys; i++)
		json_object_object_add_ex(o, keys[i], json_object_new_int64(next_number(f, &pos)),
					  JSON_C_OBJECT_ADD_KEY_IS_NEW |
						  JSON_C_OBJECT_ADD_CONSTANT_KEY);
	return o;
}

static void add(struct json_object *o, const char *key, struct json_object *v)
{
	json_object_object_add_ex(o, key, v,
				  JSON_C_OBJECT_ADD_KEY_IS_NEW | JSON_C_OBJECT_ADD_CONSTANT_KEY);
}

int main(int argc, char **argv)
{
	static const struct option global_opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "sysroot", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct option stats_opts[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "prometheus", no_argument, NULL, 'P' },
		{ "interval", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const mm_keys[] = {
		"orig_data_size", "compr_data_size", "mem_used_total", "mem_limit",
		"mem_used_max",	  "same_pages",	     "pages_compacted", "huge_pages",
		"huge_pages_since",
	};
	static const char *const io_keys[] = { "failed_reads", "failed_writes", "invalid_io",
					       "notify_free" };
	static const char *const debug_keys[] = { "version", "flags", "writestall" };
	static const char *const block_keys[] = {
		"read_ios",	"read_merges",	   "read_sectors",     "read_ticks",
		"write_ios",	"write_merges",	   "write_sectors",    "write_ticks",
		"in_flight",	"io_ticks",	   "time_in_queue",    "discard_ios",
		"discard_merges", "discard_sectors", "discard_ticks", "flush_ios",
		"flush_ticks",
	};
	static const char *const derived_keys[] = {
		"compression_ratio", "memory_saved", "memory_used_ratio", "same_page_ratio",
		"huge_page_ratio",   "effective_ratio", "stored_pages",	     "incompressible_pages",
		"swap_used_ratio",   "writeback_pages", "idle_pages",	     "age_seconds",
		"pages_per_second",  "writes_per_second", "reads_per_second", "interval_seconds",
	};
	static const char *const vmstat_keys[] = { "pswpin", "pswpout", "swap_ra", "swap_ra_hit",
						   "workingset_refault_anon", "pgmajfault" };
	static const char *const psi_keys[] = { "some_avg10", "some_avg60", "some_avg300",
						"some_total", "full_avg10", "full_avg60",
						"full_avg300", "full_total" };
	static const char *const attrs[] = {
		"disksize", "comp_algorithm", "backing_dev", "swap_ops", "mm_stat",
		"io_stat",  "bd_stat",	      "debug_stat",  "stat",	 "swap_ops_stat",
	};
	static struct file_text files[ARRAY_SIZE(attrs)], swaps, state, vmstat, psi;
	struct json_object *doc, *dev, *devices, *algs, *swap, *sys;
	const char *device, *text;
	char path[256];
	struct utsname u;
	size_t len, pos = 0;
	int c, dir;

	while ((c = getopt_long(argc, argv, "+hVR:", global_opts, NULL)) != -1)
		if (c != 'R')
			return 2;
	if (argc - optind < 1 || strcmp(argv[optind], "stats") != 0)
		return 2;
	argc -= optind;
	argv += optind;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+JPi:h", stats_opts, NULL)) != -1)
		if (c != 'J')
			return 2;
	if (optind != argc - 1)
		return 2;
	device = argv[optind];

	join(path, "/sys/block/", device);
	dir = open(path, O_RDONLY | O_CLOEXEC | O_PATH | O_DIRECTORY);
	if (dir < 0) {
		perror(path);
		return 1;
	}
	uname(&u);
	read_whole(AT_FDCWD, "/proc/swaps", &swaps);
	for (size_t i = 0; i < ARRAY_SIZE(attrs); i++)
		read_whole(dir, attrs[i], &files[i]);
	join(path, "/var/lib/zswapctl/maintain-", device);
	read_whole(AT_FDCWD, path, &state);
	read_whole(AT_FDCWD, "/proc/vmstat", &vmstat);
	read_whole(AT_FDCWD, "/proc/pressure/memory", &psi);

	doc = json_object_new_object();
	add(doc, "schema", json_object_new_int(1));
	add(doc, "time", json_object_new_string("2026-12-04T01:44:45Z"));
	add(doc, "kernel", json_object_new_string(u.release));
	add(doc, "swap_ops_supported", json_object_new_boolean(files[3].len > 0));
	devices = json_object_new_array_ext(1);
	dev = json_object_new_object();
	add(dev, "name", json_object_new_string(device));
	add(dev, "disksize", json_object_new_int64(next_number(&files[0], &pos)));
	add(dev, "algorithm", json_object_new_string("lz4"));
	algs = json_object_new_array_ext(3);
	json_object_array_add(algs, json_object_new_string("lzo-rle"));
	json_object_array_add(algs, json_object_new_string("lzo"));
	json_object_array_add(algs, json_object_new_string("lz4"));
	add(dev, "algorithms_available", algs);
	add(dev, "backing_dev", NULL);
	add(dev, "backing_encrypted", NULL);
	add(dev, "writeback_supported", json_object_new_boolean(files[2].len > 0));
	swap = json_object_new_object();
	add(swap, "active", json_object_new_boolean(swaps.len > 60));
	pos = 0;
	add(swap, "priority", json_object_new_int64(next_number(&swaps, &pos)));
	add(swap, "size", json_object_new_int64(next_number(&swaps, &pos)));
	add(swap, "used", json_object_new_int64(next_number(&swaps, &pos)));
	add(dev, "swap", swap);
	add(dev, "mm", numbers_object(mm_keys, ARRAY_SIZE(mm_keys), &files[4]));
	add(dev, "io", numbers_object(io_keys, ARRAY_SIZE(io_keys), &files[5]));
	add(dev, "debug", numbers_object(debug_keys, ARRAY_SIZE(debug_keys), &files[7]));
	add(dev, "block", numbers_object(block_keys, ARRAY_SIZE(block_keys), &files[8]));
	add(dev, "derived", numbers_object(derived_keys, ARRAY_SIZE(derived_keys), &files[4]));
	json_object_array_add(devices, dev);
	add(doc, "devices", devices);
	sys = numbers_object(vmstat_keys, ARRAY_SIZE(vmstat_keys), &vmstat);
	add(sys, "memory_pressure", numbers_object(psi_keys, ARRAY_SIZE(psi_keys), &psi));
	add(doc, "system", sys);

	text = json_object_to_json_string_length(doc, JSON_C_TO_STRING_PRETTY |
							      JSON_C_TO_STRING_SPACED, &len);
	c = text && write(STDOUT_FILENO, text, len) == (ssize_t)len ? 0 : 1;
	json_object_put(doc);
	close(dir);
	return c;
}
