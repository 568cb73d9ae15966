// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Loading zram through libkmod, and telling built-in from module.
 *
 * libkmod is opened with dlopen() (dlopen.h) when a module must be looked
 * at, not linked: it pulls in libcrypto, liblzma and libzstd, whose loading would
 * otherwise cost every zswapctl run (status, stats) a few milliseconds for a
 * library that only setup on a machine without zram loaded needs.
 */
#include <errno.h>
#include <libkmod.h>
#include <string.h>

#include "dlopen.h"
#include "private.h"

static struct {
	typeof(kmod_new) *kmod_new;
	typeof(kmod_unref) *kmod_unref;
	typeof(kmod_module_new_from_name) *kmod_module_new_from_name;
	typeof(kmod_module_unref) *kmod_module_unref;
	typeof(kmod_module_get_initstate) *kmod_module_get_initstate;
	typeof(kmod_module_probe_insert_module) *kmod_module_probe_insert_module;
} kmod;

static const struct dl_symbol kmod_symbols[] = {
	DL_SYMBOL(kmod, kmod_new),
	DL_SYMBOL(kmod, kmod_unref),
	DL_SYMBOL(kmod, kmod_module_new_from_name),
	DL_SYMBOL(kmod, kmod_module_unref),
	DL_SYMBOL(kmod, kmod_module_get_initstate),
	DL_SYMBOL(kmod, kmod_module_probe_insert_module),
	DL_SYMBOL_END,
};

ZSWAPCTL_EXPORT int zswapctl_module_load(struct zswapctl_ctx *ctx,
					 const char *name, const char *options,
					 bool *builtin)
{
	struct kmod_ctx *kctx;
	struct kmod_module *mod = NULL;
	int r, state;

	/* The modules of the running kernel: libkmod does not support another
	 * root, and a copied tree has no modules to load. */
	if (strcmp(zswapctl_ctx_get_root(ctx), "/") != 0)
		return -EOPNOTSUPP;
	r = dl_open(DL_LIBKMOD, kmod_symbols);
	if (r < 0) {
		err(ctx, "%s", dl_missing(DL_LIBKMOD));
		return r;
	}
	kctx = kmod.kmod_new(NULL, NULL);
	if (!kctx)
		return -ENOMEM;
	r = kmod.kmod_module_new_from_name(kctx, name, &mod);
	if (r < 0)
		goto out;
	state = kmod.kmod_module_get_initstate(mod);
	if (builtin)
		*builtin = state == KMOD_MODULE_BUILTIN;
	if (state == KMOD_MODULE_BUILTIN || state == KMOD_MODULE_LIVE) {
		r = 0;
		goto out;
	}
	r = kmod.kmod_module_probe_insert_module(mod, KMOD_PROBE_APPLY_BLACKLIST, options,
						 NULL, NULL, NULL);
	if (r > 0)
		r = -EPERM; /* blacklisted */
	dbg(ctx, "load %s %s: %d", name, options ? options : "", r);
out:
	kmod.kmod_module_unref(mod);
	kmod.kmod_unref(kctx);
	return r;
}
