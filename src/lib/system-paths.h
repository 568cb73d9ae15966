/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The system's places that zswapctl's programs outside the library need:
 * where configuration lives, the kernel log, how systemd masks a unit.
 * architecture.md keeps every path under /sys, /proc, /dev and /run in the
 * library; the setup engine and the generator take them from here. Not
 * installed: an internal header of libzswapctl-io.
 */
#ifndef ZSWAPCTL_SYSTEM_PATHS_H
#define ZSWAPCTL_SYSTEM_PATHS_H

/*
 * Configuration files, lowest precedence first, as systemd orders them:
 * /usr/lib (the distribution), /usr/local/lib (the local vendor), /run
 * (this boot), /etc (the administrator). Absolute paths, to be resolved
 * under a context's root; NULL-terminated.
 */
extern const char *const zswapctl_conf_main_files[];
extern const char *const zswapctl_conf_dropin_dirs[];
/* zram-generator.conf(5)'s own order, for `config import`: /run last. */
extern const char *const zswapctl_zram_generator_main_files[];
extern const char *const zswapctl_zram_generator_dropin_dirs[];

/* /dev/kmsg opened for writing (a generator's log before journald); -errno. */
int zswapctl_kmsg_open(void);
/* PATH made a symlink to /dev/null: systemd's mask of a unit. EEXIST is
 * success (masked already). 0 or -errno. */
int zswapctl_mask_link(const char *path);

#endif
