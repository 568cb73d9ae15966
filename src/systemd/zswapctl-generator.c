// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * zswapctl-generator: what the boot needs from the configuration, as
 * drop-ins for zswapctl.service (systemd.generator(7)), so the static unit
 * stays simple:
 *   - a block backing device: Wants= and After= its .device unit, with a
 *     bounded job timeout on that unit (Wants=, not Requires=: a disk that
 *     never appears delays the boot by the timeout, then setup gives a
 *     device without writeback and says why);
 *   - a file: backing device: After= the mount units of every directory
 *     above the file, so the file is made on the filesystem mounted there;
 *   - zswapctl.disable on the kernel command line: the unit masked, and
 *     zswapctl-maintain.service with it.
 * It reads the configuration through the setup engine, as setup does; a
 * configuration with errors adds nothing (setup reports them at start).
 * Never fails the boot: every problem is logged, the exit status is 0
 * unless the output directories cannot be written.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "setup.h"
#include "system-paths.h"
#include "util.h"

#define UNIT "zswapctl.service"
#define MAINTAIN_UNIT "zswapctl-maintain.service"
#define DROPIN "50-zswapctl-generator.conf"
/* systemd's limit, the NUL included: a longer name is no unit name (systemd
 * hashes such paths into a name of its own, which is not copied here). */
#define UNIT_NAME_MAX 256

struct gen {
	const char *normal, *early;
	bool to_kmsg; /* the real boot: messages to the kernel log */
	FILE *service;	/* the drop-in for UNIT, opened on first use */
	int nerrors;
};

static void logv(struct gen *g, int level, const char *fmt, va_list ap)
{
	char line[1024];
	int fd, n;

	n = vsnprintf(line, sizeof(line), fmt, ap);
	if (n < 0)
		return;
	fd = g->to_kmsg ? zswapctl_kmsg_open() : -1;
	if (fd < 0) {
		fprintf(stderr, "zswapctl-generator: %s\n", line);
		return;
	}
	dprintf(fd, "<%d>zswapctl-generator: %s\n", level, line);
	close(fd);
}

static void __attribute__((format(printf, 3, 4))) gen_log(struct gen *g, int level,
							   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	logv(g, level, fmt, ap);
	va_end(ap);
}

static void diag(const struct setup_diag *d, void *userdata)
{
	struct gen *g = userdata;

	if (d->severity == SETUP_INFO)
		return;
	if (d->file)
		gen_log(g, d->severity == SETUP_ERROR ? 3 : 4, "%s:%d: %s", d->file, d->line,
			d->message);
	else
		gen_log(g, d->severity == SETUP_ERROR ? 3 : 4, "%s", d->message);
}

/*
 * A path as systemd names its unit (systemd-escape --path): no leading or
 * trailing or doubled "/", "/" becomes "-", every byte but [A-Za-z0-9:_.]
 * (and a leading ".") becomes \xHH; "/" alone is "-".
 */
static int unit_name_from_path(const char *path, const char *suffix, char *buf, size_t len)
{
	size_t n = 0;
	bool first = true;

	while (*path == '/')
		path++;
	if (!*path)
		return snprintf(buf, len, "-%s", suffix) < (int)len ? 0 : -ENAMETOOLONG;
	for (const char *p = path; *p; p++) {
		unsigned char c = (unsigned char)*p;
		int w;

		if (c == '/') {
			while (p[1] == '/')
				p++;
			if (!p[1])
				break;
			w = snprintf(buf + n, len - n, "-");
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9') || c == ':' || c == '_' || (c == '.' && !first)) {
			w = snprintf(buf + n, len - n, "%c", c);
		} else {
			w = snprintf(buf + n, len - n, "\\x%02x", c);
		}
		if (w < 0 || (size_t)w >= len - n)
			return -ENAMETOOLONG;
		n += (size_t)w;
		first = false;
	}
	return snprintf(buf + n, len - n, "%s", suffix) < (int)(len - n) ? 0 : -ENAMETOOLONG;
}

