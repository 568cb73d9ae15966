// SPDX-License-Identifier: GPL-2.0-or-later
/* comp_algorithm and recomp_algorithm: "lzo [lzo-rle] lz4 zstd". */
#include "fuzz.h"
#include "libzswapctl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zswapctl_algorithms *algs = NULL;
	char *text = fuzz_string(data, size);
	const char *name;

	if (!text)
		return 0;
	if (zswapctl_algorithms_parse(text, &algs) == 0) {
		const char *sel = zswapctl_algorithms_get_selected(algs);
		size_t n = 0;

		zswapctl_algorithms_foreach(algs, name) {
			if (!*name || strpbrk(name, " \t\n[]"))
				abort(); /* a name the parser should not have made */
			n++;
		}
		if (sel && !zswapctl_algorithms_has(algs, sel))
			abort();
		(void)n;
		zswapctl_algorithms_unref(algs);
	}
	free(text);
	return 0;
}
