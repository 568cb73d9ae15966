// SPDX-License-Identifier: GPL-2.0-or-later
/* json-number.c's numbers: the text json-c itself writes, for every value,
 * whether written by hand (integers, whole doubles) or handed back to
 * json-c (every other double). */
#include <float.h>
#include <json-c/json.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "../../src/cli/cli.h"
#include "tap.h"

/* Both objects' text, compared; json-c's own is the reference. */
static void same_text(struct json_object *ours, struct json_object *theirs, const char *what)
{
	char mine[64] = "", ref[64] = "";

	if (ours && theirs) {
		snprintf(mine, sizeof(mine), "%s", json_object_to_json_string(ours));
		snprintf(ref, sizeof(ref), "%s", json_object_to_json_string(theirs));
	}
	CHECK(ours && theirs && !strcmp(mine, ref), "%s: \"%s\" as json-c's \"%s\"", what, mine, ref);
	json_object_put(ours);
	json_object_put(theirs);
}

static void test_integers(void)
{
	static const uint64_t u[] = { 0, 1, 9, 10, 4096, 4294967296ull, 999999999999999999ull,
				      INT64_MAX, (uint64_t)INT64_MAX + 1, UINT64_MAX };
	static const int64_t s[] = { 0, -1, 1, -10, 100, INT64_MIN, INT64_MIN + 1, INT64_MAX };
	char what[48];

	for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		snprintf(what, sizeof(what), "u64 %llu", (unsigned long long)u[i]);
		same_text(cli_json_u64(u[i]), json_object_new_uint64(u[i]), what);
	}
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		snprintf(what, sizeof(what), "i64 %lld", (long long)s[i]);
		same_text(cli_json_i64(s[i]), json_object_new_int64(s[i]), what);
	}
}

static void test_doubles(void)
{
	static const double d[] = { 0.0, -0.0, 1.0, -1.0, 64.0, 0.5, 0.1, 1.25, 2.9734042553191489,
				    123456789012345.0, 999999999999999.0, 1e15, -1e15, 1e16, 1e17,
				    1e300, -123.0, DBL_MIN, DBL_MAX };

	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		char what[48];

		snprintf(what, sizeof(what), "double %.17g", d[i]);
		same_text(cli_json_double(d[i]), json_object_new_double(d[i]), what);
	}
	same_text(cli_json_double(NAN), json_object_new_double(NAN), "NaN");
	same_text(cli_json_double(INFINITY), json_object_new_double(INFINITY), "infinity");
	same_text(cli_json_double(-INFINITY), json_object_new_double(-INFINITY), "-infinity");
}

int main(void)
{
	test_integers();
	test_doubles();
	return tap_finish();
}
