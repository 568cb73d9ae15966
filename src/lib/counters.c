// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Counter groups: kernel files of numbers whose meaning is fixed by position
 * (mm_stat, io_stat, bd_stat, debug_stat, block stat, swap_ops_stat) or by
 * name (/proc/vmstat, /proc/pressure/memory). The tables below are the
 * kernel's documented order; a kernel printing fewer fields leaves the rest
 * unknown, one printing more has the extra ones ignored.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "private.h"

struct zswapctl_field {
	const char *name;
	enum zswapctl_unit unit;
	bool monotonic;
	const char *help;
};

#define C(n, u, h) { n, ZSWAPCTL_UNIT_##u, true, h }
#define G(n, u, h) { n, ZSWAPCTL_UNIT_##u, false, h }

static const struct zswapctl_field mm_fields[] = {
	G("orig_data_size", BYTES, "Uncompressed size of data stored"),
	G("compr_data_size", BYTES, "Compressed size of data stored"),
	G("mem_used_total", BYTES, "Memory used by the allocator, including fragmentation and metadata"),
	G("mem_limit", BYTES, "Memory limit (0: none)"),
	G("mem_used_max", BYTES, "Peak memory used by the allocator"),
	G("same_pages", PAGES, "Same-element filled pages stored without memory"),
	C("pages_compacted", PAGES, "Pages freed by compaction"),
	G("huge_pages", PAGES, "Incompressible pages stored uncompressed"),
	C("huge_pages_since", PAGES, "Incompressible pages stored since the device was initialised"),
};

static const struct zswapctl_field io_fields[] = {
	C("failed_reads", COUNT, "Failed reads"),
	C("failed_writes", COUNT, "Failed writes"),
	C("invalid_io", COUNT, "Non-page-aligned I/O requests"),
	C("notify_free", COUNT, "Slot free notifications"),
};

static const struct zswapctl_field bd_fields[] = {
	G("bd_count", PAGES, "Pages stored on the backing device"),
	C("bd_reads", PAGES, "Pages read from the backing device"),
	C("bd_writes", PAGES, "Pages written to the backing device"),
};

static const struct zswapctl_field debug_fields[] = {
	G("version", COUNT, "debug_stat format version"),
	C("writestall", COUNT, "Legacy write stall counter (always 0 on current kernels)"),
	C("miss_free", COUNT, "Slot frees that found the slot lock taken"),
};

static const struct zswapctl_field block_fields[] = {
	C("read_ios", COUNT, "Read requests completed"),
	C("read_merges", COUNT, "Read requests merged"),
	C("read_sectors", SECTORS, "Sectors read"),
	C("read_ticks", MS, "Time spent in reads"),
	C("write_ios", COUNT, "Write requests completed"),
	C("write_merges", COUNT, "Write requests merged"),
	C("write_sectors", SECTORS, "Sectors written"),
	C("write_ticks", MS, "Time spent in writes"),
	G("in_flight", COUNT, "Requests in flight"),
	C("io_ticks", MS, "Time the device was busy"),
	C("time_in_queue", MS, "Weighted time spent in the queue"),
	C("discard_ios", COUNT, "Discard requests completed"),
	C("discard_merges", COUNT, "Discard requests merged"),
	C("discard_sectors", SECTORS, "Sectors discarded"),
	C("discard_ticks", MS, "Time spent in discards"),
	C("flush_ios", COUNT, "Flush requests completed"),
	C("flush_ticks", MS, "Time spent in flushes"),
};

static const struct zswapctl_field swap_ops_fields[] = {
	C("ops_reads", PAGES, "Pages read through swap_ops"),
	C("ops_writes", PAGES, "Pages stored through swap_ops"),
	C("bio_reads", PAGES, "Pages read through bios"),
	C("bio_writes", PAGES, "Pages written through bios"),
	C("wb_fallback", PAGES, "Reads declined because the slot is on the backing device (series v1; 0 since v2)"),
	C("off_fallback", PAGES, "Pages sent to bios because swap_ops is off"),
	C("ops_notify_free", COUNT, "Slot frees received through swap_ops"),
	C("bdev_notify_free", COUNT, "Slot frees received through block_device_operations"),
	C("ops_failed_reads", COUNT, "swap_ops read failures (series v2: their pages)"),
	C("ops_failed_writes", COUNT, "swap_ops write failures (series v2: their pages)"),
	C("ops_read_ns", NS, "Time in swap_ops reads (v2: 0 unless swap_ops_timing is on)"),
	C("ops_write_ns", NS, "Time in swap_ops writes (v2: 0 unless swap_ops_timing is on)"),
	C("bio_read_ns", NS, "Time in zram bio reads (v2: 0 unless swap_ops_timing is on)"),
	C("bio_write_ns", NS, "Time in zram bio writes (v2: 0 unless swap_ops_timing is on)"),
	/* series v2: appended */
	C("ops_bd_reads", PAGES, "Pages of ops_reads read from the backing device"),
	C("bio_failed_reads", PAGES, "Pages of failed bio reads"),
	C("bio_failed_writes", PAGES, "Pages of failed bio writes"),
};

