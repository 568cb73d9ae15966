// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The counter files: mm_stat, io_stat, bd_stat, debug_stat, the block
 * stat, swap_ops_stat, /proc/vmstat and /proc/pressure/memory. The first
 * byte picks the group; every field read back must be in range.
 */
#include "fuzz.h"
#include "libzswapctl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zswapctl_counters *c = NULL;
	enum zswapctl_group g;
	char *text;

	if (size < 1)
		return 0;
	g = (enum zswapctl_group)(data[0] % ZSWAPCTL_GROUP_COUNT);
	text = fuzz_string(data + 1, size - 1);
	if (!text)
		return 0;
	if (zswapctl_counters_parse(g, text, &c) == 0) {
		for (size_t i = 0; i < zswapctl_group_nfields(g); i++) {
			const struct zswapctl_field *f = zswapctl_group_field(g, i);
			uint64_t v;

			if (zswapctl_counters_get(c, i, &v) == 0 &&
			    zswapctl_field_get_unit(f) == ZSWAPCTL_UNIT_PERCENT_X100 && v > 10000)
				abort(); /* a share of time above 100 % */
		}
		zswapctl_counters_unref(c);
	}
	free(text);
	return 0;
}
