// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The maintenance policy's state file (/var/lib/zswapctl/maintain-zramN):
 * what the parser accepts must format and parse back to the same state.
 */
#include "fuzz.h"
#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct maintain_state a, b;
	char buf[MAINTAIN_STATE_MAX + 1], again[MAINTAIN_STATE_MAX + 1];
	int n, m;

	if (maintain_state_parse((const char *)data, size, &a) < 0)
		return 0;
	n = maintain_state_format(&a, buf, sizeof(buf));
	if (n < 0)
		abort(); /* a state it read must fit where it is written */
	if (maintain_state_parse(buf, (size_t)n, &b) < 0)
		abort(); /* and read back */
	m = maintain_state_format(&b, again, sizeof(again));
	if (m != n || memcmp(buf, again, (size_t)n))
		abort(); /* the same */
	return 0;
}
