// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libzswapctl as a program outside the project sees it: built against the
 * installed header alone (a copy in the build tree, no private.h, no
 * config.h) and linked against the shared library, so an iterator or getter
 * that is not exported fails the build. It walks the captured fixture trees
 * through the public iterators and checks what each capture holds, then
 * the order, borrowing and logging rules libzswapctl(3) states.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <libzswapctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "tap.h"

/* What each capture under tests/fixtures holds (its MANIFEST and files). */
static const struct fixture {
	const char *dir;
	const char *algorithms; /* in comp_algorithm order */
	const char *selected;
	uint64_t orig_data_size; /* mm_stat field 0 */
	uint64_t swap_used_kib;	 /* /proc/swaps */
	const char *backing_dev; /* NULL: none, "-": no backing_dev attribute */
	int swap_ops;		 /* -1: no switch (not the patched kernel) */
} fixtures[] = {
	{ "debian-6.12.117-cloud", "lz4,lz4hc,zstd,deflate", "zstd", 12783616, 16640, "/dev/vda", -1 },
	{ "host-6.18", "lzo-rle,lzo,lz4", "lzo-rle", 31461376, 40960, "-", -1 },
	{ "patched-6.12.117", "lzo-rle,lzo,lz4,lz4hc,zstd", "zstd", 12783616, 16640, "/dev/vda", 1 },
};

static int open_root(const char *root, struct zswapctl_ctx **ctx)
{
	int r = zswapctl_ctx_new(ctx);

	if (r < 0)
		return r;
	r = zswapctl_ctx_set_root(*ctx, root);
	if (r < 0)
		*ctx = zswapctl_ctx_unref(*ctx);
	return r;
}

/* "a,b,c" from the algorithms iterator. */
static void join_algorithms(const struct zswapctl_algorithms *algs, char *buf,
			    size_t len)
{
	const char *name;
	size_t used = 0;

	buf[0] = '\0';
	zswapctl_algorithms_foreach(algs, name)
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0,
					 "%s%s", used ? "," : "", name);
}

static void check_device(const struct fixture *f, const struct zswapctl_dev *dev)
{
	struct zswapctl_algorithms *algs = NULL;
	struct zswapctl_counters *mm = NULL;
	char *backing = NULL, list[256] = "";
	uint64_t v = 0;
	bool on = false;
	int r;

	CHECK(!strcmp(zswapctl_dev_get_name(dev), "zram0") && zswapctl_dev_get_id(dev) == 0 &&
		      !strcmp(zswapctl_dev_get_devnode(dev), "/dev/zram0"),
	      "%s: zram0, id 0, /dev/zram0", f->dir);

	r = zswapctl_dev_read_algorithms(dev, &algs);
	CHECK(r == 0, "%s: comp_algorithm reads (%d)", f->dir, r);
	if (r == 0) {
		join_algorithms(algs, list, sizeof(list));
		CHECK(!strcmp(list, f->algorithms), "%s: algorithms %s", f->dir, list);
		CHECK(zswapctl_algorithms_get_selected(algs) &&
			      !strcmp(zswapctl_algorithms_get_selected(algs), f->selected),
		      "%s: selected %s", f->dir, f->selected);
		zswapctl_algorithms_unref(algs);
	}

	r = zswapctl_dev_read_counters(dev, ZSWAPCTL_GROUP_MM, &mm);
	CHECK(r == 0, "%s: mm_stat reads (%d)", f->dir, r);
	if (r == 0) {
		const struct zswapctl_field *field = zswapctl_group_field(ZSWAPCTL_GROUP_MM, 0);

		CHECK(zswapctl_counters_get_group(mm) == ZSWAPCTL_GROUP_MM, "%s: group", f->dir);
		CHECK(!strcmp(zswapctl_field_get_name(field), "orig_data_size") &&
			      zswapctl_field_get_unit(field) == ZSWAPCTL_UNIT_BYTES &&
			      !zswapctl_field_is_monotonic(field),
		      "%s: field 0 is the orig_data_size gauge, in bytes", f->dir);
		CHECK(zswapctl_counters_get(mm, 0, &v) == 0 && v == f->orig_data_size,
		      "%s: orig_data_size %llu", f->dir, (unsigned long long)v);
		zswapctl_counters_unref(mm);
	}

	r = zswapctl_dev_read_backing_dev(dev, &backing);
	if (!strcmp(f->backing_dev, "-"))
		CHECK(r == -ENOENT, "%s: no backing_dev attribute (%d)", f->dir, r);
	else
		CHECK(r == 0 && backing && !strcmp(backing, f->backing_dev),
		      "%s: backing_dev %s", f->dir, backing ? backing : "(none)");
	free(backing);

	r = zswapctl_dev_get_swap_ops(dev, &on);
	if (f->swap_ops < 0)
		CHECK(r == -ENOTSUP, "%s: no swap_ops switch (%d)", f->dir, r);
	else
		CHECK(r == 0 && on == (f->swap_ops == 1), "%s: swap_ops %d", f->dir, on);
}

