// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * zram-generator.conf(5) and its drop-ins as zswapctl.conf: one [zramN]
 * per device, key by key, later files winning as in zram-generator; what
 * zswapctl does not do is said in a comment, never left out in silence.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "util.h"

enum zg_key {
	ZG_HOST_MEMORY_LIMIT,
	ZG_ZRAM_SIZE,
	ZG_RESIDENT_LIMIT,
	ZG_COMPRESSION,
	ZG_WRITEBACK,
	ZG_SWAP_PRIORITY,
	ZG_MOUNT_POINT,
	ZG_FS_TYPE,
	ZG_OPTIONS,
	ZG_FRACTION,
	ZG_MAX_SIZE,
	ZG_MAX
};

/* zram-generator's keys; "memory-limit" is its old name of the first. */
static const char *const zg_names[ZG_MAX] = {
	"host-memory-limit", "zram-size", "zram-resident-limit", "compression-algorithm",
	"writeback-device", "swap-priority", "mount-point", "fs-type", "options",
	"zram-fraction", "max-zram-size",
};

struct zg_value {
	char *value; /* NULL: not set */
	const char *file;
	int line;
};

struct zg_device {
	unsigned int id;
	const char *file; /* of the first header */
	int line;
	struct zg_value v[ZG_MAX];
};

struct zg_conf {
	struct zg_device *devs;
	size_t ndevs;
	struct config_file_list files;
};

static struct zg_device *zg_device(struct zg_conf *c, unsigned int id, const char *file,
				   int line)
{
	struct zg_device *d;
	size_t pos = 0;

	for (size_t i = 0; i < c->ndevs; i++)
		if (c->devs[i].id == id)
			return &c->devs[i];
	d = realloc(c->devs, (c->ndevs + 1) * sizeof(*d));
	if (!d)
		return NULL;
	c->devs = d;
	while (pos < c->ndevs && c->devs[pos].id < id)
		pos++;
	memmove(&d[pos + 1], &d[pos], (c->ndevs - pos) * sizeof(*d));
	c->ndevs++;
	memset(&d[pos], 0, sizeof(*d));
	d[pos].id = id;
	d[pos].file = file;
	d[pos].line = line;
	return &d[pos];
}

static void zg_free(struct zg_conf *c)
{
	for (size_t i = 0; i < c->ndevs; i++)
		for (int k = 0; k < ZG_MAX; k++)
			free(c->devs[i].v[k].value);
	free(c->devs);
	config_files_free(&c->files);
}

/*
 * A value as rust-ini (zram-generator's INI reader) gives it: "quoted" and
 * 'quoted' parts lose their quotes, and whatever follows a closing quote
 * is part of the value too (trailing blanks trimmed). In place; false
 * when a quote is not closed on the line (rust-ini then reads on into the
 * next lines, and zram-generator refuses the file when none closes it).
 */
static bool zg_unquote(char *v)
{
	char *out = v;

	while (*v == '"' || *v == '\'') {
		char *close = strchr(v + 1, *v);

		if (!close)
			return false;
		memmove(out, v + 1, (size_t)(close - v - 1));
		out += close - v - 1;
		v = close + 1;
	}
	memmove(out, v, strlen(v) + 1);
	import_trim(out);
	return true;
}

/* One file, as zram-generator's INI reader takes it: [sections], key =
 * value, # and ; comments on their own lines. */
static int zg_read(const struct setup_ctx *s, struct zg_conf *c, const char *path,
		   struct import_out *o)
{
	_cleanup_fclose_ FILE *f = NULL;
	struct zg_device *dev = NULL;
	bool in_other = false;
	char buf[4096];
	int line = 0, r;

