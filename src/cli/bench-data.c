// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench: what the pages hold. Compressors behave very differently on one
 * repeated byte and on real data, so the default is data that compresses
 * like text and like program memory.
 */
#include <errno.h>
#include <string.h>

#include "bench.h"

static const char *const kind_names[DATA_KINDS] = {
	[DATA_TEXT] = "text",
	[DATA_BINARY] = "binary",
	[DATA_RANDOM] = "random",
	[DATA_SAME] = "same-filled",
};

const char *data_kind_name(enum data_kind k)
{
	return (unsigned int)k < DATA_KINDS ? kind_names[k] : "?";
}

int data_kind_parse(const char *name, enum data_kind *k)
{
	for (int i = 0; i < DATA_KINDS; i++)
		if (!strcmp(name, kind_names[i])) {
			*k = (enum data_kind)i;
			return 0;
		}
	return -EINVAL;
}

/* xorshift64*: fast and good enough for filling pages and shuffling. */
uint64_t prng_next(uint64_t *state)
{
	uint64_t x = *state ? *state : 0x9e3779b97f4a7c15ull;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dull;
}

static const char words[][16] = {
	"the", "of", "and", "to", "in", "is", "that", "for", "it", "as",
	"was", "with", "be", "by", "on", "not", "he", "this", "are", "or",
	"his", "from", "at", "which", "but", "have", "an", "had", "they", "you",
	"were", "their", "one", "all", "we", "can", "her", "has", "there", "been",
	"memory", "page", "swap", "device", "kernel", "compressed", "latency", "read",
	"write", "process", "system", "value", "number", "between", "through", "because",
	"configuration", "performance", "measurement", "different", "important", "information",
};

static void fill_text(unsigned char *p, size_t size, uint64_t *st)
{
	size_t i = 0, col = 0;

	while (i < size) {
		uint64_t r = prng_next(st);
		/* Zipf-like: small indices far more often */
		size_t w = (size_t)((r & 0xff) * (r >> 8 & 0xff) >> 10) %
			   (sizeof(words) / sizeof(words[0]));
		const char *s = words[w];
		size_t len = strlen(s);

		for (size_t j = 0; j < len && i < size; j++)
			p[i++] = (unsigned char)(col == 0 && j == 0 && (r >> 20 & 1) ?
							 s[j] - 32 : s[j]);
		col += len + 1;
		if (i < size) {
			if (col > 64 + (r >> 32 & 15)) {
				p[i++] = (r >> 40 & 3) ? '\n' : '.';
				col = 0;
			} else {
				p[i++] = (r >> 44 & 15) ? ' ' : ',';
			}
		}
	}
}

/* Records like a heap: pointers sharing their high bits, small counters,
 * flags, zero padding and an occasional string. */
static void fill_binary(unsigned char *p, size_t size, uint64_t *st)
{
	uint64_t base = 0x00007f3a00000000ull | (prng_next(st) & 0xfff000);
	size_t i = 0;

	while (i + 64 <= size) {
		uint64_t r = prng_next(st), rec[8];

		rec[0] = base + (r & 0xffff) * 16;
		rec[1] = base + (r >> 16 & 0xffff) * 16;
		rec[2] = r >> 32 & 0x3ff;
		rec[3] = (r >> 42 & 7) ? 0 : r >> 45;
		rec[4] = 0x100000001ull * (r >> 50 & 3);
		rec[5] = 0;
		rec[6] = (r >> 52 & 1) ? 0x6e69622f7273752full : 0;
		rec[7] = (r >> 53 & 15) + 1;
		memcpy(p + i, rec, sizeof(rec));
		i += sizeof(rec);
	}
	memset(p + i, 0, size - i);
}

void data_fill(void *page, size_t size, enum data_kind k, uint64_t seed)
{
	uint64_t st = seed * 0x9e3779b97f4a7c15ull + 1, v;
	unsigned char *p = page;

	switch (k) {
	case DATA_TEXT:
		fill_text(p, size, &st);
		break;
	case DATA_BINARY:
		fill_binary(p, size, &st);
		break;
	case DATA_RANDOM:
		for (size_t i = 0; i + 8 <= size; i += 8) {
			v = prng_next(&st);
			memcpy(p + i, &v, 8);
		}
		break;
	default:
		/* One non-zero word repeated: zram stores it without memory.
		 * Never zero: zero pages stay in the swap core's zeromap and
		 * never reach the device. */
		v = 0x0101010101010101ull * ((seed % 255) + 1);
		for (size_t i = 0; i + 8 <= size; i += 8)
			memcpy(p + i, &v, 8);
		break;
	}
}