static void check_swaps(const struct fixture *f, struct zswapctl_ctx *ctx,
			const struct zswapctl_dev *dev)
{
	const struct zswapctl_swap_area *area, *mine;
	struct zswapctl_swap_list *swaps = NULL;
	size_t n = 0;
	int r = zswapctl_swap_list_new(ctx, &swaps);

	CHECK(r == 0, "%s: /proc/swaps reads (%d)", f->dir, r);
	if (r < 0)
		return;
	zswapctl_swap_list_foreach(swaps, area)
		n++;
	area = zswapctl_swap_list_get_first(swaps);
	CHECK(n == 1 && area, "%s: one swap area (%zu)", f->dir, n);
	mine = zswapctl_swap_list_find_dev(swaps, dev);
	CHECK(mine && mine == area, "%s: find_dev finds it", f->dir);
	if (mine) {
		CHECK(!strcmp(zswapctl_swap_area_get_source(mine), "/dev/zram0") &&
			      zswapctl_swap_area_is_partition(mine),
		      "%s: /dev/zram0, a partition", f->dir);
		CHECK(zswapctl_swap_area_get_size(mine) == 65532ull * 1024 &&
			      zswapctl_swap_area_get_used(mine) == f->swap_used_kib * 1024 &&
			      zswapctl_swap_area_get_priority(mine) == -2,
		      "%s: size, used (bytes) and priority as /proc/swaps says", f->dir);
	}
	zswapctl_swap_list_unref(swaps);
}

static void test_fixture(const struct fixture *f, const char *srcdir)
{
	struct zswapctl_dev_list *devs = NULL;
	struct zswapctl_ctx *ctx = NULL;
	struct zswapctl_dev *dev;
	char root[4096];
	size_t n = 0;
	int r;

	snprintf(root, sizeof(root), "%s/tests/fixtures/%s", srcdir, f->dir);
	r = open_root(root, &ctx);
	CHECK(r == 0, "%s: root set (%d)", f->dir, r);
	if (r < 0)
		return;
	r = zswapctl_dev_list_new(ctx, &devs);
	CHECK(r == 0, "%s: devices listed (%d)", f->dir, r);
	if (r == 0) {
		zswapctl_dev_list_foreach(devs, dev) {
			n++;
			check_device(f, dev);
			check_swaps(f, ctx, dev);
		}
		CHECK(n == 1, "%s: one device (%zu)", f->dir, n);
		zswapctl_dev_list_unref(devs);
	}
	zswapctl_ctx_unref(ctx);
}

/* A tree of our own: the order of the list, next() from a device of
 * another list, a device that outlives its list. */
static int make_dirs(const char *root, const char *const *names)
{
	char path[8192];

	for (size_t i = 0; names[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", root, names[i]);
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return -errno;
	}
	return 0;
}

static void remove_dirs(const char *root, const char *const *names)
{
	char path[8192];
	size_t n = 0;

	while (names[n])
		n++;
	while (n--) {
		snprintf(path, sizeof(path), "%s/%s", root, names[n]);
		rmdir(path);
	}
	rmdir(root);
}

/* A new tree under $TMPDIR with DIRS, its path in ROOT, and a context on
 * it; false after reporting that it could not be made. */
static bool make_root(char *root, size_t size, const char *name, const char *const *dirs,
		      struct zswapctl_ctx **ctx)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(root, size, "%s/zswapctl-test-%s.XXXXXX", tmp ? tmp : "/tmp", name);
	if (!mkdtemp(root) || make_dirs(root, dirs) < 0 || open_root(root, ctx) < 0) {
		CHECK(0, "a tree in %s", root);
		return false;
	}
	return true;
}

