// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Parsers against real kernel output and a catalogue of malformed input:
 * each must give a clear result (a value, "unknown", or -EINVAL/-ERANGE)
 * and never crash or invent a number.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "tap.h"

static void test_u64(void)
{
	uint64_t v = 7;

	CHECK(zswapctl_parse_u64("  42\n", &v) == 0 && v == 42, "v=%llu", (unsigned long long)v);
	CHECK(zswapctl_parse_u64("18446744073709551615", &v) == 0 && v == UINT64_MAX, "max");
	CHECK(zswapctl_parse_u64("18446744073709551616", &v) == -ERANGE, "overflow by one");
	CHECK(zswapctl_parse_u64("99999999999999999999999", &v) == -ERANGE, "huge");
	CHECK(zswapctl_parse_u64("", &v) == -EINVAL, "empty");
	CHECK(zswapctl_parse_u64("-1", &v) == -EINVAL, "negative");
	CHECK(zswapctl_parse_u64("4x", &v) == -EINVAL, "trailing garbage");
	CHECK(zswapctl_parse_u64("1 2", &v) == -EINVAL, "two numbers");
}

/* Value of a field, or -1 for unknown and -2 for a failed parse. */
static long long field(enum zswapctl_group g, const char *text, const char *name)
{
	struct zswapctl_counters *c;
	uint64_t v;
	long long out;
	int r = zswapctl_counters_parse(g, text, &c);

	if (r < 0)
		return -2;
	r = zswapctl_counters_get_by_name(c, name, &v);
	out = r == 0 ? (long long)v : r == -ENODATA ? -1 : -3;
	zswapctl_counters_unref(c);
	return out;
}

static void test_mm_stat(void)
{
	/* 6.18 host, 9 fields. */
	const char *real = "  831488    20597    69632        0    69632       42        0        3        5\n";

	CHECK(field(ZSWAPCTL_GROUP_MM, real, "orig_data_size") == 831488, "orig");
	CHECK(field(ZSWAPCTL_GROUP_MM, real, "same_pages") == 42, "same");
	CHECK(field(ZSWAPCTL_GROUP_MM, real, "huge_pages_since") == 5, "last field");
	/* An older kernel (4.x) printed 7 fields: the rest is unknown, not 0. */
	CHECK(field(ZSWAPCTL_GROUP_MM, "1 2 3 4 5 6 7\n", "huge_pages") == -1, "truncated -> unknown");
	CHECK(field(ZSWAPCTL_GROUP_MM, "1 2 3 4 5 6 7\n", "pages_compacted") == 7, "7th known");
	/* A newer kernel appends: extra fields ignored, known ones intact. */
	CHECK(field(ZSWAPCTL_GROUP_MM, "1 2 3 4 5 6 7 8 9 10 11\n", "huge_pages_since") == 9, "extra fields");
	CHECK(field(ZSWAPCTL_GROUP_MM, "", "orig_data_size") == -2, "empty is an error");
	CHECK(field(ZSWAPCTL_GROUP_MM, "   \n", "orig_data_size") == -2, "blank is an error");
	CHECK(field(ZSWAPCTL_GROUP_MM, "1 2 abc 4\n", "orig_data_size") == -2, "garbage");
	CHECK(field(ZSWAPCTL_GROUP_MM, "1 -2 3\n", "orig_data_size") == -2, "negative");
	CHECK(field(ZSWAPCTL_GROUP_MM, "1 99999999999999999999999999 3\n", "orig_data_size") == -2, "huge");
	CHECK(field(ZSWAPCTL_GROUP_MM, "1\0002", "orig_data_size") == 1, "embedded NUL ends text");
}

static void test_debug_and_io(void)
{
	CHECK(field(ZSWAPCTL_GROUP_DEBUG, "version: 1\n0        7\n", "miss_free") == 7, "debug miss_free");
	CHECK(field(ZSWAPCTL_GROUP_DEBUG, "version: 1\n0        7\n", "version") == 1, "debug version");
	CHECK(field(ZSWAPCTL_GROUP_DEBUG, "version: x\n", "version") == -2, "debug garbage");
	/* io_stat on 6.18 prints the removed invalid_io as a bare 0. */
	CHECK(field(ZSWAPCTL_GROUP_IO, "       1        2 0        3\n", "notify_free") == 3, "io notify_free");
	CHECK(field(ZSWAPCTL_GROUP_BD, "       5        6        7\n", "bd_writes") == 7, "bd_writes");
	CHECK(field(ZSWAPCTL_GROUP_BD, "5 6\n", "bd_writes") == -1, "bd truncated");
}

