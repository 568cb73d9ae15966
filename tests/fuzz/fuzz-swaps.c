// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/swaps: "Filename Type Size Used Priority", octal escapes. */
#include "fuzz.h"
#include "libzswapctl.h"
#include "private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zswapctl_swap_list *list = NULL;
	const struct zswapctl_swap_area *a;
	char *text = fuzz_string(data, size);

	if (!text)
		return 0;
	if (zswapctl_swap_list_parse(text, &list) == 0) {
		zswapctl_swap_list_foreach(list, a) {
			/* sizes in bytes: a multiple of the KiB they came in */
			if (zswapctl_swap_area_get_size(a) % 1024 ||
			    zswapctl_swap_area_get_used(a) % 1024 ||
			    !zswapctl_swap_area_get_source(a))
				abort();
		}
		zswapctl_swap_list_unref(list);
	}
	free(text);
	return 0;
}
