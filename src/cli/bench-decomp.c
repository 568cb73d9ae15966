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
#include "dlopen.h"

/*
 * Each library is loaded when bench measures its algorithm (dlopen.h); the
 * headers give the types. Calls go through these tables.
 */
#ifdef HAVE_LZ4
static struct {
	typeof(LZ4_versionString) *LZ4_versionString;
	typeof(LZ4_compress_default) *LZ4_compress_default;
	typeof(LZ4_compress_HC) *LZ4_compress_HC;
	typeof(LZ4_decompress_safe) *LZ4_decompress_safe;
} lz4;

static const struct dl_symbol lz4_symbols[] = {
	DL_SYMBOL(lz4, LZ4_versionString),
	DL_SYMBOL(lz4, LZ4_compress_default),
	DL_SYMBOL(lz4, LZ4_compress_HC),
	DL_SYMBOL(lz4, LZ4_decompress_safe),
	DL_SYMBOL_END,
};
#endif
#ifdef HAVE_ZSTD
static struct {
	typeof(ZSTD_versionString) *ZSTD_versionString;
	typeof(ZSTD_createCCtx) *ZSTD_createCCtx;
	typeof(ZSTD_createDCtx) *ZSTD_createDCtx;
	typeof(ZSTD_freeCCtx) *ZSTD_freeCCtx;
	typeof(ZSTD_freeDCtx) *ZSTD_freeDCtx;
	typeof(ZSTD_compressCCtx) *ZSTD_compressCCtx;
	typeof(ZSTD_decompressDCtx) *ZSTD_decompressDCtx;
	typeof(ZSTD_isError) *ZSTD_isError;
} zstd;

static const struct dl_symbol zstd_symbols[] = {
	DL_SYMBOL(zstd, ZSTD_versionString),
	DL_SYMBOL(zstd, ZSTD_createCCtx),
	DL_SYMBOL(zstd, ZSTD_createDCtx),
	DL_SYMBOL(zstd, ZSTD_freeCCtx),
	DL_SYMBOL(zstd, ZSTD_freeDCtx),
	DL_SYMBOL(zstd, ZSTD_compressCCtx),
	DL_SYMBOL(zstd, ZSTD_decompressDCtx),
	DL_SYMBOL(zstd, ZSTD_isError),
	DL_SYMBOL_END,
};
#endif
#ifdef HAVE_LZO
static struct {
	typeof(__lzo_init_v2) *__lzo_init_v2;
	typeof(lzo_version_string) *lzo_version_string;
	typeof(lzo1x_1_compress) *lzo1x_1_compress;
	typeof(lzo1x_decompress_safe) *lzo1x_decompress_safe;
} lzo;

static const struct dl_symbol lzo_symbols[] = {
	DL_SYMBOL(lzo, __lzo_init_v2),
	DL_SYMBOL(lzo, lzo_version_string),
	DL_SYMBOL(lzo, lzo1x_1_compress),
	DL_SYMBOL(lzo, lzo1x_decompress_safe),
	DL_SYMBOL_END,
};

/* lzo_init() is a macro around __lzo_init_v2() that passes the caller's
 * type sizes, for the library to check: keep it, through the table. */
#define __lzo_init_v2 lzo.__lzo_init_v2
#endif

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

/* The kernel's algorithm names, and the codec and library standing in. */
static const struct codec_row {
	const char *alg;
	enum codec codec;
	enum dl_library library;
	const struct dl_symbol *symbols;
} codecs[] = {
#ifdef HAVE_LZ4
	{ "lz4", CODEC_LZ4, DL_LIBLZ4, lz4_symbols },
	{ "lz4hc", CODEC_LZ4HC, DL_LIBLZ4, lz4_symbols },
#endif
#ifdef HAVE_ZSTD
	{ "zstd", CODEC_ZSTD, DL_LIBZSTD, zstd_symbols },
#endif
#ifdef HAVE_LZO
	{ "lzo", CODEC_LZO, DL_LIBLZO2, lzo_symbols },
	{ "lzo-rle", CODEC_LZO, DL_LIBLZO2, lzo_symbols },
#endif
	{ NULL },
};

static int codec_init(struct decomp *d, const char *alg)
{
	switch (d->codec) {
#ifdef HAVE_LZ4
	case CODEC_LZ4:
	case CODEC_LZ4HC:
		snprintf(d->library, sizeof(d->library), "liblz4 %s", lz4.LZ4_versionString());
		return 0;
#endif
#ifdef HAVE_ZSTD
	case CODEC_ZSTD:
		snprintf(d->library, sizeof(d->library), "libzstd %s", zstd.ZSTD_versionString());
		d->cctx = zstd.ZSTD_createCCtx();
		d->dctx = zstd.ZSTD_createDCtx();
		return d->cctx && d->dctx ? 0 : -ENOMEM;
#endif
#ifdef HAVE_LZO
	case CODEC_LZO:
		if (lzo_init() != LZO_E_OK)
			return -EIO;
		snprintf(d->library, sizeof(d->library), "liblzo2 %s", lzo.lzo_version_string());
		if (strcmp(alg, "lzo"))
			d->note = "lzo1x stands in for the kernel's lzo-rle";
		return 0;
#endif
	default:
		return -ENOTSUP;
	}
}

int decomp_new(const char *alg, struct decomp **out, const char **missing)
{
	const struct codec_row *c = codecs;
	struct decomp *d;
	int r;

	while (c->alg && (!alg || strcmp(c->alg, alg)))
		c++;
	if (!c->alg)
		return -ENOTSUP;
	r = dl_open(c->library, c->symbols);
	if (r < 0) {
		*missing = dl_missing(c->library);
		return r;
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->codec = c->codec;
	d->cap = PAGE_MAX * 2;
	r = codec_init(d, alg);
	if (r < 0) {
		decomp_free(d);
		return r;
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
	if (d->codec == CODEC_ZSTD) {
		zstd.ZSTD_freeCCtx(d->cctx);
		zstd.ZSTD_freeDCtx(d->dctx);
	}
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
				lz4.LZ4_compress_default(page, (char *)d->in, (int)size, (int)d->cap) :
				lz4.LZ4_compress_HC(page, (char *)d->in, (int)size, (int)d->cap,
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
		size_t n = zstd.ZSTD_compressCCtx(d->cctx, d->in, d->cap, page, size,
					     ZSTD_CLEVEL_DEFAULT);
		if (zstd.ZSTD_isError(n))
			return -EIO;
		*clen = n;
		return 0;
	}
#endif
#ifdef HAVE_LZO
	case CODEC_LZO: {
		lzo_uint n = d->cap;

		if (lzo.lzo1x_1_compress(page, size, d->in, &n, d->work) != LZO_E_OK)
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
		return lz4.LZ4_decompress_safe((const char *)d->in, (char *)d->out, (int)clen,
					   (int)size) == (int)size ? 0 : -EIO;
#endif
#ifdef HAVE_ZSTD
	case CODEC_ZSTD:
		return zstd.ZSTD_decompressDCtx(d->dctx, d->out, size, d->in, clen) == size ?
			       0 : -EIO;
#endif
#ifdef HAVE_LZO
	case CODEC_LZO: {
		lzo_uint n = size;

		return lzo.lzo1x_decompress_safe(d->in, clen, d->out, &n, NULL) == LZO_E_OK &&
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
