/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Libraries that only one command needs, loaded with dlopen() when that
 * command runs instead of at every start-up (as systemd does for its
 * optional libraries). One row per library in dlopen.c; each user keeps a
 * table of the symbols it calls, typed from the library's own header:
 *
 *	static struct { typeof(LZ4_decompress_safe) *LZ4_decompress_safe; } lz4;
 *	static const struct dl_symbol lz4_symbols[] = {
 *		DL_SYMBOL(lz4, LZ4_decompress_safe), DL_SYMBOL_END
 *	};
 *	r = dl_open(DL_LIBLZ4, lz4_symbols);
 *
 * A library is loaded and its symbols resolved once, then kept.
 */
#ifndef ZSWAPCTL_DLOPEN_H
#define ZSWAPCTL_DLOPEN_H

enum dl_library {
	DL_LIBKMOD,
	DL_LIBMOUNT,
	DL_LIBBLKID,
	DL_LIBNL_GENL,
	DL_LIBSMARTCOLS,
	DL_LIBLZ4,
	DL_LIBZSTD,
	DL_LIBLZO2,
	DL_LIBINIH,
	DL_LIBCRYPTSETUP,
	_DL_LIBRARY_MAX,
};

struct dl_symbol {
	const char *name;
	void **address;
};

/* The cast goes through void ** as POSIX dlsym() asks for function pointers. */
#define DL_SYMBOL(table, fn) { #fn, (void **)&(table).fn }
#define DL_SYMBOL_END { NULL, NULL }

/*
 * Load @lib and resolve @symbols (one table per library): 0, or -ENOPKG when
 * the library or one of the symbols is missing; the same answer every time.
 */
int dl_open(enum dl_library lib, const struct dl_symbol *symbols);

/* "SONAME is not installed (package PACKAGE)", for the error messages. */
const char *dl_missing(enum dl_library lib);

#endif
