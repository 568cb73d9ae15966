// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * zswapctl.conf(5): the files, their drop-ins and the embedded default.
 *
 * libinih splits lines into sections and keys. Our own line reader sits in
 * front of it because Debian's libinih neither tells the handler its line
 * number nor strips "# comment" after a value, and because inih would take
 * an indented "key = value" for the continuation of the key before it.
 * Section headers are seen by the reader too: inih (as Debian builds it)
 * says nothing about a section that has no keys, and we need its line.
 */
#include <errno.h>
#include <ini.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config-parse.h"
#include "dlopen.h"
#include "util.h"

#define DEFAULT_SIZE "min(ram / 2, 4G)"
#define DEFAULT_SWAP_PRIORITY 100
#define DEFAULT_BACKING_TIMEOUT_SEC 10
#define DEFAULT_PAGE_CLUSTER 0

static const char *const default_algorithms[] = { "zstd", "lz4", "lzo-rle" };

void error_at(struct parse_state *st, const char *fmt, ...)
{
	va_list args;

	if (st->nerrors >= CONFIG_MAX_ERRORS)
		return;
	st->nerrors++;
	va_start(args, fmt);
	setup_vreport(st->s, SETUP_ERROR, st->file, st->line,
		      st->section == SECTION_ZRAM ? (int)st->id : -1, fmt, args);
	va_end(args);
	if (st->nerrors == CONFIG_MAX_ERRORS)
		setup_report(st->s, SETUP_ERROR, st->file, st->line, -1,
			     "%d errors; the rest of this file is not read", CONFIG_MAX_ERRORS);
}

