// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Text made fit for JSON and Prometheus labels, which must be UTF-8: a
 * backing device path, a kernel release, a configuration file's name or
 * value may hold any bytes, and json-c passes those above 0x7f through.
 */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util.h"

/* Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlongs,
 * no surrogates, nothing above U+10FFFF), 0 when there is none. */
static size_t utf8_sequence(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		unsigned char lo = s[0] == 0xe0 ? 0xa0 : 0x80, hi = s[0] == 0xed ? 0x9f : 0xbf;

		return s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 ? 3 : 0;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		unsigned char lo = s[0] == 0xf0 ? 0x90 : 0x80, hi = s[0] == 0xf4 ? 0x8f : 0xbf;

		return s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 &&
		       (s[3] & 0xc0) == 0x80 ? 4 : 0;
	}
	return 0;
}

char *utf8_sanitize(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text);
	char *out, *o;

	/* At worst every byte becomes the 3 bytes of U+FFFD. */
	out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	for (o = out; *s;) {
		size_t n = utf8_sequence(s);

		if (n) {
			memcpy(o, s, n);
			o += n;
			s += n;
		} else {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			s++;
		}
	}
	*o = '\0';
	return out;
}

static bool utf8_valid(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;

	for (size_t n;; s += n) {
		/* Documents are ASCII but for a path or a kernel string. */
		while (*s && *s < 0x80)
			s++;
		if (!*s)
			return true;
		if (!(n = utf8_sequence(s)))
			return false;
	}
}

int cli_print_json(struct json_object *o, int flags)
{
	size_t len;
	const char *text = json_object_to_json_string_length(o, flags, &len);
	_cleanup_free_ char *clean = NULL;

	if (!text)
		return EOF;
	if (!utf8_valid(text)) {
		clean = utf8_sanitize(text);
		if (!clean)
			return EOF;
		text = clean;
		len = strlen(clean);
	}
	return cli_write_line(text, len);
}