	if (import_open(s, path, &f) != SETUP_OK)
		return SETUP_FAILED;
	while (f && (r = import_next_line(o, f, path, buf, sizeof(buf), &line)) != 0) {
		char *l = import_trim(buf), *eq, *key, *value;
		unsigned int id;
		int k;

		if (r < 0)
			return SETUP_FAILED;
		if (!*l || *l == '#' || *l == ';')
			continue;
		if (*l == '[') {
			char *end = strchr(l, ']');

			dev = NULL;
			in_other = true;
			if (end)
				*end = '\0';
			if (end && !strncmp(l + 1, "zram", 4) &&
			    zswapctl_parse_dev_name(l + 1, &id) == 0) {
				dev = zg_device(c, id, path, line);
				if (!dev)
					return -ENOMEM;
				in_other = false;
			} else {
				import_dropped(o, path, line, "[%s]: zram-generator ignores this "
					       "section too", l + 1);
			}
			continue;
		}
		eq = strchr(l, '=');
		if (!eq) {
			import_dropped(o, path, line, "'%s': not key = value", l);
			continue;
		}
		*eq = '\0';
		key = import_trim(l);
		value = import_trim(eq + 1);
		if (!dev) {
			if (!in_other)
				import_dropped(o, path, line, "%s = %s: zswapctl runs no programs to "
					       "compute sizes (set!); the expressions that use the "
					       "variable are not carried over either", key, value);
			continue;
		}
		if (!zg_unquote(value)) {
			import_dropped(o, path, line, "[zram%u] %s = %s: a quote that is not "
				       "closed on its line", dev->id, key, value);
			continue;
		}
		if (!strcmp(key, "memory-limit"))
			key = (char *)zg_names[ZG_HOST_MEMORY_LIMIT];
		for (k = 0; k < ZG_MAX; k++)
			if (!strcmp(key, zg_names[k]))
				break;
		if (k == ZG_MAX) {
			import_dropped(o, path, line, "[zram%u] %s = %s: not a key of "
				       "zram-generator, which ignores it", dev->id, key, value);
			continue;
		}
		free(dev->v[k].value);
		dev->v[k].value = strdup(value);
		if (!dev->v[k].value)
			return -ENOMEM;
		dev->v[k].file = path;
		dev->v[k].line = line;
	}
	return SETUP_OK;
}

/* "# KEY = VALUE (FILE:LINE)" and "key = value" under it: a comment of
 * its own line, as a configuration line may have at most 198 characters.
 * A line config check would refuse is not carried over (import_key()).
 * True when it was carried over. */