static FILE *open_dropin(struct gen *g, const char *unit)
{
	char dir[4096], path[4200];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/%s.d", g->normal, unit);
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		gen_log(g, 3, "cannot create %s: %s", dir, strerror(errno));
		g->nerrors++;
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, DROPIN);
	f = fopen(path, "we");
	if (!f) {
		gen_log(g, 3, "cannot write %s: %s", path, strerror(errno));
		g->nerrors++;
		return NULL;
	}
	fputs("# Written by zswapctl-generator from the zswapctl configuration.\n", f);
	return f;
}

static FILE *service_dropin(struct gen *g)
{
	if (!g->service) {
		g->service = open_dropin(g, UNIT);
		if (g->service)
			fputs("[Unit]\n", g->service);
	}
	return g->service;
}

/* Two sections naming one disk by the same path share its drop-in: the
 * longest of their timeouts, written once (setup refuses the second one,
 * but the first still waits as configured). */
static bool same_disk_first(const struct config *cfg, size_t i, unsigned int *timeout)
{
	const struct config_device *d = &cfg->devices[i];
	bool first = true;

	*timeout = d->backing_timeout_sec;
	for (size_t k = 0; k < cfg->ndevices; k++) {
		const struct config_device *o = &cfg->devices[k];

		if (k == i || o->skip != CONFIG_SKIP_NONE || o->backing_file || !o->backing_device ||
		    strcmp(o->backing_device, d->backing_device))
			continue;
		if (k < i)
			first = false;
		if (o->backing_timeout_sec > *timeout)
			*timeout = o->backing_timeout_sec;
	}
	return first;
}

/* Wait for the device, a bounded time, and go on without it. */
static void block_backing(struct gen *g, const struct config *cfg, size_t i)
{
	const struct config_device *d = &cfg->devices[i];
	char unit[UNIT_NAME_MAX];
	unsigned int timeout;
	FILE *f;

	if (unit_name_from_path(d->backing_device, ".device", unit, sizeof(unit)) < 0) {
		gen_log(g, 4, "zram%u: backing device %s: its unit name would be longer than "
			"systemd's %d characters; the boot does not wait for it (name it by a "
			"shorter path, /dev/disk/by-uuid/...)", d->id, d->backing_device,
			UNIT_NAME_MAX - 1);
		return;
	}
	f = service_dropin(g);
	if (!f)
		return;
	fprintf(f, "# zram%u: backing-device = %s\nWants=%s\nAfter=%s\n", d->id,
		d->backing_device, unit, unit);
	if (!same_disk_first(cfg, i, &timeout))
		return;
	f = open_dropin(g, unit);
	if (!f)
		return;
	fprintf(f, "# zram%u of zswapctl waits this long for it, then goes without it\n"
		   "# (backing-device-timeout; the longest, if other sections name it too).\n"
		   "[Unit]\nJobRunningTimeoutSec=%us\n", d->id, timeout);
	if (fclose(f) != 0)
		g->nerrors++;
}

/*
 * After= the mount of every directory above PATH, but /tmp's: where /tmp
 * is a tmpfs (tmp.mount, the default of several distributions) systemd
 * orders it after swap.target, which this unit comes before, and breaks
 * the cycle by dropping tmp.mount from the boot: no /tmp. Said instead.
 */
static void after_mounts_above(struct gen *g, FILE *f, unsigned int id, const char *path)
{
	_cleanup_free_ char *dir = strdup(path);
	char unit[UNIT_NAME_MAX];

	for (char *slash = dir ? strrchr(dir, '/') : NULL; slash; slash = strrchr(dir, '/')) {
		*slash = '\0';
		if (!strcmp(dir, "/tmp")) {
			gen_log(g, 4, "zram%u: %s is under /tmp: not ordered after tmp.mount (a tmpfs "
				"/tmp is mounted after swap, and over it); choose a path outside /tmp",
				id, path);
			continue;
		}
		if (unit_name_from_path(*dir ? dir : "/", ".mount", unit, sizeof(unit)) == 0)
			fprintf(f, "After=%s\n", unit);
	}
}

/* After the mount of every directory above the file, as RequiresMountsFor=
 * orders, without its Requires=: a mount that fails must not cost the
 * machine its swap (setup then goes without the file, and says why). */
static void file_backing(struct gen *g, const struct config_device *d)
{
	FILE *f = service_dropin(g);

	if (!f)
		return;
	fprintf(f, "# zram%u: backing-device = %s\n", d->id, d->backing_device);
	after_mounts_above(g, f, d->id, d->backing_file);
}

