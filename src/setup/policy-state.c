// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The maintenance state file, one per device under /var/lib/zswapctl:
 *
 *   zswapctl-maintain 1
 *   boot-id 0f6d...
 *   day-start 1764600000
 *   day-written 12582912
 *   last-round 1764600600
 *   last-written 4194304
 *   last-recompress 0
 *   suspend-base 1520
 *   suspend 86400 28800
 *
 * It is outside input (a disk can hand back anything): the parser is
 * strict and small, and anything it does not know makes the whole file
 * invalid, so that the policy starts afresh instead of trusting half of it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "policy.h"
#include "util.h"

#define MAGIC_NAME "zswapctl-maintain "
#define STATE_VERSION 1
#define MAGIC MAGIC_NAME "1"

enum field {
	F_BOOT_ID,
	F_DAY_START,
	F_DAY_WRITTEN,
	F_LAST_ROUND,
	F_LAST_WRITTEN,
	F_LAST_RECOMPRESS,
	F_SUSPEND_BASE,
	F_SUSPEND,
	F_MAX
};

static const char *const field_names[F_MAX] = {
	[F_BOOT_ID] = "boot-id",
	[F_DAY_START] = "day-start",
	[F_DAY_WRITTEN] = "day-written",
	[F_LAST_ROUND] = "last-round",
	[F_LAST_WRITTEN] = "last-written",
	[F_LAST_RECOMPRESS] = "last-recompress",
	[F_SUSPEND_BASE] = "suspend-base",
	[F_SUSPEND] = "suspend",
};

/* Decimal, no sign, no leading zero, no overflow; advances *p past it. */
static int parse_u64(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;
	uint64_t n = 0;

	if (s == end || *s < '0' || *s > '9')
		return -EINVAL;
	if (*s == '0' && s + 1 < end && s[1] >= '0' && s[1] <= '9')
		return -EINVAL;
	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		if (n > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return -EINVAL;
		n = n * 10 + (uint64_t)(*s - '0');
	}
	*p = s;
	*v = n;
	return 0;
}

/* What /proc/sys/kernel/random/boot_id holds: 8-4-4-4-12 lower-case hex. */
static bool boot_id_ok(const char *s, size_t len)
{
	if (len != MAINTAIN_BOOT_ID_LEN)
		return false;
	for (size_t i = 0; i < len; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	}
	return true;
}

static uint64_t *field_u64(struct maintain_state *st, enum field f)
{
	switch (f) {
	case F_DAY_START:
		return &st->day_start;
	case F_DAY_WRITTEN:
		return &st->day_written;
	case F_LAST_ROUND:
		return &st->last_round;
	case F_LAST_WRITTEN:
		return &st->last_written;
	case F_LAST_RECOMPRESS:
		return &st->last_recompress;
	case F_SUSPEND_BASE:
		return &st->suspend_base;
	default:
		return NULL;
	}
}

/* One "KEY VALUE" line, without its newline. */
static int parse_line(const char *s, const char *end, struct maintain_state *st, bool seen[F_MAX])
{
	const char *sp = memchr(s, ' ', (size_t)(end - s)), *v;
	int f;

	if (!sp)
		return -EINVAL;
	for (f = 0; f < F_MAX; f++)
		if (strlen(field_names[f]) == (size_t)(sp - s) && !strncmp(s, field_names[f], (size_t)(sp - s)))
			break;
	if (f == F_MAX || (seen[f] && f != F_SUSPEND))
		return -EINVAL;
	seen[f] = true;
	v = sp + 1;
	if (f == F_BOOT_ID) {
		if (!boot_id_ok(v, (size_t)(end - v)))
			return -EINVAL;
		memcpy(st->boot_id, v, MAINTAIN_BOOT_ID_LEN);
		st->boot_id[MAINTAIN_BOOT_ID_LEN] = '\0';
		return 0;
	}
	if (f == F_SUSPEND) {
		struct maintain_suspend *sus;

		if (st->nsuspends == MAINTAIN_SUSPENDS)
			return -EINVAL;
		sus = &st->suspends[st->nsuspends];
		if (parse_u64(&v, end, &sus->end) < 0 || v == end || *v++ != ' ' ||
		    parse_u64(&v, end, &sus->duration) < 0 || v != end)
			return -EINVAL;
		/* Oldest first, as maintain_age_with_suspend() walks them. */
		if (st->nsuspends && sus->end < st->suspends[st->nsuspends - 1].end)
			return -EINVAL;
		st->nsuspends++;
		return 0;
	}
	if (parse_u64(&v, end, field_u64(st, (enum field)f)) < 0 || v != end)
		return -EINVAL;
	return 0;
}

/* A header line of a later version: its fields may mean something else, and
 * a downgraded zswapctl must not take it for corrupt and overwrite it. */
static bool newer_version(const char *text, size_t len)
{
	const char *p = text + strlen(MAGIC_NAME), *end = text + len;
	uint64_t v;

	return len > strlen(MAGIC_NAME) && !memcmp(text, MAGIC_NAME, strlen(MAGIC_NAME)) &&
	       parse_u64(&p, end, &v) == 0 && p < end && *p == '\n' && v > STATE_VERSION;
}

int maintain_state_parse(const char *text, size_t len, struct maintain_state *out)
{
	struct maintain_state st = { 0 };
	bool seen[F_MAX] = { false };
	const char *p = text, *end = text + len;

	if (newer_version(text, len))
		return -EPROTONOSUPPORT;
	if (len > MAINTAIN_STATE_MAX || len < sizeof(MAGIC) ||
	    memcmp(text, MAGIC "\n", sizeof(MAGIC)))
		return -EINVAL;
	p += sizeof(MAGIC);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		/* Every line ends in a newline: a cut-off file is invalid. */
		if (!nl || parse_line(p, nl, &st, seen) < 0)
			return -EINVAL;
		p = nl + 1;
	}
	/* A day's count without its day, a suspend without a boot: invalid. */
	if ((st.day_written && !st.day_start) || (st.nsuspends && !st.boot_id[0]))
		return -EINVAL;
	*out = st;
	return 0;
}

int maintain_state_format(const struct maintain_state *st, char *buf, size_t size)
{
	size_t len = 0;

	if (buf_appendf(buf, size, &len, MAGIC "\n") < 0 ||
	    (st->boot_id[0] &&
	     buf_appendf(buf, size, &len, "%s %s\n", field_names[F_BOOT_ID], st->boot_id) < 0))
		return -ENOSPC;
	for (int f = F_DAY_START; f <= F_SUSPEND_BASE; f++)
		if (buf_appendf(buf, size, &len, "%s %llu\n", field_names[f],
				(unsigned long long)*field_u64((struct maintain_state *)st,
							       (enum field)f)) < 0)
			return -ENOSPC;
	for (size_t i = 0; i < st->nsuspends && st->boot_id[0]; i++)
		if (buf_appendf(buf, size, &len, "%s %llu %llu\n", field_names[F_SUSPEND],
				(unsigned long long)st->suspends[i].end,
				(unsigned long long)st->suspends[i].duration) < 0)
			return -ENOSPC;
	return (int)len;
}
