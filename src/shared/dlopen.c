// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The libraries zswapctl loads when a command needs them (dlopen.h).
 * Package names are Debian's, where the error message sends the reader.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stddef.h>

#include "dlopen.h"

struct library {
	const char *soname;
	const char *missing;
	void *handle;
	int result; /* 0 not tried yet, 1 loaded, -ENOPKG */
};

#define LIBRARY(soname, package) \
	{ soname, soname " is not installed (package " package ")", NULL, 0 }

static struct library libraries[_DL_LIBRARY_MAX] = {
	[DL_LIBKMOD] = LIBRARY("libkmod.so.2", "libkmod2"),
	[DL_LIBMOUNT] = LIBRARY("libmount.so.1", "libmount1"),
	[DL_LIBBLKID] = LIBRARY("libblkid.so.1", "libblkid1"),
	/* libnl-3.so.200 comes with it, as its dependency */
	[DL_LIBNL_GENL] = LIBRARY("libnl-genl-3.so.200", "libnl-genl-3-200"),
	[DL_LIBSMARTCOLS] = LIBRARY("libsmartcols.so.1", "libsmartcols1"),
	[DL_LIBLZ4] = LIBRARY("liblz4.so.1", "liblz4-1"),
	[DL_LIBZSTD] = LIBRARY("libzstd.so.1", "libzstd1"),
	[DL_LIBLZO2] = LIBRARY("liblzo2.so.2", "liblzo2-2"),
	[DL_LIBINIH] = LIBRARY("libinih.so.1", "libinih1"),
	[DL_LIBCRYPTSETUP] = LIBRARY("libcryptsetup.so.12", "libcryptsetup12"),
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int load(struct library *l, const struct dl_symbol *symbols)
{
	l->handle = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
	if (!l->handle)
		return -ENOPKG;
	for (const struct dl_symbol *s = symbols; s->name; s++) {
		/* dlsym() also searches the library's own dependencies */
		*s->address = dlsym(l->handle, s->name);
		if (!*s->address) {
			dlclose(l->handle);
			l->handle = NULL;
			return -ENOPKG;
		}
	}
	return 1;
}

int dl_open(enum dl_library lib, const struct dl_symbol *symbols)
{
	struct library *l = &libraries[lib];
	int r;

	pthread_mutex_lock(&lock);
	if (!l->result)
		l->result = load(l, symbols);
	r = l->result;
	pthread_mutex_unlock(&lock);
	return r < 0 ? r : 0;
}

const char *dl_missing(enum dl_library lib)
{
	return libraries[lib].missing;
}