static const struct zswapctl_field vmstat_fields[] = {
	C("pswpin", PAGES, "Pages swapped in"),
	C("pswpout", PAGES, "Pages swapped out"),
	C("pgmajfault", COUNT, "Major page faults"),
	C("swap_ra", PAGES, "Pages read ahead from swap"),
	C("swap_ra_hit", PAGES, "Swap readahead pages that were used"),
	C("swpin_zero", PAGES, "Zero-filled pages swapped in without I/O"),
	C("swpout_zero", PAGES, "Zero-filled pages swapped out without I/O"),
	C("zswpin", PAGES, "Pages loaded from zswap"),
	C("zswpout", PAGES, "Pages stored in zswap"),
	C("zswpwb", PAGES, "Pages written back from zswap to swap"),
	C("thp_swpout", COUNT, "Huge pages swapped out in one piece"),
	C("thp_swpout_fallback", COUNT, "Huge pages split before swap-out"),
	G("nr_swapcached", PAGES, "Pages in the swap cache"),
};

static const struct zswapctl_field psi_fields[] = {
	G("some_avg10", PERCENT_X100, "Share of time some task stalled on memory, 10 s average"),
	G("some_avg60", PERCENT_X100, "Share of time some task stalled on memory, 60 s average"),
	G("some_avg300", PERCENT_X100, "Share of time some task stalled on memory, 300 s average"),
	C("some_total", US, "Total time some task stalled on memory"),
	G("full_avg10", PERCENT_X100, "Share of time all tasks stalled on memory, 10 s average"),
	G("full_avg60", PERCENT_X100, "Share of time all tasks stalled on memory, 60 s average"),
	G("full_avg300", PERCENT_X100, "Share of time all tasks stalled on memory, 300 s average"),
	C("full_total", US, "Total time all tasks stalled on memory"),
};

enum layout { BY_POSITION, BY_NAME, PSI };

static const struct group {
	const char *key;
	const char *file;
	const struct zswapctl_field *fields;
	size_t nfields;
	enum layout layout;
} groups[ZSWAPCTL_GROUP_COUNT] = {
	[ZSWAPCTL_GROUP_MM] = { "mm", "mm_stat", mm_fields, ARRAY_SIZE(mm_fields), BY_POSITION },
	[ZSWAPCTL_GROUP_IO] = { "io", "io_stat", io_fields, ARRAY_SIZE(io_fields), BY_POSITION },
	[ZSWAPCTL_GROUP_BD] = { "bd", "bd_stat", bd_fields, ARRAY_SIZE(bd_fields), BY_POSITION },
	[ZSWAPCTL_GROUP_DEBUG] = { "debug", "debug_stat", debug_fields, ARRAY_SIZE(debug_fields), BY_POSITION },
	[ZSWAPCTL_GROUP_BLOCK] = { "block", "stat", block_fields, ARRAY_SIZE(block_fields), BY_POSITION },
	[ZSWAPCTL_GROUP_SWAP_OPS] = { "swap_ops", "swap_ops_stat", swap_ops_fields, ARRAY_SIZE(swap_ops_fields), BY_POSITION },
	[ZSWAPCTL_GROUP_VMSTAT] = { "vmstat", "/proc/vmstat", vmstat_fields, ARRAY_SIZE(vmstat_fields), BY_NAME },
	[ZSWAPCTL_GROUP_PSI] = { "psi_memory", "/proc/pressure/memory", psi_fields, ARRAY_SIZE(psi_fields), PSI },
};

#define MAX_FIELDS 32

struct zswapctl_counters {
	int refcount;
	enum zswapctl_group group;
	uint32_t known; /* bit i: field i was printed by the kernel */
	uint64_t values[MAX_FIELDS];
};

_Static_assert(ARRAY_SIZE(block_fields) <= MAX_FIELDS, "too many fields");

static const struct group *group_of(enum zswapctl_group g)
{
	return (unsigned int)g < ZSWAPCTL_GROUP_COUNT ? &groups[g] : NULL;
}

ZSWAPCTL_EXPORT const char *zswapctl_group_key(enum zswapctl_group g)
{
	return group_of(g) ? groups[g].key : NULL;
}

