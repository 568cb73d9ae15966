// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Numbers for JSON documents, written by hand where that is simple.
 *
 * json-c writes an integer with snprintf("%" PRId64): a pass through
 * vfprintf, some 300 instructions, for each of the hundred numbers of a
 * `stats --json` document, which scrapers run every few seconds; and a
 * double with snprintf("%.17g"), whose floating-point code is two more
 * pages of libc to fault in. These objects are json-c's own
 * (json_object_get_uint64() and the rest work on them); only their text is
 * written here, digit by digit, and it is the text json-c writes: for a
 * double only when it is a whole number (a pressure average of 0.00, the
 * usual one), every other double by json-c itself.
 */
#include <json-c/json.h>
#include <json-c/printbuf.h>
#include <stdint.h>
#include <string.h>

#include "cli.h"
#include "util.h"

static int write_u64(struct json_object *o, struct printbuf *pb, int level, int flags)
{
	char buf[20], *start = put_decimal(buf + sizeof(buf), json_object_get_uint64(o), 1);

	(void)level;
	(void)flags;
	return printbuf_memappend(pb, start, (int)(buf + sizeof(buf) - start));
}

static int write_i64(struct json_object *o, struct printbuf *pb, int level, int flags)
{
	int64_t v = json_object_get_int64(o);
	char buf[21], *start = put_decimal(buf + sizeof(buf), v < 0 ? 0 - (uint64_t)v : (uint64_t)v, 1);

	(void)level;
	(void)flags;
	if (v < 0)
		*--start = '-';
	return printbuf_memappend(pb, start, (int)(buf + sizeof(buf) - start));
}

/* json-c's text of a whole number below 10^15 is its digits and ".0"
 * (%.17g prints no exponent below 10^17, and json-c adds the ".0"); -0.0
 * keeps its sign there, so it goes to json-c too. */
static int write_double(struct json_object *o, struct printbuf *pb, int level, int flags)
{
	double d = json_object_get_double(o);
	char buf[24], *start;

	if (!(d > -1e15 && d < 1e15) || (double)(int64_t)d != d || (d == 0 && 1 / d < 0))
		return json_object_double_to_json_string(o, pb, level, flags);
	memcpy(buf + sizeof(buf) - 2, ".0", 2);
	start = put_decimal(buf + sizeof(buf) - 2, d < 0 ? (uint64_t)-(int64_t)d : (uint64_t)(int64_t)d, 1);
	if (d < 0)
		*--start = '-';
	return printbuf_memappend(pb, start, (int)(buf + sizeof(buf) - start));
}

struct json_object *cli_json_u64(uint64_t v)
{
	struct json_object *o = json_object_new_uint64(v);

	if (o)
		json_object_set_serializer(o, write_u64, NULL, NULL);
	return o;
}

struct json_object *cli_json_i64(int64_t v)
{
	struct json_object *o = json_object_new_int64(v);

	if (o)
		json_object_set_serializer(o, write_i64, NULL, NULL);
	return o;
}

struct json_object *cli_json_double(double v)
{
	struct json_object *o = json_object_new_double(v);

	/* NULL user data: json_object_double_to_json_string() then uses
	 * json-c's default format, as for any double. */
	if (o)
		json_object_set_serializer(o, write_double, NULL, NULL);
	return o;
}
