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
 * 87 keys; the numbers are read from the files (by hand, into one
 * buffer), the keys, the algorithm names and the time stamp are
 * constants. It formats nothing with printf, as zswapctl does not on this
 * path, and does not populate its heap ahead, as zswapctl does (about 1%).
 *
 * What is between this and stats-floor is the price of the libraries the
 * design names, which no code of ours can remove (less the first
 * snprintf() that stats-floor makes and this does not); what is between this
 * and `zswapctl stats` is zswapctl's own code: its context, the device
 * lookup, the snapshot's structures, the schema's tables, and a program
 * of ten commands rather than one.
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

#define MAX_NUMBERS 24

/* The numbers of one file, in order, as many as the document takes. */
struct numbers {
	long long v[MAX_NUMBERS];
	size_t n;
};

static char buf[8192];

/* PREFIX then NAME into PATH (256 bytes), cut to fit; no printf, as zswapctl
 * formats none on this path (its first call costs a process tens of us). */
static void join(char *path, const char *prefix, const char *name)
{
	size_t a = strlen(prefix), b = strnlen(name, 255 - a);

	memcpy(path, prefix, a);
	memcpy(path + a, name, b);
	path[a + b] = '\0';
}

/* Reads PATH whole into the one buffer (as stats-floor does) and keeps its
 * first decimal numbers; by hand, as zswapctl's parsers are (strtoll()
 * would be more libc pages). Returns the bytes read. */
static size_t read_numbers(int dirfd, const char *path, struct numbers *out)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t n;

	out->n = 0;
	if (fd < 0)
		return 0;
	while ((n = read(fd, buf + len, sizeof(buf) - len)) > 0)
		len += (size_t)n;
	close(fd);
	for (size_t i = 0; i < len && out->n < MAX_NUMBERS;) {
		long long v = 0;

		if (buf[i] < '0' || buf[i] > '9') {
			i++;
			continue;
		}
		while (i < len && buf[i] >= '0' && buf[i] <= '9')
			v = v * 10 + (buf[i++] - '0');
		out->v[out->n++] = v;
	}
	return len;
}

/* The I-th number of F, 0 past its end. */
static long long number(const struct numbers *f, size_t i)
{
	return i < f->n ? f->v[i] : 0;
}

/* KEY added to O as zswapctl adds its keys: constant, and known to be new. */
static void add(struct json_object *o, const char *key, struct json_object *v)
{
	json_object_object_add_ex(o, key, v,
				  JSON_C_OBJECT_ADD_KEY_IS_NEW | JSON_C_OBJECT_ADD_CONSTANT_KEY);
}

/* NKEYS members of numbers from F. */
static struct json_object *numbers_object(const char *const *keys, size_t nkeys,
					  const struct numbers *f)
{
	struct json_object *o = json_object_new_object();

	for (size_t i = 0; i < nkeys; i++)
		add(o, keys[i], json_object_new_int64(number(f, i)));
	return o;
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
		"orig_data_size",  "compr_data_size", "mem_used_total",
		"mem_limit",	   "mem_used_max",    "same_pages",
		"pages_compacted", "huge_pages",      "huge_pages_since",
	};
	static const char *const io_keys[] = { "failed_reads", "failed_writes", "invalid_io",
					       "notify_free" };
	static const char *const debug_keys[] = { "version", "flags", "writestall" };
	static const char *const block_keys[] = {
		"read_ios",	  "read_merges",     "read_sectors",  "read_ticks",
		"write_ios",	  "write_merges",    "write_sectors", "write_ticks",
		"in_flight",	  "io_ticks",	     "time_in_queue", "discard_ios",
		"discard_merges", "discard_sectors", "discard_ticks", "flush_ios",
		"flush_ticks",
	};
	static const char *const derived_keys[] = {
		"compression_ratio", "memory_saved",	     "memory_used_ratio",
		"same_page_ratio",   "huge_page_ratio",	     "effective_ratio",
		"stored_pages",	     "incompressible_pages", "swap_used_ratio",
		"writeback_pages",   "idle_pages",	     "age_seconds",
		"pages_per_second",  "writes_per_second",    "reads_per_second",
		"interval_seconds",
	};
	static const char *const vmstat_keys[] = {
		"pswpin",    "pswpout", "swap_ra", "swap_ra_hit", "workingset_refault_anon",
		"pgmajfault"
	};
	static const char *const psi_keys[] = { "some_avg10",  "some_avg60", "some_avg300",
						"some_total",  "full_avg10", "full_avg60",
						"full_avg300", "full_total" };
	static const char *const attrs[] = {
		"disksize", "comp_algorithm", "backing_dev", "swap_ops", "mm_stat",
		"io_stat",  "bd_stat",	      "debug_stat",  "stat",	 "swap_ops_stat",
	};
	struct numbers files[ARRAY_SIZE(attrs)], swaps, state, vmstat, psi;
	size_t present[ARRAY_SIZE(attrs)];
	struct json_object *doc, *dev, *devices, *algs, *swap, *sys;
	const char *device, *text;
	char path[256];
	struct utsname u;
	size_t len;
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
	read_numbers(AT_FDCWD, "/proc/swaps", &swaps);
	for (size_t i = 0; i < ARRAY_SIZE(attrs); i++)
		present[i] = read_numbers(dir, attrs[i], &files[i]);
	join(path, "/var/lib/zswapctl/maintain-", device);
	read_numbers(AT_FDCWD, path, &state);
	read_numbers(AT_FDCWD, "/proc/vmstat", &vmstat);
	read_numbers(AT_FDCWD, "/proc/pressure/memory", &psi);

	doc = json_object_new_object();
	add(doc, "schema", json_object_new_int(1));
	add(doc, "time", json_object_new_string("2026-12-04T01:44:45Z"));
	add(doc, "kernel", json_object_new_string(u.release));
	add(doc, "swap_ops_supported", json_object_new_boolean(present[3] > 0));
	devices = json_object_new_array_ext(1);
	dev = json_object_new_object();
	add(dev, "name", json_object_new_string(device));
	add(dev, "disksize", json_object_new_int64(number(&files[0], 0)));
	add(dev, "algorithm", json_object_new_string("lz4"));
	algs = json_object_new_array_ext(3);
	json_object_array_add(algs, json_object_new_string("lzo-rle"));
	json_object_array_add(algs, json_object_new_string("lzo"));
	json_object_array_add(algs, json_object_new_string("lz4"));
	add(dev, "algorithms_available", algs);
	add(dev, "backing_dev", NULL);
	add(dev, "backing_encrypted", NULL);
	add(dev, "writeback_supported", json_object_new_boolean(present[2] > 0));
	swap = json_object_new_object();
	add(swap, "active", json_object_new_boolean(swaps.n > 0));
	add(swap, "priority", json_object_new_int64(number(&swaps, 3)));
	add(swap, "size", json_object_new_int64(number(&swaps, 1)));
	add(swap, "used", json_object_new_int64(number(&swaps, 2)));
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

	text = json_object_to_json_string_length(
		doc, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED, &len);
	c = text && write(STDOUT_FILENO, text, len) == (ssize_t)len ? 0 : 1;
	json_object_put(doc);
	close(dir);
	return c;
}