static void test_swap_ops_stat(void)
{
	const char *line = "10 20 30 40 50 60 70 80 90 100 110 120 130 140\n";

	CHECK(field(ZSWAPCTL_GROUP_SWAP_OPS, line, "ops_reads") == 10, "ops_reads");
	CHECK(field(ZSWAPCTL_GROUP_SWAP_OPS, line, "bdev_notify_free") == 80, "8th");
	CHECK(field(ZSWAPCTL_GROUP_SWAP_OPS, line, "bio_write_ns") == 140, "14th");
	CHECK(field(ZSWAPCTL_GROUP_SWAP_OPS, "1 2 3 4 5 6 7 8 9 10\n", "ops_read_ns") == -1,
	      "an earlier series without timings: unknown");
	CHECK(field(ZSWAPCTL_GROUP_SWAP_OPS, line, "ops_bd_reads") == -1,
	      "series v1 (14 fields): the v2 fields are unknown");
	line = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n";
	CHECK(field(ZSWAPCTL_GROUP_SWAP_OPS, line, "ops_bd_reads") == 15, "15th (v2)");
	CHECK(field(ZSWAPCTL_GROUP_SWAP_OPS, line, "bio_failed_reads") == 16, "16th (v2)");
	CHECK(field(ZSWAPCTL_GROUP_SWAP_OPS, line, "bio_failed_writes") == 17, "17th (v2)");
}

static void test_vmstat_psi(void)
{
	const char *vm = "nr_free_pages 100\npswpin 11\npswpout 22\nweird_new_counter x\npgmajfault 3\n";
	const char *psi = "some avg10=1.50 avg60=0.07 avg300=100.00 total=12345\n"
			  "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";

	CHECK(field(ZSWAPCTL_GROUP_VMSTAT, vm, "pswpout") == 22, "pswpout");
	CHECK(field(ZSWAPCTL_GROUP_VMSTAT, vm, "zswpin") == -1, "absent line is unknown");
	CHECK(field(ZSWAPCTL_GROUP_VMSTAT, "pswpin x\n", "pswpin") == -2, "garbage in a reported line");
	CHECK(field(ZSWAPCTL_GROUP_VMSTAT, "pswpin\n", "pswpin") == -2, "missing value");
	CHECK(field(ZSWAPCTL_GROUP_VMSTAT, "nr_free_pages 1\npswpin\t5\n", "pswpin") == 5,
	      "a tab between name and value");
	CHECK(field(ZSWAPCTL_GROUP_VMSTAT, "  pswpin   7", "pswpin") == 7,
	      "blanks around the name, no newline at the end");
	CHECK(field(ZSWAPCTL_GROUP_VMSTAT, "pswpinx 7\npswpi 8\n", "pswpin") == -1,
	      "a longer or a shorter name is another field");
	CHECK(field(ZSWAPCTL_GROUP_PSI, psi, "some_avg10") == 150, "psi avg10 x100");
	CHECK(field(ZSWAPCTL_GROUP_PSI, psi, "some_avg60") == 7, "psi 0.07");
	CHECK(field(ZSWAPCTL_GROUP_PSI, psi, "some_avg300") == 10000, "psi 100.00");
	CHECK(field(ZSWAPCTL_GROUP_PSI, psi, "some_total") == 12345, "psi total");
	CHECK(field(ZSWAPCTL_GROUP_PSI, "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n", "full_total") == -1,
	      "a kernel without 'full' (before 5.x memory full) leaves it unknown");
	CHECK(field(ZSWAPCTL_GROUP_PSI, "some avg10=abc avg60=0.00 avg300=0.00 total=0\n", "some_avg10") == -2, "psi garbage");
	CHECK(field(ZSWAPCTL_GROUP_PSI, "some avg10=0.00\n", "some_avg10") == -2, "psi truncated line");
	CHECK(field(ZSWAPCTL_GROUP_PSI, "", "some_avg10") == -2, "psi empty");
}

/* "lzo,lzo-rle,lz4 [lzo-rle]": the names in order, then the selected one;
 * "failed" when TEXT does not parse. */
static const char *algorithms(const char *text, char *buf, size_t len)
{
	struct zswapctl_algorithms *a;
	const char *name;
	size_t used = 0;

	if (zswapctl_algorithms_parse(text, &a) < 0)
		return "failed";
	buf[0] = '\0';
	zswapctl_algorithms_foreach(a, name)
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s",
					 used ? "," : "", name);
	snprintf(buf + strlen(buf), len - strlen(buf), " [%s]",
		 zswapctl_algorithms_get_selected(a) ? zswapctl_algorithms_get_selected(a) : "");
	zswapctl_algorithms_unref(a);
	return buf;
}