static bool carried(struct import_out *o, const struct zg_value *v, enum zg_key k,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static bool carried(struct import_out *o, const struct zg_value *v, enum zg_key k,
		    const char *fmt, ...)
{
	_cleanup_free_ char *comment = NULL, *line = NULL;
	bool set = v && v->value;
	va_list args;
	int r;

	if (set)
		r = asprintf(&comment, "# %s = %s (%s:%d)", zg_names[k], v->value, v->file,
			     v->line);
	else
		r = asprintf(&comment, "# %s: zram-generator's default", zg_names[k]);
	if (r < 0)
		comment = NULL;
	va_start(args, fmt);
	r = vasprintf(&line, fmt, args);
	va_end(args);
	if (r < 0) {
		line = NULL;
		import_dropped(o, set ? v->file : NULL, set ? v->line : 0, "%s: out of memory",
			       zg_names[k]);
		return false;
	}
	return import_key(o, comment, set ? v->file : NULL, set ? v->line : 0, "%s", line);
}

static void size_key(struct import_out *o, const struct zg_value *v, enum zg_key k,
		     const char *key, const char *unset)
{
	char *expr = NULL;
	const char *why;

	if (!v->value) {
		if (unset)
			carried(o, NULL, k, "%s = %s", key, unset);
		return;
	}
	if (import_mib_expression(v->value, &expr, &why) < 0) {
		import_dropped(o, v->file, v->line, "%s = %s: %s; %s keeps its default%s%s",
			       zg_names[k], v->value, why, key, unset ? " " : "",
			       unset ? unset : "");
		return;
	}
	carried(o, v, k, "%s = %s", key, expr);
	free(expr);
}

/* zram-fraction and max-zram-size (obsolete) replace zram-size. */
static void obsolete_size(struct import_out *o, const struct zg_device *d)
{
	const struct zg_value *fr = &d->v[ZG_FRACTION], *mx = &d->v[ZG_MAX_SIZE];
	const char *fraction = fr->value ? fr->value : "0.5";
	const char *file = fr->file ? fr->file : mx->file;
	int line = fr->file ? fr->line : mx->line;
	_cleanup_free_ char *comment = NULL;
	char *end;

	strtod(fraction, &end);
	if (*end || !*fraction || strchr(fraction, '-') ||
	    (mx->value && strcmp(mx->value, "none") && strspn(mx->value, "0123456789") !=
	     strlen(mx->value))) {
		import_dropped(o, fr->file ? fr->file : mx->file, fr->file ? fr->line : mx->line,
			       "zram-fraction = %s, max-zram-size = %s: not numbers zswapctl reads",
			       fraction, mx->value ? mx->value : "(unset)");
		return;
	}
	if (d->v[ZG_ZRAM_SIZE].value)
		import_dropped(o, d->v[ZG_ZRAM_SIZE].file, d->v[ZG_ZRAM_SIZE].line,
			       "zram-size = %s: zram-fraction and max-zram-size override it",
			       d->v[ZG_ZRAM_SIZE].value);
	if (asprintf(&comment, "# zram-fraction = %s, max-zram-size = %s (obsolete keys)",
		     fraction, mx->value ? mx->value : "(unset)") < 0)
		comment = NULL;
	/* zram-generator: no maximum unless max-zram-size gives one */
	if (mx->value && strcmp(mx->value, "none"))
		import_key(o, comment, file, line, "size = min(ram * %s%s, %sM)", fraction,
			   strchr(fraction, '.') ? "" : ".0", mx->value);
	else
		import_key(o, comment, file, line, "size = ram * %s%s", fraction,
			   strchr(fraction, '.') ? "" : ".0");
}

/* zram-generator keeps the kernel's when it cannot set the one asked for:
 * so does a name config check refuses, which the kernel would refuse too. */
static void algorithm(struct import_out *o, const struct zg_value *v, const char *first)
{
	_cleanup_free_ char *comment = NULL;

	if (asprintf(&comment, "# compression-algorithm = %s (%s:%d)", v->value, v->file,
		     v->line) < 0)
		comment = NULL;
	if (first && strcmp(first, CONFIG_ALGORITHM_KERNEL) &&
	    import_key(o, comment, v->file, v->line, "algorithm = %s %s", first,
		       CONFIG_ALGORITHM_KERNEL))
		return;
	import_key(o, comment, v->file, v->line, "algorithm = %s", CONFIG_ALGORITHM_KERNEL);
}

/* "lzo-rle zstd(level=3) (type=idle)": the first algorithm, the rest for
 * recompression with priorities 1, 2, 3, and the global parameters. */
static void compression(struct import_out *o, const struct zg_value *v)
{
	char *copy, *save = NULL, *w, *first = NULL;
	unsigned int n = 0;
	FILE *rec;
	char *rec_text = NULL;
	size_t rec_len = 0;

	if (!v->value) {
		carried(o, NULL, ZG_COMPRESSION, "algorithm = %s", CONFIG_ALGORITHM_KERNEL);
		return;
	}
	copy = strdup(v->value);
	rec = open_memstream(&rec_text, &rec_len);
	if (!copy || !rec) {
		free(copy);
		if (rec)
			fclose(rec);
		free(rec_text);
		return;
	}
	for (w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		if (w[0] == '(') { /* global recompression parameters */
			char *p = w + 1, *end = strchr(p, ')'), *psave = NULL;

			if (end)
				*end = '\0';
			/* zram-generator writes them into recompress at setup, before
			 * the device has data: they recompress nothing there */
			for (char *kv = strtok_r(p, ",", &psave); kv; kv = strtok_r(NULL, ",", &psave))
				import_dropped(o, v->file, v->line, "compression-algorithm: "
					       "recompression parameter '%s': give it to 'zswapctl "
					       "recompress' (--type, --threshold), or to maintain's "
					       "recompress-type and recompress-threshold", kv);
			continue;
		}
		if (n == 0)
			first = w;
		else if (n <= 3)
			fprintf(rec, " %s:%u", w, n);
		else
			import_dropped(o, v->file, v->line, "compression-algorithm: '%s': zram has "
				       "3 recompression slots", w);
		n++;
	}
	fclose(rec);
	algorithm(o, v, first);
	if (rec_text && *rec_text)
		import_key(o, NULL, v->file, v->line, "recompress =%s", rec_text);
	free(rec_text);
	free(copy);
}

/* options for a swap device: discard[=once|pages] is zswapctl's discard;
 * the rest are fstab(5) words for systemd's swap unit. */
static void swap_options(struct import_out *o, const struct zg_value *v)
{
	const char *discard = "no";
	char *copy, *save = NULL;

	if (!v->value) {
		carried(o, NULL, ZG_OPTIONS, "discard = yes");
		return;
	}
	copy = strdup(v->value);
	if (!copy)
		return;
	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		w = import_trim(w);
		if (!strcmp(w, "discard"))
			discard = "yes";
		else if (!strcmp(w, "discard=once"))
			discard = "once";
		else if (!strcmp(w, "discard=pages"))
			discard = "pages";
		else if (*w)
			import_dropped(o, v->file, v->line, "options: '%s': zswapctl's swapon "
				       "takes discard and the priority only (use swap-priority)", w);
	}
	free(copy);
	carried(o, v, ZG_OPTIONS, "discard = %s", discard);
}

