// SPDX-License-Identifier: GPL-2.0-or-later
/* Writeback and recompression as the kernel takes them (see reclaim.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "reclaim.h"
#include "util.h"

int reclaim_mark_idle(struct zswapctl_dev *dev, const char *age)
{
	return zswapctl_dev_write_attr(dev, "idle", age ? age : "all");
}

int reclaim_mark_idle_age(struct zswapctl_dev *dev, uint64_t age)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)age);
	return reclaim_mark_idle(dev, buf);
}

int reclaim_set_limit(struct zswapctl_dev *dev, bool enable, uint64_t pages)
{
	char buf[24];
	int r;

	if (!enable)
		return zswapctl_dev_write_attr(dev, "writeback_limit_enable", "0");
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)pages);
	r = zswapctl_dev_write_attr(dev, "writeback_limit_enable", "1");
	if (r < 0)
		return r;
	return zswapctl_dev_write_attr(dev, "writeback_limit", buf);
}

int reclaim_writeback(struct zswapctl_dev *dev, const char *mode, uint64_t *pages)
{
	uint64_t before = 0, after = 0;
	int r;

	zswapctl_dev_read_counter(dev, ZSWAPCTL_GROUP_BD, "bd_writes", &before);
	r = zswapctl_dev_write_attr(dev, "writeback", mode);
	zswapctl_dev_read_counter(dev, ZSWAPCTL_GROUP_BD, "bd_writes", &after);
	*pages = after >= before ? after - before : 0;
	return r;
}

int reclaim_recompress_command(const struct reclaim_recompress *rc, char *buf, size_t size)
{
	size_t len = 0;

	if (!size)
		return -ENOSPC;
	buf[0] = '\0';
	if ((rc->type && buf_appendf(buf, size, &len, "type=%s ", rc->type) < 0) ||
	    (rc->threshold && buf_appendf(buf, size, &len, "threshold=%llu ",
					  (unsigned long long)rc->threshold) < 0) ||
	    (rc->algo && buf_appendf(buf, size, &len, "algo=%s ", rc->algo) < 0) ||
	    (rc->priority && buf_appendf(buf, size, &len, "priority=%u ", rc->priority) < 0) ||
	    (rc->max_pages && buf_appendf(buf, size, &len, "max_pages=%llu ",
					  (unsigned long long)rc->max_pages) < 0))
		return -ENOSPC;
	if (len)
		buf[len - 1] = '\0';
	return 0;
}

int reclaim_recompress(struct zswapctl_dev *dev, const struct reclaim_recompress *rc,
		       uint64_t *before, uint64_t *after)
{
	char cmd[256];
	int r = reclaim_recompress_command(rc, cmd, sizeof(cmd));

	if (r < 0)
		return r;
	*before = *after = 0;
	zswapctl_dev_read_counter(dev, ZSWAPCTL_GROUP_MM, "compr_data_size", before);
	/* No parameter at all is the kernel's "every slot"; a lone newline
	 * makes it one write. */
	r = zswapctl_dev_write_attr(dev, "recompress", cmd[0] ? cmd : "\n");
	zswapctl_dev_read_counter(dev, ZSWAPCTL_GROUP_MM, "compr_data_size", after);
	return r;
}