/* A filesystem device's mount point: mounted after the filesystems above it
 * (/var for /var/tmp) and before local-fs.target, as a mount unit would be,
 * so that the services of the boot find it there. */
static void mount_point(struct gen *g, const struct config_device *d)
{
	FILE *f = service_dropin(g);

	if (!f)
		return;
	fprintf(f, "# zram%u: mount-point = %s\nBefore=local-fs.target\n", d->id, d->mount_point);
	after_mounts_above(g, f, d->id, d->mount_point);
}

/* zswapctl.disable: the units masked in the early directory, which comes
 * before /etc (where they are enabled). The maintain unit is masked here
 * too rather than by a ConditionKernelCommandLine=!zswapctl.disable of its
 * own: systemd matches that word with any value, so zswapctl.disable=0
 * would have stopped the daemon while the devices were set up. */
static int mask_units(struct gen *g)
{
	static const char *const units[] = { UNIT, MAINTAIN_UNIT };
	char path[4096];
	int r, rc = 0;

	for (size_t i = 0; i < ARRAY_SIZE(units); i++) {
		snprintf(path, sizeof(path), "%s/%s", g->early, units[i]);
		r = zswapctl_mask_link(path);
		if (r < 0) {
			gen_log(g, 3, "cannot mask %s: %s", path, strerror(-r));
			rc = 1;
		}
	}
	if (!rc)
		gen_log(g, 5, "zswapctl.disable is on the kernel command line: %s and %s masked",
			UNIT, MAINTAIN_UNIT);
	return rc;
}

static int generate(struct gen *g, const char *root)
{
	struct zswapctl_ctx *zctx = NULL;
	struct setup_ctx s = { .diag = diag, .userdata = g };
	struct config cfg;
	bool disabled = false;
	uint64_t ram = 0;
	int r;

	r = zswapctl_ctx_new(&zctx);
	if (r == 0 && root)
		r = zswapctl_ctx_set_root(zctx, root);
	if (r < 0) {
		gen_log(g, 3, "cannot start: %s", strerror(-r));
		zswapctl_ctx_unref(zctx);
		return 1;
	}
	s.zctx = zctx;
	zswapctl_kernel_cmdline_has(zctx, "zswapctl.disable", &disabled);
	if (disabled) {
		r = mask_units(g);
		zswapctl_ctx_unref(zctx);
		return r;
	}
	zswapctl_meminfo(zctx, &ram, NULL);
	if (config_load(&s, NULL, ram, &cfg) < 0) {
		gen_log(g, 4, "the configuration has errors (above); nothing generated, "
			      "zswapctl.service reports them");
		zswapctl_ctx_unref(zctx);
		return 0;
	}
	for (size_t i = 0; i < cfg.ndevices; i++) {
		const struct config_device *d = &cfg.devices[i];

		if (d->skip != CONFIG_SKIP_NONE)
			continue; /* no device (size 0, host-memory-limit): nothing to wait for */
		if (d->backing_file)
			file_backing(g, d);
		else if (d->backing_device)
			block_backing(g, &cfg, i);
		if (d->mount_point)
			mount_point(g, d);
	}
	config_free(&cfg);
	zswapctl_ctx_unref(zctx);
	if (g->service && fclose(g->service) != 0)
		g->nerrors++;
	return g->nerrors ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct gen g = { 0 };
	const char *root = NULL;
	int i = 1;

	if (argc > 2 && !strcmp(argv[1], "--sysroot")) {
		root = argv[2];
		i = 3;
	}
	if (argc - i < 1 || argc - i > 3) {
		fprintf(stderr, "Usage: zswapctl-generator [--sysroot DIR] NORMAL-DIR [EARLY-DIR "
				"[LATE-DIR]]\n(run by systemd; see zswapctl-generator(8))\n");
		return 2;
	}
	g.normal = argv[i];
	g.early = argc - i > 1 ? argv[i + 1] : argv[i];
	/* At boot stderr may go nowhere; a test with --sysroot reads it. */
	g.to_kmsg = !root;
	return generate(&g, root);
}