static bool is_swap(const struct zg_device *d)
{
	return !d->v[ZG_MOUNT_POINT].value &&
	       (!d->v[ZG_FS_TYPE].value || !strcmp(d->v[ZG_FS_TYPE].value, "swap"));
}

/* "///" is "/" to systemd: a mount over the root directory. */
static bool mounts_root(const struct zg_device *d)
{
	const char *m = d->v[ZG_MOUNT_POINT].value;

	return m && *m && strspn(m, "/") == strlen(m);
}

/* options for a filesystem: discard is zswapctl's discard, the rest are
 * mount-options (zram-generator's mount unit takes them all as Options=). */
static void mount_options(struct import_out *o, const struct zg_value *v)
{
	char *copy, *save = NULL, *rest;
	const char *discard = "no";
	size_t len = 0;

	if (!v->value) {
		carried(o, NULL, ZG_OPTIONS, "discard = yes");
		return;
	}
	copy = strdup(v->value);
	rest = calloc(1, strlen(v->value) + 1);
	if (!copy || !rest) {
		free(copy);
		free(rest);
		return;
	}
	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		w = import_trim(w);
		if (!strcmp(w, "discard"))
			discard = "yes";
		else if (!strcmp(w, "nodiscard"))
			discard = "no";
		else if (*w)
			len += (size_t)sprintf(rest + len, "%s%s", len ? "," : "", w);
	}
	carried(o, v, ZG_OPTIONS, "discard = %s", discard);
	if (len)
		import_key(o, NULL, v->file, v->line, "mount-options = %s", rest);
	free(rest);
	free(copy);
}

static void device_keys(struct import_out *o, const struct zg_device *d);

static int device(struct import_out *o, const struct zg_device *d)
{
	const struct zg_value *v = d->v;

	fprintf(o->f, "\n");
	if (mounts_root(d)) {
		import_dropped(o, d->file, d->line, "[zram%u]: mounted on %s, the root directory; "
			       "zswapctl does not mount over it", d->id, v[ZG_MOUNT_POINT].value);
		for (int k = 0; k < ZG_MAX; k++)
			if (v[k].value)
				import_dropped(o, v[k].file, v[k].line, "[zram%u] %s = %s", d->id,
					       zg_names[k], v[k].value);
		return 0;
	}
	if (import_section(o, d->id, d->file, d->line) < 0)
		return -ENOMEM;
	device_keys(o, d);
	return import_section_end(o);
}

/* The keys of a device, each as config check takes it or said not carried
 * over; the section is checked as a whole after them. */
