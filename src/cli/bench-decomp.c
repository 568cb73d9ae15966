// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench: the floor under a zspool read, decompressing the same page with
 * the same algorithm in userspace. zram stores a page that does not shrink
 * below about 3/4 of its size as it is; reading that back is a copy.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#ifdef HAVE_LZ4
#include <lz4.h>
#include <lz4hc.h>
#endif
#ifdef HAVE_ZSTD
#include <zstd.h>
#endif
#ifdef HAVE_LZO
#include <lzo/lzo1x.h>
#endif

#include "bench.h"

enum codec { CODEC_LZ4, CODEC_LZ4HC, CODEC_ZSTD, CODEC_LZO };

struct decomp {
	enum codec codec;
	char library[64];
	const char *note;
	unsigned char *in, *out, *work;
	size_t cap;
#ifdef HAVE_ZSTD
	ZSTD_CCtx *cctx;
	ZSTD_DCtx *dctx;
#endif
};

#define PAGE_MAX 65536

int decomp_new(const char *alg, struct decomp **out)
{
	struct decomp *d;

	if (!alg)
		return -ENOTSUP;
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->cap = PAGE_MAX * 2;
	if (0) {
#ifdef HAVE_LZ4
	} else if (!strcmp(alg, "lz4") || !strcmp(alg, "lz4hc")) {
		d->codec = strcmp(alg, "lz4") ? CODEC_LZ4HC : CODEC_LZ4;
		snprintf(d->library, sizeof(d->library), "liblz4 %s", LZ4_versionString());
#endif
#ifdef HAVE_ZSTD
	} else if (!strcmp(alg, "zstd")) {
		d->codec = CODEC_ZSTD;
		snprintf(d->library, sizeof(d->library), "libzstd %s", ZSTD_versionString());
		d->cctx = ZSTD_createCCtx();
		d->dctx = ZSTD_createDCtx();
		if (!d->cctx || !d->dctx) {
			decomp_free(d);
			return -ENOMEM;
		}
#endif
#ifdef HAVE_LZO
	} else if (!strcmp(alg, "lzo") || !strcmp(alg, "lzo-rle")) {
		if (lzo_init() != LZO_E_OK) {
			free(d);
			return -EIO;
		}
		d->codec = CODEC_LZO;
		snprintf(d->library, sizeof(d->library), "liblzo2 %s", lzo_version_string());
		if (strcmp(alg, "lzo"))
			d->note = "lzo1x stands in for the kernel's lzo-rle";
#endif
	} else {
		free(d);
		return -ENOTSUP;
	}
	d->in = malloc(d->cap);
	d->out = malloc(d->cap);
	d->work = malloc(d->codec == CODEC_LZO ? 1 << 17 : 16);
	if (!d->in || !d->out || !d->work) {
		decomp_free(d);
		return -ENOMEM;
	}
	*out = d;
	return 0;
}

void decomp_free(struct decomp *d)
{
	if (!d)
		return;
#ifdef HAVE_ZSTD
	ZSTD_freeCCtx(d->cctx);
	ZSTD_freeDCtx(d->dctx);
#endif
	free(d->in);
	free(d->out);
	free(d->work);
	free(d);
}

const char *decomp_library(const struct decomp *d)
{
	return d->library;
}

const char *decomp_note(const struct decomp *d)
{
	return d->note;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int compress(struct decomp *d, const void *page, size_t size, size_t *clen)
{
	switch (d->codec) {
#ifdef HAVE_LZ4
	case CODEC_LZ4:
	case CODEC_LZ4HC: {
		int n = d->codec == CODEC_LZ4 ?
				LZ4_compress_default(page, (char *)d->in, (int)size, (int)d->cap) :
				LZ4_compress_HC(page, (char *)d->in, (int)size, (int)d->cap,
						LZ4HC_CLEVEL_DEFAULT);
		if (n <= 0)
			return -EIO;
		*clen = (size_t)n;
		return 0;
	}
#endif
#ifdef HAVE_ZSTD
	case CODEC_ZSTD: {
		/* zram's zstd backend uses the default level */
		size_t n = ZSTD_compressCCtx(d->cctx, d->in, d->cap, page, size,
					     ZSTD_CLEVEL_DEFAULT);
		if (ZSTD_isError(n))
			return -EIO;
		*clen = n;
		return 0;
	}
#endif
#ifdef HAVE_LZO
	case CODEC_LZO: {
		lzo_uint n = d->cap;

		if (lzo1x_1_compress(page, size, d->in, &n, d->work) != LZO_E_OK)
			return -EIO;
		*clen = n;
		return 0;
	}
#endif
	default:
		return -ENOTSUP;
	}
}

static int decompress(struct decomp *d, size_t clen, size_t size)
{
	switch (d->codec) {
#ifdef HAVE_LZ4
	case CODEC_LZ4:
	case CODEC_LZ4HC:
		return LZ4_decompress_safe((const char *)d->in, (char *)d->out, (int)clen,
					   (int)size) == (int)size ? 0 : -EIO;
#endif
#ifdef HAVE_ZSTD
	case CODEC_ZSTD:
		return ZSTD_decompressDCtx(d->dctx, d->out, size, d->in, clen) == size ?
			       0 : -EIO;
#endif
#ifdef HAVE_LZO
	case CODEC_LZO: {
		lzo_uint n = size;

		return lzo1x_decompress_safe(d->in, clen, d->out, &n, NULL) == LZO_E_OK &&
				       n == size ? 0 : -EIO;
	}
#endif
	default:
		return -ENOTSUP;
	}
}

int decomp_time_page(struct decomp *d, const void *page, size_t size,
		     uint64_t *ns)
{
	uint64_t t0, t1;
	size_t clen;
	int r;

	if (size > PAGE_MAX)
		return -EINVAL;
	r = compress(d, page, size, &clen);
	if (r < 0)
		return r;
	if (clen >= size / 4 * 3) {
		/* stored uncompressed: the read is a copy */
		t0 = now_ns();
		memcpy(d->out, page, size);
		__asm__ volatile("" ::: "memory");
		t1 = now_ns();
	} else {
		t0 = now_ns();
		r = decompress(d, clen, size);
		t1 = now_ns();
		if (r < 0)
			return r;
		if (memcmp(d->out, page, size))
			return -EIO;
	}
	*ns = t1 - t0;
	return 0;
}
