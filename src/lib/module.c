// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Loading zram through libkmod, and telling built-in from module.
 *
 * libkmod is opened with dlopen() when a module must be looked at, not
 * linked: it pulls in libcrypto, liblzma and libzstd, whose loading would
 * otherwise cost every zswapctl run (status, stats) a few milliseconds for a
 * library that only setup on a machine without zram loaded needs.
 */
#include <dlfcn.h>
#include <errno.h>
#include <libkmod.h>
#include <string.h>

#include "private.h"

#define LIBKMOD_SONAME "libkmod.so.2"

struct kmod_api {
	void *handle;
	struct kmod_ctx *(*new_ctx)(const char *, const char *const *);
	struct kmod_ctx *(*unref_ctx)(struct kmod_ctx *);
	int (*module_new_from_name)(struct kmod_ctx *, const char *, struct kmod_module **);
	struct kmod_module *(*module_unref)(struct kmod_module *);
	int (*module_get_initstate)(const struct kmod_module *);
	int (*probe_insert)(struct kmod_module *, unsigned int, const char *,
			    int (*)(struct kmod_module *, bool, const char *),
			    const void *,
			    void (*)(struct kmod_module *, bool, const char *));
};

static int kmod_api_open(struct kmod_api *api)
{
	api->handle = dlopen(LIBKMOD_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!api->handle)
		return -ENOPKG;
	/* The casts go through void * as POSIX dlsym() requires. */
	*(void **)&api->new_ctx = dlsym(api->handle, "kmod_new");
	*(void **)&api->unref_ctx = dlsym(api->handle, "kmod_unref");
	*(void **)&api->module_new_from_name = dlsym(api->handle, "kmod_module_new_from_name");
	*(void **)&api->module_unref = dlsym(api->handle, "kmod_module_unref");
	*(void **)&api->module_get_initstate = dlsym(api->handle, "kmod_module_get_initstate");
	*(void **)&api->probe_insert = dlsym(api->handle, "kmod_module_probe_insert_module");
	if (!api->new_ctx || !api->unref_ctx || !api->module_new_from_name ||
	    !api->module_unref || !api->module_get_initstate || !api->probe_insert) {
		dlclose(api->handle);
		return -ENOPKG;
	}
	return 0;
}

ZSWAPCTL_EXPORT int zswapctl_module_load(struct zswapctl_ctx *ctx,
					 const char *name, const char *options,
					 bool *builtin)
{
	struct kmod_api api;
	struct kmod_ctx *kctx;
	struct kmod_module *mod = NULL;
	int r, state;

	/* The modules of the running kernel: libkmod does not support another
	 * root, and a copied tree has no modules to load. */
	if (strcmp(zswapctl_ctx_get_root(ctx), "/") != 0)
		return -EOPNOTSUPP;
	r = kmod_api_open(&api);
	if (r < 0) {
		err(ctx, "cannot load %s: %s", LIBKMOD_SONAME, dlerror());
		return r;
	}
	kctx = api.new_ctx(NULL, NULL);
	if (!kctx) {
		r = -ENOMEM;
		goto out_close;
	}
	r = api.module_new_from_name(kctx, name, &mod);
	if (r < 0)
		goto out;
	state = api.module_get_initstate(mod);
	if (builtin)
		*builtin = state == KMOD_MODULE_BUILTIN;
	if (state == KMOD_MODULE_BUILTIN || state == KMOD_MODULE_LIVE) {
		r = 0;
		goto out;
	}
	r = api.probe_insert(mod, KMOD_PROBE_APPLY_BLACKLIST, options, NULL, NULL, NULL);
	if (r > 0)
		r = -EPERM; /* blacklisted */
	dbg(ctx, "load %s %s: %d", name, options ? options : "", r);
out:
	api.module_unref(mod);
	api.unref_ctx(kctx);
out_close:
	dlclose(api.handle);
	return r;
}
