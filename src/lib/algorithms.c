// SPDX-License-Identifier: LGPL-2.1-or-later
/* comp_algorithm: "lzo [lzo-rle] lz4 zstd", the bracketed one selected. */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "private.h"

ZSWAPCTL_EXPORT void zswapctl_algorithms_free(struct zswapctl_algorithms *algs)
{
	if (!algs)
		return;
	for (size_t i = 0; i < algs->count; i++)
		free(algs->available[i]);
	free(algs->available);
	free(algs->selected);
	free(algs);
}

static int add_algorithm(struct zswapctl_algorithms *algs, const char *name,
			 size_t len)
{
	char **bigger = realloc(algs->available,
				(algs->count + 2) * sizeof(*algs->available));

	if (!bigger)
		return -ENOMEM;
	algs->available = bigger;
	algs->available[algs->count] = strndup(name, len);
	if (!algs->available[algs->count])
		return -ENOMEM;
	algs->available[++algs->count] = NULL;
	return 0;
}

static bool valid_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.';
}

ZSWAPCTL_EXPORT int zswapctl_parse_algorithms(const char *text,
					      struct zswapctl_algorithms **out)
{
	struct zswapctl_algorithms *algs = calloc(1, sizeof(*algs));
	const char *p = text;
	int r = 0;

	if (!algs)
		return -ENOMEM;
	while (*p) {
		bool bracketed = false;
		const char *start;
		size_t len;

		while (isspace((unsigned char)*p))
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
			if (*p != ']' || algs->selected) {
				r = -EINVAL;
				break;
			}
			p++;
		}
		if (len == 0 || (*p && !isspace((unsigned char)*p))) {
			r = -EINVAL;
			break;
		}
		r = add_algorithm(algs, start, len);
		if (r < 0)
			break;
		if (bracketed) {
			algs->selected = strndup(start, len);
			if (!algs->selected) {
				r = -ENOMEM;
				break;
			}
		}
	}
	if (r == 0 && algs->count == 0)
		r = -EINVAL;
	if (r < 0) {
		zswapctl_algorithms_free(algs);
		return r;
	}
	*out = algs;
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_dev_read_algorithms(struct zswapctl_dev *dev,
						 struct zswapctl_algorithms **algs)
{
	_cleanup_free_ char *text = NULL;
	int r = zswapctl_dev_read_attr(dev, "comp_algorithm", &text);

	if (r < 0)
		return r;
	return zswapctl_parse_algorithms(text, algs);
}