static void device_keys(struct import_out *o, const struct zg_device *d)
{
	const struct zg_value *v = d->v;
	bool swap = is_swap(d);

	if (v[ZG_HOST_MEMORY_LIMIT].value) {
		const char *lim = v[ZG_HOST_MEMORY_LIMIT].value;

		if (!strcmp(lim, "none"))
			carried(o, &v[ZG_HOST_MEMORY_LIMIT], ZG_HOST_MEMORY_LIMIT,
				"host-memory-limit = none");
		else if (*lim && strspn(lim, "0123456789") == strlen(lim))
			carried(o, &v[ZG_HOST_MEMORY_LIMIT], ZG_HOST_MEMORY_LIMIT,
				"host-memory-limit = %sM", lim);
		else
			import_dropped(o, v[ZG_HOST_MEMORY_LIMIT].file, v[ZG_HOST_MEMORY_LIMIT].line,
				       "host-memory-limit = %s: not a number of MiB", lim);
	}
	if (v[ZG_FRACTION].value || v[ZG_MAX_SIZE].value)
		obsolete_size(o, d);
	else
		size_key(o, &v[ZG_ZRAM_SIZE], ZG_ZRAM_SIZE, "size", "min(ram / 2, 4096M)");
	size_key(o, &v[ZG_RESIDENT_LIMIT], ZG_RESIDENT_LIMIT, "mem-limit", NULL);
	compression(o, &v[ZG_COMPRESSION]);
	/* zram-generator fails the device when the kernel writes back but
	 * the device cannot be attached (it warns only on a kernel without
	 * writeback, where this fails the device too) */
	if (v[ZG_WRITEBACK].value &&
	    carried(o, &v[ZG_WRITEBACK], ZG_WRITEBACK, "backing-device = %s",
		    v[ZG_WRITEBACK].value))
		import_key(o, "# as zram-generator, which fails the device when it cannot "
			   "attach it", NULL, 0, "backing-device-required = yes");
	if (!swap) {
		/* zram-generator puts ext2 on a device with a mount point only */
		if (v[ZG_FS_TYPE].value)
			carried(o, &v[ZG_FS_TYPE], ZG_FS_TYPE, "fs-type = %s", v[ZG_FS_TYPE].value);
		else
			carried(o, NULL, ZG_FS_TYPE, "fs-type = ext2");
		if (v[ZG_MOUNT_POINT].value)
			carried(o, &v[ZG_MOUNT_POINT], ZG_MOUNT_POINT, "mount-point = %s",
				v[ZG_MOUNT_POINT].value);
		if (v[ZG_SWAP_PRIORITY].value)
			import_dropped(o, v[ZG_SWAP_PRIORITY].file, v[ZG_SWAP_PRIORITY].line,
				       "swap-priority = %s: zram%u is a filesystem (zram-generator "
				       "ignores it too)", v[ZG_SWAP_PRIORITY].value, d->id);
		if (v[ZG_MOUNT_POINT].value)
			mount_options(o, &v[ZG_OPTIONS]);
		else if (v[ZG_OPTIONS].value)
			import_dropped(o, v[ZG_OPTIONS].file, v[ZG_OPTIONS].line, "options = %s: "
				       "zram%u is formatted but not mounted", v[ZG_OPTIONS].value, d->id);
		return;
	}
	if (v[ZG_SWAP_PRIORITY].value) {
		char *end;
		long prio = strtol(v[ZG_SWAP_PRIORITY].value, &end, 10);

		if (*end || end == v[ZG_SWAP_PRIORITY].value || prio < -1 || prio > 32767)
			import_dropped(o, v[ZG_SWAP_PRIORITY].file, v[ZG_SWAP_PRIORITY].line,
				       "swap-priority = %s: not from -1 to 32767 (zram-generator "
				       "refuses it too)", v[ZG_SWAP_PRIORITY].value);
		else
			carried(o, &v[ZG_SWAP_PRIORITY], ZG_SWAP_PRIORITY, "swap-priority = %ld",
				prio);
	} else {
		carried(o, NULL, ZG_SWAP_PRIORITY, "swap-priority = 100");
	}
	swap_options(o, &v[ZG_OPTIONS]);
}

int import_zram_generator(const struct setup_ctx *s, const char *file, struct import_out *o)
{
	struct zg_conf c = { 0 };
	int r = SETUP_OK;

	if (file) {
		char *copy = strdup(file);

		c.files.paths = calloc(1, sizeof(char *));
		if (!copy || !c.files.paths) {
			free(copy);
			free(c.files.paths);
			setup_error(s, -1, "out of memory");
			return SETUP_FAILED;
		}
		c.files.paths[0] = copy;
		c.files.count = 1;
	} else if (config_files_find_layout(s, &config_layout_zram_generator, &c.files) < 0) {
		return SETUP_FAILED;
	}
	fprintf(o->f, "# From:\n");
	for (size_t i = 0; i < c.files.count; i++)
		fprintf(o->f, "#   %s\n", c.files.paths[i]);
	for (size_t i = 0; i < c.files.count && r == SETUP_OK; i++) {
		r = zg_read(s, &c, c.files.paths[i], o);
		if (r == -ENOMEM) {
			setup_error(s, -1, "out of memory");
			r = SETUP_FAILED;
		}
	}
	if (r == SETUP_OK && c.ndevs == 0)
		fprintf(o->f, "# zram-generator makes no device here; neither does this file.\n");
	for (size_t i = 0; i < c.ndevs && r == SETUP_OK; i++) {
		if (device(o, &c.devs[i]) < 0) {
			setup_error(s, -1, "out of memory");
			r = SETUP_FAILED;
		}
	}
	zg_free(&c);
	return r;
}