static void test_algorithms(void)
{
	struct zswapctl_algorithms *a = NULL;
	char buf[256];

	CHECK(!strcmp(algorithms("lzo [lzo-rle] lz4 zstd\n", buf, sizeof(buf)),
		      "lzo,lzo-rle,lz4,zstd [lzo-rle]"), "parse: %s", buf);
	CHECK(!strcmp(algorithms("[lzo-rle] lzo lz4 \n", buf, sizeof(buf)),
		      "lzo-rle,lzo,lz4 [lzo-rle]"), "host 6.18: %s", buf);
	CHECK(!strcmp(algorithms("lzo lz4\n", buf, sizeof(buf)), "lzo,lz4 []"),
	      "none selected: %s", buf);
	CHECK(zswapctl_algorithms_parse("lzo [lz4] zstd", &a) == 0, "parse for has");
	if (a) {
		CHECK(zswapctl_algorithms_has(a, "zstd") && !zswapctl_algorithms_has(a, "zst"),
		      "has: whole names only");
		CHECK(zswapctl_algorithms_get_next(a, "lzo") == NULL,
		      "next: of a name the list returned, not an equal string");
		zswapctl_algorithms_unref(a);
	}
	CHECK(zswapctl_algorithms_parse("", &a) == -EINVAL, "empty");
	CHECK(zswapctl_algorithms_parse("[lzo] [lz4]", &a) == -EINVAL, "two selected");
	CHECK(zswapctl_algorithms_parse("[lzo", &a) == -EINVAL, "unclosed");
	CHECK(zswapctl_algorithms_parse("lz4 $$$", &a) == -EINVAL, "garbage");
	CHECK(zswapctl_algorithms_parse("[]", &a) == -EINVAL, "empty brackets");
}

/* TEXT parsed ("parse" checked): the list, NULL when it failed, and its
 * first two areas. */
static struct zswapctl_swap_list *parse_swaps(const char *text, const struct zswapctl_swap_area **a,
					      const struct zswapctl_swap_area **b)
{
	struct zswapctl_swap_list *list = NULL;

	*a = *b = NULL;
	CHECK(zswapctl_swap_list_parse(text, &list) == 0, "parse");
	if (list) {
		*a = zswapctl_swap_list_get_first(list);
		*b = *a ? zswapctl_swap_list_get_next(list, *a) : NULL;
	}
	return list;
}

static void test_swaps(void)
{
	static const char text[] =
		"Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
		"/dev/zram0                              partition\t4194300\t\t24\t\t100\n"
		"/var/swap\\040file\\134x                    file\t\t1024\t\t0\t\t-2\n"
		"garbage\n";
	const struct zswapctl_swap_area *a, *b;
	struct zswapctl_swap_list *list = parse_swaps(text, &a, &b);

	if (!list)
		return;
	CHECK(a && b && !zswapctl_swap_list_get_next(list, b),
	      "two areas, the header and a bad line left out");
	if (!a || !b) {
		zswapctl_swap_list_unref(list);
		return;
	}
	CHECK(strcmp(zswapctl_swap_area_get_source(a), "/dev/zram0") == 0 &&
		      zswapctl_swap_area_is_partition(a) &&
		      zswapctl_swap_area_get_size(a) == 4194300ull * 1024 &&
		      zswapctl_swap_area_get_used(a) == 24 * 1024 &&
		      zswapctl_swap_area_get_priority(a) == 100,
	      "a zram partition, KiB to bytes");
	CHECK(strcmp(zswapctl_swap_area_get_source(b), "/var/swap file\\x") == 0,
	      "octal escapes undone (%s)", zswapctl_swap_area_get_source(b));
	CHECK(!zswapctl_swap_area_is_partition(b) && zswapctl_swap_area_get_priority(b) == -2,
	      "a file, negative priority");
	zswapctl_swap_list_unref(list);
	CHECK(zswapctl_swap_list_parse("Filename\tType\tSize\tUsed\tPriority\n", &list) == 0 &&
		      !zswapctl_swap_list_get_first(list),
	      "no swap");
	zswapctl_swap_list_unref(list);
}

/* Lines that are not five words, or whose numbers are not numbers, are
 * left out; a short line does not borrow the words of the next. */