ZSWAPCTL_EXPORT const char *zswapctl_group_file(enum zswapctl_group g)
{
	return group_of(g) ? groups[g].file : NULL;
}

ZSWAPCTL_EXPORT size_t zswapctl_group_nfields(enum zswapctl_group g)
{
	return group_of(g) ? groups[g].nfields : 0;
}

ZSWAPCTL_EXPORT const struct zswapctl_field *
zswapctl_group_field(enum zswapctl_group g, size_t index)
{
	if (!group_of(g) || index >= groups[g].nfields)
		return NULL;
	return &groups[g].fields[index];
}

ZSWAPCTL_EXPORT const char *zswapctl_field_get_name(const struct zswapctl_field *f)
{
	return f->name;
}

ZSWAPCTL_EXPORT enum zswapctl_unit
zswapctl_field_get_unit(const struct zswapctl_field *f)
{
	return f->unit;
}

ZSWAPCTL_EXPORT bool zswapctl_field_is_monotonic(const struct zswapctl_field *f)
{
	return f->monotonic;
}

ZSWAPCTL_EXPORT const char *zswapctl_field_get_help(const struct zswapctl_field *f)
{
	return f->help;
}

/* Next whitespace-separated token; returns its length, 0 at the end. */
static size_t next_token(const char **p, const char **start)
{
	const char *s = *p;

	while (isspace((unsigned char)*s))
		s++;
	*start = s;
	while (*s && !isspace((unsigned char)*s))
		s++;
	*p = s;
	return (size_t)(s - *start);
}

static int token_u64(const char *tok, size_t len, uint64_t *value)
{
	char buf[32];

	if (len >= sizeof(buf))
		return len > 20 && strspn(tok, "0123456789") >= len ? -ERANGE : -EINVAL;
	memcpy(buf, tok, len);
	buf[len] = '\0';
	return zswapctl_parse_u64(buf, value);
}

static int parse_by_position(const struct group *g, const char *text,
			     struct zswapctl_counters *c)
{
	const char *p = text, *tok;
	size_t len, i = 0;

	/* debug_stat starts with "version: N"; treat "version:" as a label. */
	if (strncmp(p, "version:", 8) == 0)
		p += 8;
	while ((len = next_token(&p, &tok)) > 0) {
		uint64_t v;
		int r = token_u64(tok, len, &v);

		if (r < 0)
			return r;
		if (i < g->nfields) {
			c->values[i] = v;
			c->known |= 1u << i;
		}
		i++;
	}
	return i ? 0 : -ENODATA;
}

static int parse_by_name(const struct group *g, const char *text,
			 struct zswapctl_counters *c)
{
	const char *p = text;
	bool any_line = false;

	while (*p) {
		const char *key, *val;
		size_t klen = next_token(&p, &key), vlen;
		uint64_t v;
		int r;

		if (!klen)
			break;
		vlen = next_token(&p, &val);
		if (!vlen)
			return -EINVAL;
		any_line = true;
		/* /proc/vmstat has some 180 lines for a handful of fields: look
		 * the key up first, and only the fields we report must be
		 * numbers. */
		for (size_t i = 0; i < g->nfields; i++) {
			const char *name = g->fields[i].name;

			if (name[0] != key[0] || strncmp(name, key, klen) != 0 || name[klen])
				continue;
			r = token_u64(val, vlen, &v);
			if (r < 0)
				return r;
			c->values[i] = v;
			c->known |= 1u << i;
		}
	}
	return any_line ? 0 : -ENODATA;
}

/* "12.34" -> 1234 (fixed point, two decimals). */
static int parse_centi(const char *s, size_t len, uint64_t *value)
{
	uint64_t whole = 0, frac = 0;
	size_t i = 0, digits = 0;

	if (!len || !isdigit((unsigned char)s[0]))
		return -EINVAL;
	for (; i < len && isdigit((unsigned char)s[i]); i++) {
		whole = whole * 10 + (uint64_t)(s[i] - '0');
		if (whole > 100000)
			return -ERANGE;
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && isdigit((unsigned char)s[i]); i++)
			if (digits++ < 2)
				frac = frac * 10 + (uint64_t)(s[i] - '0');
	}
	if (i != len)
		return -EINVAL;
	while (digits++ < 2)
		frac *= 10;
	*value = whole * 100 + frac;
	return 0;
}

