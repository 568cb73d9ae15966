// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Counter groups: kernel files of numbers whose meaning is fixed by position
 * (mm_stat, io_stat, bd_stat, debug_stat, block stat, swap_ops_stat) or by
 * name (/proc/vmstat, /proc/pressure/memory). counter-fields.def lists the
 * fields in the kernel's documented order; a kernel printing fewer fields
 * leaves the rest unknown, one printing more has the extra ones ignored.
 */
#include <errno.h>
#include <string.h>

#include "private.h"

struct zswapctl_field {
	const char *name;
	enum zswapctl_unit unit;
	bool monotonic;
	const char *help;
};

/* One array a group, made from the catalogue. */
#define GROUP_BEGIN(group) static const struct zswapctl_field group##_fields[] = {
#define GROUP_END };
#define COUNTER(name, unit, help) { name, ZSWAPCTL_UNIT_##unit, true, help },
#define GAUGE(name, unit, help) { name, ZSWAPCTL_UNIT_##unit, false, help },
#include "counter-fields.def"
#undef GROUP_BEGIN
#undef GROUP_END
#undef COUNTER
#undef GAUGE

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

	while (ascii_isspace(*s))
		s++;
	*start = s;
	while (*s && !ascii_isspace(*s))
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

/*
 * "name value" lines. /proc/vmstat has some 180 of them for the dozen
 * fields we report: a line's name is measured (strcspn() for the blank
 * after it, strchrnul() for the line's end: a vector register's stride),
 * compared only with the names of its length (a bit set a length), and the
 * line goes by when it is none of them.
 * Only the values of the fields we report must be numbers. Reading it was
 * a seventh of the instructions of `stats --json` when every byte went
 * through next_token().
 */
static int parse_by_name(const struct group *g, const char *text,
			 struct zswapctl_counters *c)
{
	uint32_t of_length[64] = { 0 }; /* bit i: field i's name is that long */
	bool any_line = false;

	for (size_t i = 0; i < g->nfields; i++) {
		size_t len = strlen(g->fields[i].name);

		if (len < ARRAY_SIZE(of_length))
			of_length[len] |= 1u << i;
	}
	for (const char *line = text; *line;) {
		const char *end = strchrnul(line, '\n'), *key = line, *val;
		size_t klen, vlen;
		uint32_t candidates;
		uint64_t v;
		int i = -1, r;

		line = *end ? end + 1 : end;
		while (key < end && ascii_isspace(*key))
			key++;
		if (key == end)
			continue;
		any_line = true;
		/* Up to the first blank; the line's end is a newline or the
		 * text's. */
		klen = strcspn(key, " \t\n\v\f\r");
		candidates = klen < ARRAY_SIZE(of_length) ? of_length[klen] : 0;
		for (; candidates; candidates &= candidates - 1) {
			int k = __builtin_ctz(candidates);

			if (memcmp(g->fields[k].name, key, klen) == 0) {
				i = k;
				break;
			}
		}
		if (i < 0)
			continue;
		for (val = key + klen; val < end && ascii_isspace(*val); val++)
			;
		for (vlen = 0; val + vlen < end && !ascii_isspace(val[vlen]); vlen++)
			;
		if (!vlen)
			return -EINVAL;
		r = token_u64(val, vlen, &v);
		if (r < 0)
			return r;
		c->values[i] = v;
		c->known |= 1u << i;
	}
	return any_line ? 0 : -ENODATA;
}

/* "12.34" -> 1234 (fixed point, two decimals). */
static int parse_centi(const char *s, size_t len, uint64_t *value)
{
	uint64_t whole = 0, frac = 0;
	size_t i = 0, digits = 0;

	if (!len || !ascii_isdigit(s[0]))
		return -EINVAL;
	for (; i < len && ascii_isdigit(s[i]); i++) {
		whole = whole * 10 + (uint64_t)(s[i] - '0');
		if (whole > 100000)
			return -ERANGE;
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && ascii_isdigit(s[i]); i++)
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
	r = zswapctl_read_root(ctx, 0, &text, g->file);
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
