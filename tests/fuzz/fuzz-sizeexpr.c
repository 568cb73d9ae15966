// SPDX-License-Identifier: GPL-2.0-or-later
/* Size expressions: "min(ram / 2, 4G)"; the first 8 bytes are ram. */
#include "conf.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t ram = 0, result;
	const char *why = NULL;
	char *text;

	if (size < sizeof(ram))
		return 0;
	memcpy(&ram, data, sizeof(ram));
	text = fuzz_string(data + sizeof(ram), size - sizeof(ram));
	if (!text)
		return 0;
	if (size_expr_eval(text, ram, &result, &why) < 0 && !why)
		abort(); /* every refusal says why */
	free(text);
	return 0;
}
