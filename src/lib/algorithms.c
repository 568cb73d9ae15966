// SPDX-License-Identifier: LGPL-2.1-or-later
/* comp_algorithm: "lzo [lzo-rle] lz4 zstd", the bracketed one selected. */
#include <errno.h>
#include <string.h>

#include "private.h"

struct zswapctl_algorithms {
	int refcount;
	char **names; /* in the kernel's order */
	size_t count;
	const char *selected; /* one of names, NULL when none is marked */
};

ZSWAPCTL_EXPORT struct zswapctl_algorithms *
zswapctl_algorithms_ref(struct zswapctl_algorithms *algs)
{
	if (algs)
		algs->refcount++;
	return algs;
}

ZSWAPCTL_EXPORT struct zswapctl_algorithms *
zswapctl_algorithms_unref(struct zswapctl_algorithms *algs)
{
	if (!algs || --algs->refcount > 0)
		return NULL;
	for (size_t i = 0; i < algs->count; i++)
		free(algs->names[i]);
	free(algs->names);
	free(algs);
	return NULL;
}

static int add_algorithm(struct zswapctl_algorithms *algs, const char *name,
			 size_t len)
{
	char **bigger = realloc(algs->names,
				(algs->count + 1) * sizeof(*algs->names));

	if (!bigger)
		return -ENOMEM;
	algs->names = bigger;
	algs->names[algs->count] = strndup(name, len);
	if (!algs->names[algs->count])
		return -ENOMEM;
	algs->count++;
	return 0;
}

static bool valid_name_char(char c)
{
	return ascii_isalnum(c) || c == '-' || c == '_' || c == '.';
}

static int parse_into(const char *text, struct zswapctl_algorithms *algs)
{
	const char *p = text;

	while (*p) {
		bool bracketed = false;
		const char *start;
		size_t len;
		int r;

		while (ascii_isspace(*p))
			p++;
		if (!*p)
			break;
		if (*p == '[') {
			bracketed = true;
			p++;
		}
		start = p;
		while (valid_name_char(*p))
			p++;
		len = (size_t)(p - start);
		if (bracketed) {
			if (*p != ']' || algs->selected)
				return -EINVAL;
			p++;
		}
		if (len == 0 || (*p && !ascii_isspace(*p)))
			return -EINVAL;
		r = add_algorithm(algs, start, len);
		if (r < 0)
			return r;
		if (bracketed)
			algs->selected = algs->names[algs->count - 1];
	}
	return algs->count ? 0 : -EINVAL;
}

ZSWAPCTL_EXPORT int zswapctl_algorithms_parse(const char *text,
					      struct zswapctl_algorithms **out)
{
	struct zswapctl_algorithms *algs = calloc(1, sizeof(*algs));
	int r;

	if (!algs)
		return -ENOMEM;
	algs->refcount = 1;
	r = parse_into(text, algs);
	if (r < 0) {
		zswapctl_algorithms_unref(algs);
		return r;
	}
	*out = algs;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_dev_read_algorithms(const struct zswapctl_dev *dev,
						 struct zswapctl_algorithms **algs)
{
	_cleanup_free_ char *text = NULL;
	int r = zswapctl_dev_read_attr(dev, "comp_algorithm", &text);

	if (r < 0)
		return r;
	return zswapctl_algorithms_parse(text, algs);
}

ZSWAPCTL_EXPORT const char *
zswapctl_algorithms_get_selected(const struct zswapctl_algorithms *algs)
{
	return algs->selected;
}

ZSWAPCTL_EXPORT bool zswapctl_algorithms_has(const struct zswapctl_algorithms *algs,
					     const char *name)
{
	for (size_t i = 0; i < algs->count; i++)
		if (strcmp(algs->names[i], name) == 0)
			return true;
	return false;
}

ZSWAPCTL_EXPORT const char *
zswapctl_algorithms_get_first(const struct zswapctl_algorithms *algs)
{
	return algs->count ? algs->names[0] : NULL;
}

ZSWAPCTL_EXPORT const char *
zswapctl_algorithms_get_next(const struct zswapctl_algorithms *algs,
			     const char *name)
{
	for (size_t i = 0; i + 1 < algs->count; i++)
		if (algs->names[i] == name)
			return algs->names[i + 1];
	return NULL;
}
