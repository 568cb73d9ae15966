// SPDX-License-Identifier: LGPL-2.1-or-later
/* Loading zram through libkmod, and telling built-in from module. */
#include <errno.h>
#include <libkmod.h>
#include <string.h>

#include "private.h"

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
	kctx = kmod_new(NULL, NULL);
	if (!kctx)
		return -ENOMEM;
	r = kmod_module_new_from_name(kctx, name, &mod);
	if (r < 0)
		goto out;
	state = kmod_module_get_initstate(mod);
	if (builtin)
		*builtin = state == KMOD_MODULE_BUILTIN;
	if (state == KMOD_MODULE_BUILTIN || state == KMOD_MODULE_LIVE) {
		r = 0;
		goto out;
	}
	r = kmod_module_probe_insert_module(mod, KMOD_PROBE_APPLY_BLACKLIST,
					    options, NULL, NULL, NULL);
	if (r > 0)
		r = -EPERM; /* blacklisted */
	dbg(ctx, "load %s %s: %d", name, options ? options : "", r);
out:
	kmod_module_unref(mod);
	kmod_unref(kctx);
	return r;
}