static int logged;
static void count_log(struct zswapctl_ctx *ctx, int priority, const char *file,
		      int line, const char *fn, const char *format, va_list args)
{
	(void)file, (void)line, (void)fn, (void)format, (void)args;
	if (ctx && priority == LOG_DEBUG)
		logged++;
}

static void test_order(void)
{
	static const char *const dirs[] = {
		"sys", "sys/block", "sys/block/zram10", "sys/block/zram2",
		"sys/block/zram0", "sys/block/loop0", "sys/block/zramx", NULL,
	};
	struct zswapctl_dev_list *a = NULL, *b = NULL;
	struct zswapctl_dev *dev, *kept = NULL;
	struct zswapctl_ctx *ctx = NULL;
	char root[1024], order[64] = "";
	size_t used = 0;
	char *value = NULL;

	if (!make_root(root, sizeof(root), "api", dirs, &ctx))
		return;
	CHECK(zswapctl_dev_list_new(ctx, &a) == 0 && zswapctl_dev_list_new(ctx, &b) == 0,
	      "two lists of the same devices");
	if (a && b) {
		zswapctl_dev_list_foreach(a, dev)
			used += (size_t)snprintf(order + used, sizeof(order) - used, "%s%u",
						 used ? "," : "", zswapctl_dev_get_id(dev));
		CHECK(!strcmp(order, "0,2,10"), "by id, zram devices only: %s", order);
		dev = zswapctl_dev_list_get_next(b, zswapctl_dev_list_get_first(a));
		CHECK(dev && zswapctl_dev_get_id(dev) == 2,
		      "next() takes a device of another list");
		kept = zswapctl_dev_ref(zswapctl_dev_list_get_next(a, dev));
	}
	a = zswapctl_dev_list_unref(a);
	b = zswapctl_dev_list_unref(b);
	CHECK(kept && !strcmp(zswapctl_dev_get_name(kept), "zram10"),
	      "a referenced device outlives its list");

	zswapctl_ctx_set_log_fn(ctx, count_log);
	zswapctl_ctx_set_log_priority(ctx, LOG_DEBUG);
	CHECK(zswapctl_ctx_get_log_priority(ctx) == LOG_DEBUG, "log priority");
	CHECK(kept && zswapctl_dev_read_attr(kept, "disksize", &value) == -ENOENT,
	      "a missing attribute is -ENOENT");
	CHECK(logged > 0, "and the log callback heard of it (%d)", logged);
	free(value);

	zswapctl_dev_unref(kept);
	zswapctl_ctx_unref(ctx);
	remove_dirs(root, dirs);
}

/* A device's attributes are found by name in its directory, which the
 * device keeps open; with no descriptor to spare for that, by whole path.
 * Both ways read, write and refuse the same. */
static void check_attr_io(struct zswapctl_dev *dev, const char *how)
{
	uint64_t v = 0;

	CHECK(zswapctl_dev_read_u64(dev, "disksize", &v) == 0 && v == 1024,
	      "%s: disksize reads (%llu)", how, (unsigned long long)v);
	CHECK(zswapctl_dev_write_attr(dev, "disksize", "2048") == 0 &&
		      zswapctl_dev_read_u64(dev, "disksize", &v) == 0 && v == 2048,
	      "%s: a write is read back (%llu)", how, (unsigned long long)v);
	zswapctl_dev_write_attr(dev, "disksize", "1024");
	CHECK(zswapctl_dev_has_attr(dev, "disksize") == 0 &&
		      zswapctl_dev_has_attr(dev, "mm_stat") == -ENOENT,
	      "%s: has_attr", how);
	CHECK(zswapctl_dev_has_attr(dev, "../zram0") == -EINVAL &&
		      zswapctl_dev_write_attr(dev, "a/b", "1") == -EINVAL,
	      "%s: a name with a path is refused", how);
}