static void test_swaps_malformed(void)
{
	static const char text[] = "Filename Type Size Used Priority\n"
				   "/dev/zram1 partition 100\n"
				   "/dev/zram2 partition 8 0 5 trailing words\n"
				   "/dev/zram3 partition 8 0 99999999999\n"
				   "/dev/zram4 partition 8 0 -2147483648\n"
				   "/dev/zram5 partition 8x 0 1\n"
				   "/dev/zram6 partition 8 0 +1\n"
				   "   \n";
	const struct zswapctl_swap_area *a, *b;
	struct zswapctl_swap_list *list = parse_swaps(text, &a, &b);

	if (!list)
		return;
	CHECK(a && strcmp(zswapctl_swap_area_get_source(a), "/dev/zram2") == 0 &&
		      zswapctl_swap_area_get_size(a) == 8 * 1024 &&
		      zswapctl_swap_area_get_priority(a) == 5,
	      "a short line is left out, words after the fifth ignored (%s)",
	      a ? zswapctl_swap_area_get_source(a) : "none");
	CHECK(b && strcmp(zswapctl_swap_area_get_source(b), "/dev/zram4") == 0 &&
		      zswapctl_swap_area_get_priority(b) == INT_MIN,
	      "the lowest int is a priority, one past the highest is not (%s)",
	      b ? zswapctl_swap_area_get_source(b) : "none");
	CHECK(b && !zswapctl_swap_list_get_next(list, b),
	      "a size with a suffix and a priority with a plus sign are left out");
	zswapctl_swap_list_unref(list);
}

static void test_group_tables(void)
{
	CHECK(zswapctl_group_nfields(ZSWAPCTL_GROUP_SWAP_OPS) == 17, "kernel.md has 17 swap_ops_stat fields");
	CHECK(zswapctl_group_nfields(ZSWAPCTL_GROUP_MM) == 9, "mm_stat has 9 fields");
	CHECK(zswapctl_group_nfields(ZSWAPCTL_GROUP_BLOCK) == 17, "block stat has 17 fields");
	CHECK(zswapctl_group_field(ZSWAPCTL_GROUP_MM, 9) == NULL, "out of range");
	CHECK(zswapctl_group_key(ZSWAPCTL_GROUP_COUNT) == NULL, "bad group");
}

/* util.h's stand-ins for <ctype.h> and printf agree with them. */
static void test_text_helpers(void)
{
	char name[ZRAM_NAME_MAX];
	char *s;
	int differs = -1000;

	for (int c = -128; c < 256; c++) {
		int u = (unsigned char)c;

		if (ascii_isspace(c) != (c >= 0 && isspace(u) != 0) ||
		    ascii_isdigit(c) != (c >= 0 && isdigit(u) != 0) ||
		    ascii_isalnum(c) != (c >= 0 && isalnum(u) != 0))
			differs = c;
	}
	CHECK(differs == -1000, "ascii_isspace/isdigit/isalnum as <ctype.h> in the C locale "
	      "(first byte that differs: %d)", differs);
	zram_name(name, 0);
	CHECK(!strcmp(name, "zram0"), "%s", name);
	zram_name(name, 4294967295u);
	CHECK(!strcmp(name, "zram4294967295"), "%s", name);
	s = strjoin3("/var", "/", "lib");
	CHECK(s && !strcmp(s, "/var/lib"), "%s", s ? s : "(null)");
	free(s);
	s = strjoin3("", "", "");
	CHECK(s && !*s, "empty parts");
	free(s);
}

/* Paths under the context's root, constant or formatted. */
static void test_root_paths(void)
{
	struct zswapctl_ctx *ctx;
	char *p;

	if (zswapctl_ctx_new(&ctx) < 0) {
		CHECK(false, "ctx");
		return;
	}
	p = zswapctl_root_path(ctx, "/proc/swaps");
	CHECK(p && !strcmp(p, "/proc/swaps"), "real root: %s", p ? p : "(null)");
	free(p);
	CHECK(zswapctl_ctx_set_root(ctx, "/tmp/tree") == 0, "set root");
	p = zswapctl_root_path(ctx, "/proc/swaps");
	CHECK(p && !strcmp(p, "/tmp/tree/proc/swaps"), "%s", p ? p : "(null)");
	free(p);
	p = zswapctl_path(ctx, "/sys/block");
	CHECK(p && !strcmp(p, "/tmp/tree/sys/block"), "constant: %s", p ? p : "(null)");
	free(p);
	p = zswapctl_path(ctx, "/sys/block/zram%u/%s", 12u, "mm_stat");
	CHECK(p && !strcmp(p, "/tmp/tree/sys/block/zram12/mm_stat"), "formatted: %s",
	      p ? p : "(null)");
	free(p);
	p = zswapctl_path(ctx, "/100%%");
	CHECK(p && !strcmp(p, "/tmp/tree/100%"), "a %% in a constant: %s", p ? p : "(null)");
	free(p);
	zswapctl_ctx_unref(ctx);
}

int main(void)
{
	test_text_helpers();
	test_root_paths();
	test_u64();
	test_mm_stat();
	test_debug_and_io();
	test_swap_ops_stat();
	test_vmstat_psi();
	test_algorithms();
	test_swaps();
	test_swaps_malformed();
	test_group_tables();
	return tap_finish();
}