/* A mistake found after reading, at where the value came from. */
static void origin_error(const struct setup_ctx *s, const struct config_origin *o,
			 unsigned int id, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void origin_error(const struct setup_ctx *s, const struct config_origin *o,
			 unsigned int id, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	setup_vreport(s, SETUP_ERROR, o->file ? o->file : "embedded default",
		      o->file ? o->line : 0, (int)id, fmt, args);
	va_end(args);
}

void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void device_free(struct config_device *d)
{
	free(d->size_expr);
	strv_free(d->algorithms, d->nalgorithms);
	strv_free(d->algorithm_each_params, d->nalgorithms);
	free(d->algorithm_params);
	for (size_t i = 0; i < d->nrecompress; i++) {
		free(d->recompress[i].algorithm);
		free(d->recompress[i].params);
	}
	free(d->recompress);
	free(d->host_memory_limit_expr);
	free(d->backing_device);
	free(d->mem_limit_expr);
	free(d->writeback_limit_expr);
	free(d->backing_file);
	free(d->backing_file_keep_free_expr);
	free(d->fs_type);
	free(d->mount_point);
	free(d->mount_options);
	maintain_policy_free(&d->policy);
}

void config_free(struct config *cfg)
{
	for (size_t i = 0; i < cfg->ndevices; i++)
		device_free(&cfg->devices[i]);
	free(cfg->devices);
	strv_free(cfg->files, cfg->nfiles);
	memset(cfg, 0, sizeof(*cfg));
}

int round_to_page(uint64_t *bytes)
{
	if (__builtin_add_overflow(*bytes, CONFIG_PAGE_SIZE - 1, bytes))
		return -ERANGE;
	*bytes &= ~(uint64_t)(CONFIG_PAGE_SIZE - 1);
	return 0;
}

/* The defaults of interface.md, for a device a file names. */
static int device_init(struct config_device *d, unsigned int id, uint64_t ram)
{
	memset(d, 0, sizeof(*d));
	d->id = id;
	d->swap_priority = DEFAULT_SWAP_PRIORITY;
	d->discard = DISCARD_NO;
	d->swap_ops = SWAP_OPS_AUTO;
	d->backing_timeout_sec = DEFAULT_BACKING_TIMEOUT_SEC;
	maintain_policy_init(&d->policy);
	d->size_expr = strdup(DEFAULT_SIZE);
	d->algorithms = calloc(ARRAY_SIZE(default_algorithms), sizeof(char *));
	d->algorithm_each_params = calloc(ARRAY_SIZE(default_algorithms), sizeof(char *));
	if (!d->size_expr || !d->algorithms || !d->algorithm_each_params)
		return -ENOMEM;
	for (size_t i = 0; i < ARRAY_SIZE(default_algorithms); i++) {
		d->algorithms[i] = strdup(default_algorithms[i]);
		if (!d->algorithms[i])
			return -ENOMEM;
		d->nalgorithms++;
	}
	/* Cannot fail: no overflow below 4G, and ram = 0 is caught at the end. */
	if (size_expr_eval(DEFAULT_SIZE, ram, &d->size, NULL) < 0 || round_to_page(&d->size) < 0)
		d->size = 0;
	return 0;
}

static struct config_device *device_find(struct config *cfg, unsigned int id)
{
	for (size_t i = 0; i < cfg->ndevices; i++)
		if (cfg->devices[i].id == id)
			return &cfg->devices[i];
	return NULL;
}

/* The device [zramID], created with the defaults and kept sorted by id. */
static struct config_device *device_get(struct config *cfg, unsigned int id,
					const struct config_origin *origin)
{
	struct config_device *d = device_find(cfg, id), *n;
	size_t pos = 0;

	if (d)
		return d;
	n = realloc(cfg->devices, (cfg->ndevices + 1) * sizeof(*n));
	if (!n)
		return NULL;
	cfg->devices = n;
	while (pos < cfg->ndevices && cfg->devices[pos].id < id)
		pos++;
	memmove(&cfg->devices[pos + 1], &cfg->devices[pos],
		(cfg->ndevices - pos) * sizeof(*n));
	cfg->ndevices++;
	d = &cfg->devices[pos];
	if (device_init(d, id, cfg->ram) < 0) {
		device_free(d);
		cfg->ndevices--;
		memmove(&cfg->devices[pos], &cfg->devices[pos + 1],
			(cfg->ndevices - pos) * sizeof(*n));
		return NULL;
	}
	d->origin = *origin;
	return d;
}

/* ---- sections and keys ------------------------------------------------ */

static void duplicate(struct parse_state *st, const char *section, const char *key,
		      int first_line)
{
	error_at(st, "[%s]: '%s' is set twice in this file (first on line %d); keep one",
		 section, key, first_line);
}

/* Where a key that is not this section's belongs, or NULL for a key of no
 * section: "swappiness" under [zram0] is a key in the wrong place, and
 * saying where it goes beats listing every key of [zram0]. */
static const char *home_section(const char *name)
{
	if (tunable_find(name) != TUNABLE_MAX)
		return "[system]";
	if (!strcmp(name, "zswap"))
		return "[zswapctl]";
	for (int k = 0; k < CONFIG_KEY_MAX; k++)
		if (!strcmp(name, config_key_name((enum config_key)k)))
			return "a [zramN] section";
	return NULL;
}

/* true after saying that NAME belongs in another section. */
static bool misplaced(struct parse_state *st, const char *section, const char *name)
{
	const char *home = home_section(name);

	if (home)
		error_at(st, "[%s]: '%s' is a key of %s, not of [%s]; move it there", section,
			 name, home, section);
	return home;
}

static void zram_key(struct parse_state *st, const char *section, const char *name,
		     const char *value)
{
	struct config_device *d = device_find(st->cfg, st->id);
	int k;

	for (k = 0; k < CONFIG_KEY_MAX; k++)
		if (!strcmp(name, config_key_name((enum config_key)k)))
			break;
	if (k == CONFIG_KEY_MAX) {
		char known[1024] = "";
		size_t len = 0;

		if (misplaced(st, section, name))
			return;
		for (int i = 0; i < CONFIG_KEY_MAX && len < sizeof(known); i++)
			len += (size_t)snprintf(known + len, sizeof(known) - len, "%s%s",
						i ? ", " : "", config_key_name((enum config_key)i));
		error_at(st, "[%s]: unknown key '%s'; the keys are %s", section, name, known);
		return;
	}
	if (!d)
		return;
	if (d->key_origin[k].file == st->file) {
		duplicate(st, section, name, d->key_origin[k].line);
		return;
	}
	if (!*value) {
		error_at(st, "[%s]: '%s' has no value", section, name);
		return;
	}
	/* A bad value counts as set too: a second copy further down is then
	 * "set twice" in this run, not in the next one after the first is
	 * mended. (A file with errors is not used, so the origin of a value
	 * that was not taken is never read for anything else.) */
	config_key_info((enum config_key)k)->set(st, d, value);
	d->key_origin[k].file = st->file;
	d->key_origin[k].line = st->line;
}

static void zswapctl_key(struct parse_state *st, const char *name, const char *value)
{
	struct config *cfg = st->cfg;
	if (strcmp(name, "zswap")) {
		if (misplaced(st, "zswapctl", name))
			return;
		error_at(st, "[zswapctl]: unknown key '%s'; the only key is zswap (keep or disable)",
			 name);
		return;
	}
	if (cfg->zswap_origin.file == st->file) {
		duplicate(st, "zswapctl", name, cfg->zswap_origin.line);
		return;
	}
	config_set_zswap(st, value); /* set even when bad, as zram_key() */
	cfg->zswap_origin.file = st->file;
	cfg->zswap_origin.line = st->line;
}

static void system_key(struct parse_state *st, const char *name, const char *value)
{
	enum tunable t = tunable_find(name);
	struct config_tunable *ct;

	if (t == TUNABLE_MAX) {
		char known[256] = "";
		size_t len = 0;

		if (misplaced(st, "system", name))
			return;
		for (int i = 0; i < TUNABLE_MAX && len < sizeof(known); i++)
			len += (size_t)snprintf(known + len, sizeof(known) - len, "%s%s",
						i ? ", " : "", tunable_info((enum tunable)i)->key);
		error_at(st, "[system]: unknown key '%s'; the keys are %s", name, known);
		return;
	}
	ct = &st->cfg->tunables[t];
	if (ct->origin.file == st->file && ct->origin.line) {
		duplicate(st, "system", name, ct->origin.line);
		return;
	}
	if (!*value) {
		error_at(st, "[system]: '%s' has no value", name);
		return;
	}
	config_set_tunable(st, t, value); /* set even when bad, as zram_key() */
	ct->origin.file = st->file;
	ct->origin.line = st->line;
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
	struct parse_state *st = user;

	if (st->oom)
		return 1;
	switch (st->section) {
	case SECTION_NONE:
		error_at(st, "'%s' is outside a section; put it under [zramN], [zswapctl] "
			 "or [system]", name);
		break;
	case SECTION_ZRAM:
		zram_key(st, section, name, value);
		break;
	case SECTION_ZSWAPCTL:
		zswapctl_key(st, name, value);
		break;
	case SECTION_SYSTEM:
		system_key(st, name, value);
		break;
	case SECTION_BAD:
		break;
	}
	return 1; /* errors are counted in st; go on to report them all */
}

static void begin_section(struct parse_state *st, const char *name, size_t len)
{
	struct config_origin origin = { st->file, st->line };
	char section[32];
	unsigned int id;

	st->section = SECTION_BAD;
	if (len == 8 && !strncmp(name, "zswapctl", 8)) {
		st->section = SECTION_ZSWAPCTL;
		return;
	}
	if (len == 6 && !strncmp(name, "system", 6)) {
		st->section = SECTION_SYSTEM;
		return;
	}
	/* [zramN] names a device as the command line does, "zram" required. */
	snprintf(section, sizeof(section), "%.*s", (int)len, name);
	if (len < sizeof(section) && !strncmp(section, "zram", 4) &&
	    zswapctl_parse_dev_name(section, &id) == 0) {
		if (!device_get(st->cfg, id, &origin)) {
			st->oom = true;
			return;
		}
		st->section = SECTION_ZRAM;
		st->id = id;
		return;
	}
	error_at(st, "unknown section [%.*s]; use [zramN] (N from 0 to %u, no leading zeros), "
		 "[zswapctl] or [system]", (int)len, name, ZSWAPCTL_DEV_MAX_ID);
}

bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Cuts "value   # comment" (and "; comment") after the value. */
static void strip_inline_comment(char *s)
{
	for (char *p = s + 1; *p; p++) {
		if ((*p == '#' || *p == ';') && is_space(p[-1])) {
			*p = '\0';
			return;
		}
	}
}

/*
 * The reader inih calls for each line: counts lines, strips indentation and
 * comments, and handles what inih cannot report (long lines, sections,
 * lines that are neither). A rejected line goes to inih as an empty one.
 */
static char *read_line(char *str, int num, void *stream)
{
	struct parse_state *st = stream;
	char *s = st->buf, *end;
	size_t len;
	int r;

	/* Enough said about this file. */
	if (st->nerrors >= CONFIG_MAX_ERRORS)
		return NULL;
	r = config_file_next_line(st->f, st->buf, sizeof(st->buf), &st->line);
	if (r == 0)
		return NULL;
	if (r == -EILSEQ) {
		if (!st->nul_seen)
			error_at(st, "a NUL byte: not a text file (a UTF-16 one? save it as UTF-8)");
		st->nul_seen = true;
		str[0] = '\0';
		return str;
	}
	if (r == -E2BIG) {
		error_at(st, "line longer than %d characters", num - 2);
		str[0] = '\0';
		return str;
	}
	if (r < 0) {
		st->read_errno = -r;
		return NULL;
	}
	while (is_space(*s))
		s++;
	if (*s == '#' || *s == ';')
		*s = '\0';
	strip_inline_comment(s);
	len = strlen(s);
	while (len && is_space(s[len - 1]))
		s[--len] = '\0';
	if (len + 2 > (size_t)num) {
		error_at(st, "line longer than %d characters", num - 2);
		s[0] = '\0';
	} else if (*s == '[') {
		end = strchr(s, ']');
		if (!end || end[1]) {
			error_at(st, "a section header is [NAME] alone on its line");
			st->section = SECTION_BAD;
			s[0] = '\0';
		} else {
			begin_section(st, s + 1, (size_t)(end - s - 1));
		}
	} else if (*s && (!strpbrk(s, "=:") || *s == '=' || *s == ':')) {
		error_at(st, "expected '[section]' or 'key = value'");
		s[0] = '\0';
	}
	memcpy(str, s, strlen(s) + 1);
	return str;
}

/* ---- files ------------------------------------------------------------ */

/* libinih is loaded when a configuration is read, not at every start-up:
 * status and stats never need it. */
static struct {
	typeof(ini_parse_stream) *ini_parse_stream;
} inih;

static int load_inih(void)
{
	static const struct dl_symbol symbols[] = {
		DL_SYMBOL(inih, ini_parse_stream),
		DL_SYMBOL_END,
	};

	return dl_open(DL_LIBINIH, symbols);
}

static int add_file(struct config *cfg, const char *path, char **entry)
{
	char **n = realloc(cfg->files, (cfg->nfiles + 1) * sizeof(*n));

	if (!n)
		return -ENOMEM;
	cfg->files = n;
	n[cfg->nfiles] = strdup(path);
	if (!n[cfg->nfiles])
		return -ENOMEM;
	*entry = n[cfg->nfiles++];
	return 0;
}

/* F, which is PATH, into cfg: -EINVAL after reporting errors; -ENOMEM. */
static int read_stream(const struct setup_ctx *s, struct config *cfg, const char *path,
		       FILE *f)
{
	_cleanup_free_ struct parse_state *st = NULL;
	int r;

	st = calloc(1, sizeof(*st));
	if (!st)
		return -ENOMEM;
	st->s = s;
	st->cfg = cfg;
	st->f = f;
	r = add_file(cfg, path, &st->file);
	if (r < 0)
		return r;
	r = load_inih();
	if (r < 0) {
		setup_report(s, SETUP_ERROR, path, 0, -1, "cannot read the configuration: %s",
			     dl_missing(DL_LIBINIH));
		return r;
	}
	r = inih.ini_parse_stream(read_line, st, on_key, st);
	if (st->oom || r == -2)
		return -ENOMEM;
	if (st->read_errno) {
		setup_report(s, SETUP_ERROR, path, st->line + 1, -1, "cannot read: %s",
			     strerror(st->read_errno));
		st->nerrors++;
	} else if (r > 0 && !st->nerrors) {
		/* The reader should have caught every malformed line. */
		st->line = r;
		error_at(st, "expected '[section]' or 'key = value'");
	}
	return st->nerrors ? -EINVAL : 0;
}

/*
 * Reads one file into cfg. 0 also when it does not exist and need not;
 * -EINVAL after reporting errors; -ENOMEM.
 */
static int read_file(const struct setup_ctx *s, struct config *cfg, const char *path,
		     bool must_exist)
{
	_cleanup_fclose_ FILE *f = NULL;
	struct stat sb;
	int r;

	r = config_file_open(s, path, &f, &sb);
	if (r == -ENOENT && !must_exist)
		return 0;
	if (r == -ENOENT)
		setup_report(s, SETUP_ERROR, path, 0, -1, "cannot open: %s", strerror(ENOENT));
	if (r < 0)
		return r == -ENOMEM ? r : -EINVAL;
	if (r == 1) /* masked */
		return add_file(cfg, path, &(char *){ NULL });
	if (config_trust_check(s, path, &sb) < 0)
		return -EINVAL;
	return read_stream(s, cfg, path, f);
}

static bool key_set(const struct config_device *d, enum config_key k)
{
	return d->key_origin[k].line > 0 || d->key_origin[k].file;
}

/* The first key of [FIRST, LAST] that is set, or CONFIG_KEY_MAX. */
static enum config_key first_set(const struct config_device *d, enum config_key first,
				 enum config_key last)
{
	for (int k = first; k <= (int)last; k++)
		if (key_set(d, (enum config_key)k))
			return (enum config_key)k;
	return CONFIG_KEY_MAX;
}

/* The maintenance policy's keys together: each part is on by its first
 * key, and its other keys alone would be a policy that never runs. */
static int validate_policy(const struct setup_ctx *s, const struct config_device *d)
{
	const struct maintain_policy *p = &d->policy;
	enum config_key k;
	int r = 0;

	k = first_set(d, CONFIG_KEY_WRITEBACK_INTERVAL, CONFIG_KEY_WRITEBACK_IDLE_AGE);
	if (!maintain_policy_writeback(p) && k != CONFIG_KEY_MAX) {
		origin_error(s, &d->key_origin[k], d->id, "[zram%u]: %s does nothing without "
			     "writeback-modes (such as writeback-modes = huge_idle idle huge)",
			     d->id, config_key_name(k));
		r = -EINVAL;
	}
	if (maintain_policy_writeback(p) && !d->backing_device) {
		origin_error(s, &d->key_origin[CONFIG_KEY_WRITEBACK_MODES], d->id,
			     "[zram%u]: writeback-modes needs a backing-device to write back to",
			     d->id);
		r = -EINVAL;
	}
	if (maintain_policy_writeback(p) && d->writeback_limit_set) {
		origin_error(s, &d->key_origin[CONFIG_KEY_WRITEBACK_LIMIT], d->id,
			     "[zram%u]: writeback-limit and writeback-modes both set the kernel's "
			     "writeback_limit; use writeback-daily-limit with the policy", d->id);
		r = -EINVAL;
	}
	if (maintain_policy_writeback(p) && p->round_min > p->round_max) {
		origin_error(s, &d->key_origin[CONFIG_KEY_WRITEBACK_ROUND_MIN], d->id,
			     "[zram%u]: writeback-round-min (%llu bytes) is more than "
			     "writeback-round-max (%llu bytes)", d->id,
			     (unsigned long long)p->round_min, (unsigned long long)p->round_max);
		r = -EINVAL;
	}
	k = first_set(d, CONFIG_KEY_RECOMPRESS_TYPE, CONFIG_KEY_RECOMPRESS_MAX_PAGES);
	if (!maintain_policy_recompress(p) && k != CONFIG_KEY_MAX) {
		origin_error(s, &d->key_origin[k], d->id, "[zram%u]: %s does nothing without "
			     "recompress-interval", d->id, config_key_name(k));
		r = -EINVAL;
	}
	if (maintain_policy_recompress(p) && !d->nrecompress) {
		origin_error(s, &d->key_origin[CONFIG_KEY_RECOMPRESS_INTERVAL], d->id,
			     "[zram%u]: recompress-interval needs secondary algorithms "
			     "(recompress = ALGORITHM[:PRIORITY])", d->id);
		r = -EINVAL;
	}
	if (maintain_policy_recompress(p) && (p->recompress_algorithm || p->recompress_priority)) {
		bool found = false;

		for (size_t i = 0; i < d->nrecompress; i++) {
			int prio = d->recompress[i].priority ? d->recompress[i].priority : 1;

			if (p->recompress_algorithm ?
			    !strcmp(p->recompress_algorithm, d->recompress[i].algorithm) :
			    (unsigned int)prio == p->recompress_priority)
				found = true;
		}
		if (!found) {
			origin_error(s, &d->key_origin[CONFIG_KEY_RECOMPRESS_ALGORITHM], d->id,
				     "[zram%u]: recompress-algorithm names no algorithm of recompress =",
				     d->id);
			r = -EINVAL;
		}
	}
	return r;
}

/* A filesystem device: the keys that are about swap do not apply, a mount
 * point is one device's. */
static int validate_fs(const struct setup_ctx *s, const struct config *cfg,
		       struct config_device *d)
{
	const char *fs = config_fs_type(d);
	int r = 0;

	if (!fs) {
		if (d->mount_point) {
			origin_error(s, &d->key_origin[CONFIG_KEY_FS_TYPE], d->id,
				     "[zram%u]: fs-type = swap with mount-point = %s: swap is not "
				     "mounted; name a filesystem type, or remove mount-point",
				     d->id, d->mount_point);
			r = -EINVAL;
		}
		if (d->mount_options) {
			origin_error(s, &d->key_origin[CONFIG_KEY_MOUNT_OPTIONS], d->id,
				     "[zram%u]: mount-options needs a mount-point", d->id);
			r = -EINVAL;
		}
		return r;
	}
	/* A filesystem on zram gives deleted files' memory back only with
	 * discard: on unless the configuration says discard = no. */
	if (!key_set(d, CONFIG_KEY_DISCARD))
		d->discard = DISCARD_YES;
	if (d->mount_options && !d->mount_point) {
		origin_error(s, &d->key_origin[CONFIG_KEY_MOUNT_OPTIONS], d->id,
			     "[zram%u]: mount-options needs a mount-point", d->id);
		r = -EINVAL;
	}
	if (d->discard == DISCARD_ONCE || d->discard == DISCARD_PAGES) {
		origin_error(s, &d->key_origin[CONFIG_KEY_DISCARD], d->id,
			     "[zram%u]: discard = %s is a swap policy; a filesystem (fs-type = %s) "
			     "takes discard = yes or no", d->id, discard_mode_name(d->discard), fs);
		r = -EINVAL;
	}
	if (key_set(d, CONFIG_KEY_SWAP_PRIORITY)) {
		origin_error(s, &d->key_origin[CONFIG_KEY_SWAP_PRIORITY], d->id,
			     "[zram%u]: swap-priority: the device is a filesystem (fs-type = %s), "
			     "not swap", d->id, fs);
		r = -EINVAL;
	}
	for (const struct config_device *o = cfg->devices; d->mount_point && o < d; o++)
		if (o->mount_point && !strcmp(o->mount_point, d->mount_point)) {
			origin_error(s, &d->key_origin[CONFIG_KEY_MOUNT_POINT], d->id,
				     "[zram%u]: mount-point %s is zram%u's already", d->id,
				     d->mount_point, o->id);
			r = -EINVAL;
		}
	return r;
}

/*
 * A number without a unit is bytes here, and MiB in zram-generator.conf:
 * "size = 4096" or "host-memory-limit = 9048" copied from there pass as
 * sizes, but make a swap area no kernel takes (mkswap and swapon want 10
 * pages) or a limit every machine is above, so the device is never made.
 * Below these, a value is that mistake, not a wish: say so at config
 * check, before setup fails on the device half made.
 */
#define SWAP_MIN_BYTES ((uint64_t)10 * ZRAM_UNIT)
#define MEMORY_MIN_BYTES ((uint64_t)1 << 20)

static int validate_magnitudes(const struct setup_ctx *s, const struct config_device *d)
{
	static const char hint[] = "a number without a unit is bytes (zram-generator's are MiB: "
				   "add M)";
	int r = 0;

	if (!config_fs_type(d) && d->size && d->size < SWAP_MIN_BYTES) {
		origin_error(s, &d->key_origin[CONFIG_KEY_SIZE], d->id,
			     "[zram%u]: size = %s is %" PRIu64 " bytes; a swap area needs at "
			     "least 40K (10 pages); %s", d->id, d->size_expr, d->size, hint);
		r = -EINVAL;
	}
	if (d->host_memory_limit_expr && d->host_memory_limit < MEMORY_MIN_BYTES) {
		origin_error(s, &d->key_origin[CONFIG_KEY_HOST_MEMORY_LIMIT], d->id,
			     "[zram%u]: host-memory-limit = %s is %" PRIu64 " bytes: every machine "
			     "has more memory, so the device would never be made; %s", d->id,
			     d->host_memory_limit_expr, d->host_memory_limit, hint);
		r = -EINVAL;
	}
	if (d->mem_limit && d->mem_limit < MEMORY_MIN_BYTES) {
		origin_error(s, &d->key_origin[CONFIG_KEY_MEM_LIMIT], d->id,
			     "[zram%u]: mem-limit = %s is %" PRIu64 " bytes: the device could "
			     "store nothing (0 is no limit); %s", d->id, d->mem_limit_expr,
			     d->mem_limit, hint);
		r = -EINVAL;
	}
	return r;
}

/* What no single key can say: combinations and values that depend on ram.
 * A size of 0 and a MemTotal above host-memory-limit are not mistakes:
 * as with zram-generator, that device is not made (d->skip). */
static int validate(const struct setup_ctx *s, struct config *cfg)
{
	int r = 0;

	for (size_t i = 0; i < cfg->ndevices; i++) {
		struct config_device *d = &cfg->devices[i];
		enum config_key k;

		if (validate_magnitudes(s, d) < 0)
			r = -EINVAL;
		if (d->host_memory_limit_expr && cfg->ram > d->host_memory_limit)
			d->skip = CONFIG_SKIP_HOST_MEMORY;
		else if (d->size == 0)
			d->skip = CONFIG_SKIP_SIZE_ZERO;
		if (d->writeback_limit_set && !d->backing_device) {
			origin_error(s, &d->key_origin[CONFIG_KEY_WRITEBACK_LIMIT], d->id,
				     "[zram%u]: writeback-limit needs a backing-device to write back to",
				     d->id);
			r = -EINVAL;
		}
		k = first_set(d, CONFIG_KEY_BACKING_FILE_SHARE, CONFIG_KEY_BACKING_FILE_KEEP_FREE);
		if (k != CONFIG_KEY_MAX && !d->backing_file) {
			origin_error(s, &d->key_origin[k], d->id, "[zram%u]: %s sizes a "
				     "backing-device = file:PATH:SIZE, and there is none", d->id,
				     config_key_name(k));
			r = -EINVAL;
		}
		if (validate_policy(s, d) < 0)
			r = -EINVAL;
		if (validate_fs(s, cfg, d) < 0)
			r = -EINVAL;
	}
	return r;
}

/* The files of config_files_find(), each read even after one failed, so
 * that every mistake is reported at once. */
static int read_files(const struct setup_ctx *s, struct config *cfg)
{
	struct config_file_list files;
	bool failed = false;
	int r;

	r = config_files_find(s, &files);
	if (r < 0)
		return r;
	for (size_t i = 0; i < files.count; i++) {
		r = read_file(s, cfg, files.paths[i], false);
		if (r == -ENOMEM)
			break;
		failed |= r < 0;
	}
	config_files_free(&files);
	if (r == -ENOMEM)
		return r;
	return failed ? -EINVAL : 0;
}

/* An empty configuration, before any file. */
static void config_init(struct config *cfg, uint64_t ram_bytes)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->ram = ram_bytes;
	cfg->zswap = ZSWAP_KEEP;
}