static void test_attr_io(void)
{
	static const char *const dirs[] = { "sys", "sys/block", "sys/block/zram0", NULL };
	struct zswapctl_ctx *ctx = NULL;
	struct zswapctl_dev *dev = NULL;
	struct rlimit lim, none;
	char root[1024], path[2048];
	FILE *f;
	int lowest;

	if (!make_root(root, sizeof(root), "attr", dirs, &ctx))
		return;
	snprintf(path, sizeof(path), "%s/sys/block/zram0/disksize", root);
	f = fopen(path, "w");
	CHECK(f && fputs("1024\n", f) >= 0 && fclose(f) == 0, "a disksize file");

	CHECK(zswapctl_dev_new(ctx, "zram0", &dev) == 0, "zram0 with its directory open");
	if (dev)
		check_attr_io(dev, "directory");
	dev = zswapctl_dev_unref(dev);

	/* Every descriptor taken: RLIMIT_NOFILE at the lowest free one. */
	lowest = dup(0);
	close(lowest);
	getrlimit(RLIMIT_NOFILE, &lim);
	none = lim;
	none.rlim_cur = (rlim_t)lowest;
	CHECK(lowest > 0 && setrlimit(RLIMIT_NOFILE, &none) == 0 &&
		      zswapctl_dev_new(ctx, "zram0", &dev) == 0,
	      "zram0 without a descriptor to spare");
	setrlimit(RLIMIT_NOFILE, &lim);
	if (dev)
		check_attr_io(dev, "whole path");
	zswapctl_dev_unref(dev);

	CHECK(zswapctl_dev_new(ctx, "zram1", &dev) == -ENODEV, "zram1 is no device");
	unlink(path);
	zswapctl_ctx_unref(ctx);
	remove_dirs(root, dirs);
}

/* What a systemd generator left this boot, under the root, by unit name. */
static void test_systemd_generated(void)
{
	static const char *const dirs[] = {
		"run", "run/systemd", "run/systemd/generator.late",
		"run/systemd/generator.late/dev-zram1.swap", NULL,
	};
	struct zswapctl_ctx *ctx = NULL;
	char root[1024];

	if (!make_root(root, sizeof(root), "gen", dirs, &ctx))
		return;
	CHECK(zswapctl_systemd_generated(ctx, "dev-zram1.swap") == 1,
	      "a unit in generator.late is generated");
	CHECK(zswapctl_systemd_generated(ctx, "dev-zram0.swap") == 0,
	      "a unit in none of the three directories is not");
	CHECK(zswapctl_systemd_generated(ctx, "../generator.late/dev-zram1.swap") == -EINVAL,
	      "a name with a path is refused");
	CHECK(zswapctl_systemd_generated(ctx, "") == -EINVAL, "an empty name is refused");
	zswapctl_ctx_unref(ctx);
	remove_dirs(root, dirs);
}

/* The errno and NULL rules of libzswapctl(3) for two of the system calls:
 * a pointer left NULL asks for nothing, and two directories are not "the
 * same device" (their st_rdev is 0 alike). */
static void test_meminfo_and_devices(void)
{
	static const char *const dirs[] = { "proc", "sys", NULL };
	struct zswapctl_ctx *ctx = NULL;
	uint64_t total = 0, avail = 0;
	char root[1024], path[2048];
	FILE *f;

	if (!make_root(root, sizeof(root), "meminfo", dirs, &ctx))
		return;
	snprintf(path, sizeof(path), "%s/proc/meminfo", root);
	f = fopen(path, "w");
	CHECK(f && fputs("MemFree:  1024 kB\nMemAvailable:  2048 kB\n", f) >= 0 &&
		      fclose(f) == 0, "a meminfo without MemTotal");
	CHECK(zswapctl_meminfo(ctx, NULL, &avail) == 0 && avail == 2048 * 1024,
	      "meminfo: MemAvailable alone, total not asked for");
	CHECK(zswapctl_meminfo(ctx, &total, NULL) == -ENODATA, "meminfo: MemTotal asked for, missing");
	CHECK(zswapctl_block_device_same(ctx, "/proc", "/sys") == -ENOTBLK,
	      "block_device_same: two directories are no devices");
	unlink(path);
	zswapctl_ctx_unref(ctx);
	remove_dirs(root, dirs);
}

int main(void)
{
	const char *srcdir = getenv("top_srcdir");

	if (!srcdir) {
		fprintf(stderr, "run through make check (top_srcdir)\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++)
		test_fixture(&fixtures[i], srcdir);
	test_order();
	test_attr_io();
	test_systemd_generated();
	test_meminfo_and_devices();
	return tap_finish();
}
