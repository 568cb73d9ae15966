// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/meminfo: MemTotal and MemAvailable, KiB counts only. */
#include "fuzz.h"
#include "libzswapctl.h"
#include "private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t total = 0, avail = 0;
	char *text = fuzz_string(data, size);

	if (!text)
		return 0;
	if (zswapctl_meminfo_parse(text, &total, &avail) == 0 && (total % 1024 || avail % 1024))
		abort();
	free(text);
	return 0;
}
