// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Active swap areas, from /proc/swaps.
 *
 * Read here rather than through libmount, as zramctl does: the table has
 * five columns and one escape, while linking libmount (and libblkid,
 * libselinux and libpcre2 behind it) cost every status and stats run more
 * start-up time than all of their work.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "private.h"

struct zswapctl_swap_area {
	char *source; /* as the kernel prints it, e.g. "/dev/zram0" */
	bool is_partition;
	uint64_t size; /* bytes */
	uint64_t used; /* bytes */
	int priority;
};

struct zswapctl_swap_list {
	int refcount;
	struct zswapctl_swap_area *areas; /* in /proc/swaps order */
	size_t count;
};

ZSWAPCTL_EXPORT struct zswapctl_swap_list *
zswapctl_swap_list_ref(struct zswapctl_swap_list *list)
{
	if (list)
		list->refcount++;
	return list;
}

ZSWAPCTL_EXPORT struct zswapctl_swap_list *
zswapctl_swap_list_unref(struct zswapctl_swap_list *list)
{
	if (!list || --list->refcount > 0)
		return NULL;
	for (size_t i = 0; i < list->count; i++)
		free(list->areas[i].source);
	free(list->areas);
	free(list);
	return NULL;
}

/* The kernel writes space, tab, newline and backslash in a path as \\ooo. */
static void unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0'));
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

/* A KiB count of /proc/swaps in bytes: digits only, no sign, no overflow. */
static int kib_to_bytes(const char *kib, uint64_t *bytes)
{
	uint64_t v;
	int r = zswapctl_parse_u64(kib, &v);

	if (r < 0)
		return r;
	if (v > UINT64_MAX / 1024)
		return -ERANGE;
	*bytes = v * 1024;
	return 0;
}

/* A priority column: an int, negative for the kernel's own (-1, -2 ...). */
static int parse_priority(const char *word, int *priority)
{
	bool negative = word[0] == '-';
	uint64_t v;
	int r = zswapctl_parse_u64(word + negative, &v);

	if (r < 0)
		return r;
	if (v > (uint64_t)INT_MAX + negative)
		return -ERANGE;
	*priority = negative ? (int)-(int64_t)v : (int)v;
	return 0;
}

/*
 * "Filename Type Size Used Priority", sizes in KiB, split on the line's
 * blanks (the kernel escapes them in a path) in a copy of the line that
 * then holds the path. Not sscanf(): its code and stack are a page each
 * of what a `stats` run faults in, for five words.
 */
static int parse_line(const char *line, struct zswapctl_swap_area *a)
{
	char *copy = strndup(line, strcspn(line, "\n"));
	char *words[5], *s = copy;
	size_t n = 0;

	if (!copy)
		return -ENOMEM;
	while (n < 5) {
		s += strspn(s, " \t");
		if (!*s)
			break;
		words[n++] = s;
		s += strcspn(s, " \t");
		if (*s)
			*s++ = '\0';
	}
	if (n < 5 || kib_to_bytes(words[2], &a->size) < 0 || kib_to_bytes(words[3], &a->used) < 0 ||
	    parse_priority(words[4], &a->priority) < 0) {
		free(copy);
		return -EINVAL;
	}
	a->is_partition = strcmp(words[1], "partition") == 0;
	/* The path is the first word: the copy from its start. */
	memmove(copy, words[0], strlen(words[0]) + 1);
	unescape(copy);
	a->source = copy;
	return 0;
}

int zswapctl_swap_list_parse(const char *text, struct zswapctl_swap_list **out)
{
	struct zswapctl_swap_list *list = calloc(1, sizeof(*list));
	const char *line = strchr(text, '\n'); /* past the header */
	int r;

	if (!list)
		return -ENOMEM;
	list->refcount = 1;
	while (line && *++line) {
		struct zswapctl_swap_area *bigger;

		bigger = realloc(list->areas, (list->count + 1) * sizeof(*bigger));
		if (!bigger) {
			zswapctl_swap_list_unref(list);
			return -ENOMEM;
		}
		list->areas = bigger;
		memset(&list->areas[list->count], 0, sizeof(*bigger));
		r = parse_line(line, &list->areas[list->count]);
		if (r == -ENOMEM) {
			zswapctl_swap_list_unref(list);
			return r;
		}
		if (r == 0)
			list->count++;
		line = strchr(line, '\n');
	}
	*out = list;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_swap_list_new(struct zswapctl_ctx *ctx,
					   struct zswapctl_swap_list **out)
{
	_cleanup_free_ char *text = NULL;
	int r = zswapctl_read_rootf(ctx, 0, &text, "/proc/swaps");

	if (r < 0)
		return r;
	return zswapctl_swap_list_parse(text, out);
}

ZSWAPCTL_EXPORT const struct zswapctl_swap_area *
zswapctl_swap_list_get_first(const struct zswapctl_swap_list *list)
{
	return list->count ? &list->areas[0] : NULL;
}

ZSWAPCTL_EXPORT const struct zswapctl_swap_area *
zswapctl_swap_list_get_next(const struct zswapctl_swap_list *list,
			    const struct zswapctl_swap_area *area)
{
	if (area < list->areas || area + 1 >= list->areas + list->count)
		return NULL;
	return area + 1;
}

ZSWAPCTL_EXPORT const struct zswapctl_swap_area *
zswapctl_swap_list_find_dev(const struct zswapctl_swap_list *list,
			    const struct zswapctl_dev *dev)
{
	const char *node = zswapctl_dev_get_devnode(dev);

	for (size_t i = 0; i < list->count; i++)
		if (list->areas[i].is_partition &&
		    strcmp(list->areas[i].source, node) == 0)
			return &list->areas[i];
	return NULL;
}

/* The opaque area's fields, read-only. */
#define SWAP_AREA_GETTER(type, getter, field)                              \
	ZSWAPCTL_EXPORT type getter(const struct zswapctl_swap_area *area) \
	{                                                                  \
		return area->field;                                        \
	}

SWAP_AREA_GETTER(const char *, zswapctl_swap_area_get_source, source)
SWAP_AREA_GETTER(bool, zswapctl_swap_area_is_partition, is_partition)
SWAP_AREA_GETTER(uint64_t, zswapctl_swap_area_get_size, size)
SWAP_AREA_GETTER(uint64_t, zswapctl_swap_area_get_used, used)
SWAP_AREA_GETTER(int, zswapctl_swap_area_get_priority, priority)
