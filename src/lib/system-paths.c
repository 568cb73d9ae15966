// SPDX-License-Identifier: LGPL-2.1-or-later
/* The system's places outside sysfs and procfs (system-paths.h). */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <unistd.h>

#include "system-paths.h"

const char *const zswapctl_conf_main_files[] = {
	"/usr/lib/zswapctl/zswapctl.conf",
	"/usr/local/lib/zswapctl/zswapctl.conf",
	"/etc/zswapctl.conf",
	NULL
};
const char *const zswapctl_conf_dropin_dirs[] = {
	"/usr/lib/zswapctl.conf.d",
	"/usr/local/lib/zswapctl.conf.d",
	"/run/zswapctl.conf.d",
	"/etc/zswapctl.conf.d",
	NULL
};

const char *const zswapctl_zram_generator_main_files[] = {
	"/usr/lib/systemd/zram-generator.conf",
	"/usr/local/lib/systemd/zram-generator.conf",
	"/etc/systemd/zram-generator.conf",
	"/run/systemd/zram-generator.conf",
	NULL
};
const char *const zswapctl_zram_generator_dropin_dirs[] = {
	"/usr/lib/systemd/zram-generator.conf.d",
	"/usr/local/lib/systemd/zram-generator.conf.d",
	"/etc/systemd/zram-generator.conf.d",
	"/run/systemd/zram-generator.conf.d",
	NULL
};

int zswapctl_kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC | O_NOCTTY);

	return fd < 0 ? -errno : fd;
}

int zswapctl_mask_link(const char *path)
{
	if (symlink("/dev/null", path) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}