/* "some avg10=0.00 avg60=0.00 avg300=0.00 total=0" and a "full" line. */
static int parse_psi(const char *text, struct zswapctl_counters *c)
{
	static const char *const keys[] = { "avg10=", "avg60=", "avg300=", "total=" };
	const char *p = text;
	bool any = false;

	for (;;) {
		const char *tok;
		size_t len = next_token(&p, &tok), base;

		if (!len)
			break;
		if (len == 4 && strncmp(tok, "some", 4) == 0)
			base = 0;
		else if (len == 4 && strncmp(tok, "full", 4) == 0)
			base = 4;
		else
			return -EINVAL;
		for (size_t k = 0; k < ARRAY_SIZE(keys); k++) {
			size_t klen = strlen(keys[k]);
			uint64_t v;
			int r;

			len = next_token(&p, &tok);
			if (len <= klen || strncmp(tok, keys[k], klen) != 0)
				return -EINVAL;
			if (k == 3)
				r = token_u64(tok + klen, len - klen, &v);
			else
				r = parse_centi(tok + klen, len - klen, &v);
			if (r < 0)
				return r;
			/* A share of time: more than 100 % is not PSI. */
			if (k < 3 && v > 10000)
				return -ERANGE;
			c->values[base + k] = v;
			c->known |= 1u << (base + k);
		}
		any = true;
	}
	return any ? 0 : -ENODATA;
}

ZSWAPCTL_EXPORT int zswapctl_counters_parse(enum zswapctl_group group,
					    const char *text,
					    struct zswapctl_counters **out)
{
	const struct group *g = group_of(group);
	struct zswapctl_counters *c;
	int r;

	if (!g || !text)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->refcount = 1;
	c->group = group;
	switch (g->layout) {
	case BY_POSITION:
		r = parse_by_position(g, text, c);
		break;
	case BY_NAME:
		r = parse_by_name(g, text, c);
		break;
	default:
		r = parse_psi(text, c);
		break;
	}
	/* An empty file is garbage too: the kernel always prints something. */
	if (r == -ENODATA)
		r = -EINVAL;
	if (r < 0) {
		free(c);
		return r;
	}
	*out = c;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_dev_read_counters(const struct zswapctl_dev *dev,
					       enum zswapctl_group group,
					       struct zswapctl_counters **out)
{
	const struct group *g = group_of(group);
	_cleanup_free_ char *text = NULL;
	int r;

	if (!g || g->file[0] == '/')
		return -EINVAL;
	r = zswapctl_dev_read_attr(dev, g->file, &text);
	if (r < 0)
		return r;
	return zswapctl_counters_parse(group, text, out);
}

ZSWAPCTL_EXPORT int zswapctl_read_counters(struct zswapctl_ctx *ctx,
					   enum zswapctl_group group,
					   struct zswapctl_counters **out)
{
	const struct group *g = group_of(group);
	_cleanup_free_ char *text = NULL;
	int r;

	if (!g || g->file[0] != '/')
		return -EINVAL;
	r = zswapctl_read_rootf(ctx, 0, &text, "%s", g->file);
	if (r < 0)
		return r;
	return zswapctl_counters_parse(group, text, out);
}

ZSWAPCTL_EXPORT struct zswapctl_counters *
zswapctl_counters_ref(struct zswapctl_counters *c)
{
	if (c)
		c->refcount++;
	return c;
}

ZSWAPCTL_EXPORT struct zswapctl_counters *
zswapctl_counters_unref(struct zswapctl_counters *c)
{
	if (!c || --c->refcount > 0)
		return NULL;
	free(c);
	return NULL;
}

ZSWAPCTL_EXPORT enum zswapctl_group
zswapctl_counters_get_group(const struct zswapctl_counters *c)
{
	return c->group;
}

ZSWAPCTL_EXPORT int zswapctl_counters_get(const struct zswapctl_counters *c,
					  size_t index, uint64_t *value)
{
	if (index >= groups[c->group].nfields)
		return -EINVAL;
	if (!(c->known & (1u << index)))
		return -ENODATA;
	*value = c->values[index];
	return 0;
}

ZSWAPCTL_EXPORT int
zswapctl_counters_get_by_name(const struct zswapctl_counters *c,
			      const char *name, uint64_t *value)
{
	const struct group *g = &groups[c->group];

	for (size_t i = 0; i < g->nfields; i++)
		if (strcmp(g->fields[i].name, name) == 0)
			return zswapctl_counters_get(c, i, value);
	return -EINVAL;
}

ZSWAPCTL_EXPORT int zswapctl_dev_read_counter(const struct zswapctl_dev *dev,
					      enum zswapctl_group group,
					      const char *name, uint64_t *value)
{
	struct zswapctl_counters *c;
	int r = zswapctl_dev_read_counters(dev, group, &c);

	if (r < 0)
		return r;
	r = zswapctl_counters_get_by_name(c, name, value);
	zswapctl_counters_unref(c);
	return r;
}