int config_load(const struct setup_ctx *s, const char *explicit_file, uint64_t ram_bytes,
		struct config *cfg)
{
	int r;

	config_init(cfg, ram_bytes);

	if (explicit_file) {
		r = read_file(s, cfg, explicit_file, true);
	} else {
		r = read_files(s, cfg);
		if (r == 0 && cfg->nfiles == 0) {
			struct config_origin none = { NULL, 0 };

			cfg->embedded_default = true;
			if (!device_get(cfg, 0, &none))
				r = -ENOMEM;
			/* README.md: "vm.page-cluster with zram" has the figures. */
			cfg->tunables[TUNABLE_PAGE_CLUSTER].set = true;
			cfg->tunables[TUNABLE_PAGE_CLUSTER].value = DEFAULT_PAGE_CLUSTER;
		}
	}
	if (r == 0)
		r = validate(s, cfg);
	if (r == 0)
		return 0;
	if (r == -ENOMEM)
		setup_error(s, -1, "out of memory");
	config_free(cfg);
	return r == -ENOMEM ? -ENOMEM : -EINVAL;
}

int config_load_text(const struct setup_ctx *s, const char *name, const char *text,
		     uint64_t ram_bytes, bool check_combinations, struct config *cfg)
{
	_cleanup_fclose_ FILE *f = NULL;
	int r;

	config_init(cfg, ram_bytes);
	f = fmemopen((void *)text, strlen(text), "r");
	if (!f)
		return -ENOMEM;
	r = read_stream(s, cfg, name, f);
	if (r == 0 && check_combinations)
		r = validate(s, cfg);
	if (r < 0)
		config_free(cfg);
	return r;
}
