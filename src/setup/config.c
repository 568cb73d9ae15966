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
#include <dirent.h>
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

#define CONFIG_PAGE_SIZE 4096
#define DEFAULT_SIZE "min(ram / 2, 4G)"
#define DEFAULT_SWAP_PRIORITY 100
/* zram has one minor per device and MINORBITS is 20. */
#define MAX_ZRAM_ID 1048575
/* A recompress priority is 1..3: zram has one primary and 3 secondaries. */
#define MAX_RECOMPRESS 3
/* Longer than the stack buffer inih (INI_MAX_LINE) hands to the reader. */
#define READ_BUF 4096

static const char *const default_algorithms[] = { "zstd", "lz4", "lzo-rle" };

static const char *const key_names[CONFIG_KEY_MAX] = {
	[CONFIG_KEY_SIZE] = "size",
	[CONFIG_KEY_ALGORITHM] = "algorithm",
	[CONFIG_KEY_ALGORITHM_PARAMS] = "algorithm-params",
	[CONFIG_KEY_RECOMPRESS] = "recompress",
	[CONFIG_KEY_MEM_LIMIT] = "mem-limit",
	[CONFIG_KEY_SWAP_PRIORITY] = "swap-priority",
	[CONFIG_KEY_DISCARD] = "discard",
	[CONFIG_KEY_BACKING_DEVICE] = "backing-device",
	[CONFIG_KEY_WRITEBACK_LIMIT] = "writeback-limit",
	[CONFIG_KEY_SWAP_OPS] = "swap-ops",
};

static inline void cfg_freep(void *p)
{
	free(*(void **)p);
}
static inline void cfg_fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}
#define _cleanup_free_ __attribute__((cleanup(cfg_freep)))
#define _cleanup_fclose_ __attribute__((cleanup(cfg_fclosep)))

const char *config_key_name(enum config_key key)
{
	return (unsigned int)key < CONFIG_KEY_MAX ? key_names[key] : NULL;
}

enum section_kind {
	SECTION_NONE,	  /* before the first header */
	SECTION_ZRAM,
	SECTION_ZSWAPCTL,
	SECTION_BAD,	  /* already reported; its keys are skipped */
};

struct parse_state {
	struct config *cfg;
	char *file; /* one of cfg->files */
	FILE *f;
	FILE *err;
	int line;
	int read_errno;
	int nerrors;
	bool oom;
	enum section_kind section;
	unsigned int id;
	char buf[READ_BUF];
};

static void error_at(struct parse_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void error_at(struct parse_state *st, const char *fmt, ...)
{
	va_list args;

	fprintf(st->err, "%s:%d: ", st->file, st->line);
	va_start(args, fmt);
	vfprintf(st->err, fmt, args);
	va_end(args);
	fputc('\n', st->err);
	st->nerrors++;
}

static void origin_error(FILE *err, const struct config_origin *o, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void origin_error(FILE *err, const struct config_origin *o, const char *fmt, ...)
{
	va_list args;

	if (o->file)
		fprintf(err, "%s:%d: ", o->file, o->line);
	else
		fputs("embedded default: ", err);
	va_start(args, fmt);
	vfprintf(err, fmt, args);
	va_end(args);
	fputc('\n', err);
}

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void device_free(struct config_device *d)
{
	free(d->size_expr);
	strv_free(d->algorithms, d->nalgorithms);
	free(d->algorithm_params);
	for (size_t i = 0; i < d->nrecompress; i++)
		free(d->recompress[i].algorithm);
	free(d->recompress);
	free(d->backing_device);
	free(d->mem_limit_expr);
	free(d->writeback_limit_expr);
	free(d->backing_file);
}

void config_free(struct config *cfg)
{
	for (size_t i = 0; i < cfg->ndevices; i++)
		device_free(&cfg->devices[i]);
	free(cfg->devices);
	strv_free(cfg->files, cfg->nfiles);
	memset(cfg, 0, sizeof(*cfg));
}

static int round_to_page(uint64_t *bytes)
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
	d->size_expr = strdup(DEFAULT_SIZE);
	d->algorithms = calloc(sizeof(default_algorithms) / sizeof(default_algorithms[0]),
			       sizeof(char *));
	if (!d->size_expr || !d->algorithms)
		return -ENOMEM;
	for (size_t i = 0; i < sizeof(default_algorithms) / sizeof(default_algorithms[0]); i++) {
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

/* ---- values ---------------------------------------------------------- */

/* A size expression; prints what is wrong and where. */
static bool eval_size(struct parse_state *st, const char *key, const char *value,
		      uint64_t *bytes)
{
	const char *msg;
	size_t pos;

	if (size_expr_eval_pos(value, st->cfg->ram, bytes, &msg, &pos) == 0)
		return true;
	if (value[pos])
		error_at(st, "%s = %s: %s, at '%s'", key, value, msg, value + pos);
	else
		error_at(st, "%s = %s: %s", key, value, msg);
	return false;
}

static bool eval_page_size(struct parse_state *st, const char *key, const char *value,
			   uint64_t *bytes)
{
	if (!eval_size(st, key, value, bytes))
		return false;
	if (*bytes == 0) {
		error_at(st, "%s = %s: is 0; a size must be more than 0", key, value);
		return false;
	}
	if (round_to_page(bytes) < 0) {
		error_at(st, "%s = %s: overflow", key, value);
		return false;
	}
	return true;
}

static bool replace_str(struct parse_state *st, char **dst, const char *value)
{
	char *s = strdup(value);

	if (!s) {
		st->oom = true;
		return false;
	}
	free(*dst);
	*dst = s;
	return true;
}

/* What the kernel's crypto API names an algorithm: "lzo-rle", "842". */
static bool algorithm_name_ok(const char *s, size_t len)
{
	if (len == 0 || len > 63)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z') && !(s[i] >= 'A' && s[i] <= 'Z') &&
		    !(s[i] >= '0' && s[i] <= '9') && s[i] != '-' && s[i] != '_')
			return false;
	return true;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Next whitespace-separated word of *s: its start and length; 0 at the end. */
static size_t next_word(const char **s, const char **word)
{
	size_t n = 0;

	while (is_space(**s))
		(*s)++;
	*word = *s;
	while ((*s)[n] && !is_space((*s)[n]))
		n++;
	*s += n;
	return n;
}

static bool set_size(struct parse_state *st, struct config_device *d, const char *v)
{
	uint64_t bytes;

	if (!eval_page_size(st, "size", v, &bytes) || !replace_str(st, &d->size_expr, v))
		return false;
	d->size = bytes;
	return true;
}

static bool set_algorithm(struct parse_state *st, struct config_device *d, const char *v)
{
	const char *p = v, *w;
	char **algs = NULL;
	size_t n = 0, len;

	while ((len = next_word(&p, &w))) {
		char **grown;

		if (!algorithm_name_ok(w, len)) {
			error_at(st, "algorithm = %s: '%.*s' is not an algorithm name "
				 "(letters, digits, '-' and '_', such as zstd lz4 lzo-rle)",
				 v, (int)len, w);
			strv_free(algs, n);
			return false;
		}
		grown = realloc(algs, (n + 1) * sizeof(*algs));
		if (!grown || !(grown[n] = strndup(w, len))) {
			strv_free(grown ? grown : algs, n);
			st->oom = true;
			return false;
		}
		algs = grown;
		n++;
	}
	strv_free(d->algorithms, d->nalgorithms);
	d->algorithms = algs;
	d->nalgorithms = n;
	return true;
}

static bool set_algorithm_params(struct parse_state *st, struct config_device *d,
				 const char *v)
{
	const char *p = v, *w;
	size_t len;

	while ((len = next_word(&p, &w))) {
		const char *eq = memchr(w, '=', len);

		if (!eq || eq == w || eq == w + len - 1) {
			error_at(st, "algorithm-params = %s: '%.*s' is not KEY=VALUE "
				 "(such as level=3 or dict=/etc/zstd.dict)", v, (int)len, w);
			return false;
		}
	}
	return replace_str(st, &d->algorithm_params, v);
}

static bool set_recompress(struct parse_state *st, struct config_device *d, const char *v)
{
	struct config_recompress list[MAX_RECOMPRESS] = { 0 };
	const char *p = v, *w;
	size_t n = 0, len;
	bool used[MAX_RECOMPRESS + 1] = { false };
	bool ok = false;

	while ((len = next_word(&p, &w))) {
		const char *colon = memchr(w, ':', len);
		size_t alen = colon ? (size_t)(colon - w) : len;
		int prio = 0;

		if (n == MAX_RECOMPRESS) {
			error_at(st, "recompress = %s: more than %d algorithms "
				 "(zram has %d secondary slots)", v, MAX_RECOMPRESS, MAX_RECOMPRESS);
			goto out;
		}
		if (!algorithm_name_ok(w, alen)) {
			error_at(st, "recompress = %s: '%.*s' is not ALGORITHM[:PRIORITY] "
				 "(such as lz4hc:1 zstd:2)", v, (int)len, w);
			goto out;
		}
		if (colon) {
			if (len - alen != 2 || colon[1] < '1' || colon[1] > '0' + MAX_RECOMPRESS) {
				error_at(st, "recompress = %s: '%.*s': the priority must be 1, 2 or 3",
					 v, (int)len, w);
				goto out;
			}
			prio = colon[1] - '0';
		}
		/* Without a priority the kernel takes 1. */
		if (used[prio ? prio : 1]) {
			error_at(st, "recompress = %s: two algorithms with priority %d",
				 v, prio ? prio : 1);
			goto out;
		}
		used[prio ? prio : 1] = true;
		list[n].priority = prio;
		list[n].algorithm = strndup(w, alen);
		if (!list[n].algorithm) {
			st->oom = true;
			goto out;
		}
		n++;
	}
	for (size_t i = 0; i < d->nrecompress; i++)
		free(d->recompress[i].algorithm);
	free(d->recompress);
	d->recompress = NULL;
	d->nrecompress = 0;
	if (n) {
		d->recompress = calloc(n, sizeof(*d->recompress));
		if (!d->recompress) {
			st->oom = true;
			goto out;
		}
		memcpy(d->recompress, list, n * sizeof(*list));
		d->nrecompress = n;
		n = 0; /* now owned by d */
	}
	ok = true;
out:
	for (size_t i = 0; i < n; i++)
		free(list[i].algorithm);
	return ok;
}

static bool set_mem_limit(struct parse_state *st, struct config_device *d, const char *v)
{
	uint64_t bytes;

	if (!eval_size(st, "mem-limit", v, &bytes) || !replace_str(st, &d->mem_limit_expr, v))
		return false;
	d->mem_limit = bytes;
	return true;
}

static bool set_swap_priority(struct parse_state *st, struct config_device *d,
			      const char *v)
{
	char *end;
	long prio;

	errno = 0;
	prio = strtol(v, &end, 10);
	if (errno || end == v || *end || prio < -1 || prio > 32767) {
		error_at(st, "swap-priority = %s: must be a number from -1 to 32767 "
			 "(higher is used first; -1 lets the kernel choose)", v);
		return false;
	}
	d->swap_priority = (int)prio;
	return true;
}

/* Index of v in names, or -1 after saying what is allowed. */
static int pick(struct parse_state *st, const char *key, const char *v,
		const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v, names[i]))
			return (int)i;
	fprintf(st->err, "%s:%d: %s = %s: must be one of:", st->file, st->line, key, v);
	for (size_t i = 0; i < n; i++)
		fprintf(st->err, " %s", names[i]);
	fputc('\n', st->err);
	st->nerrors++;
	return -1;
}

static const char *const discard_names[] = { "no", "yes", "once", "pages" };
static const char *const swap_ops_names[] = { "auto", "on", "off" };
static const char *const zswap_names[] = { "keep", "disable" };

static bool set_discard(struct parse_state *st, struct config_device *d, const char *v)
{
	int i = pick(st, "discard", v, discard_names, 4);

	if (i < 0)
		return false;
	d->discard = (enum discard_mode)i;
	return true;
}

static bool set_swap_ops(struct parse_state *st, struct config_device *d, const char *v)
{
	int i = pick(st, "swap-ops", v, swap_ops_names, 3);

	if (i < 0)
		return false;
	d->swap_ops = (enum swap_ops_mode)i;
	return true;
}

static bool has_space(const char *s)
{
	for (; *s; s++)
		if (is_space(*s))
			return true;
	return false;
}

static bool set_backing_device(struct parse_state *st, struct config_device *d,
			       const char *v)
{
	static const char form[] =
		"use an absolute /dev path (such as /dev/disk/by-partlabel/zram-wb) "
		"or file:/ABSOLUTE/PATH:SIZE (a file attached to a loop device)";
	_cleanup_free_ char *path = NULL;
	uint64_t bytes = 0;

	if (!strncmp(v, "file:", 5)) {
		const char *rest = v + 5, *colon = strrchr(rest, ':');

		if (!colon || rest[0] != '/' || colon == rest + 1) {
			error_at(st, "backing-device = %s: %s", v, form);
			return false;
		}
		/* The SIZE may be an expression with spaces; the path may not. */
		path = strndup(rest, (size_t)(colon - rest));
		if (!path) {
			st->oom = true;
			return false;
		}
		if (has_space(path)) {
			error_at(st, "backing-device = %s: the path contains whitespace; %s", v, form);
			return false;
		}
		if (!eval_page_size(st, "backing-device SIZE", colon + 1, &bytes))
			return false;
	} else if (strncmp(v, "/dev/", 5) || !v[5] || has_space(v)) {
		error_at(st, "backing-device = %s: %s", v, form);
		return false;
	}
	if (!replace_str(st, &d->backing_device, v))
		return false;
	free(d->backing_file);
	d->backing_file = path;
	path = NULL;
	d->backing_file_size = bytes;
	return true;
}

static bool set_writeback_limit(struct parse_state *st, struct config_device *d,
				const char *v)
{
	uint64_t bytes;

	if (!eval_size(st, "writeback-limit", v, &bytes) ||
	    !replace_str(st, &d->writeback_limit_expr, v))
		return false;
	d->writeback_limit = bytes;
	d->writeback_limit_set = true;
	return true;
}

static bool (*const setters[CONFIG_KEY_MAX])(struct parse_state *, struct config_device *,
					     const char *) = {
	[CONFIG_KEY_SIZE] = set_size,
	[CONFIG_KEY_ALGORITHM] = set_algorithm,
	[CONFIG_KEY_ALGORITHM_PARAMS] = set_algorithm_params,
	[CONFIG_KEY_RECOMPRESS] = set_recompress,
	[CONFIG_KEY_MEM_LIMIT] = set_mem_limit,
	[CONFIG_KEY_SWAP_PRIORITY] = set_swap_priority,
	[CONFIG_KEY_DISCARD] = set_discard,
	[CONFIG_KEY_BACKING_DEVICE] = set_backing_device,
	[CONFIG_KEY_WRITEBACK_LIMIT] = set_writeback_limit,
	[CONFIG_KEY_SWAP_OPS] = set_swap_ops,
};

/* ---- sections and keys ------------------------------------------------ */

static void duplicate(struct parse_state *st, const char *section, const char *key,
		      int first_line)
{
	error_at(st, "[%s]: '%s' is set twice in this file (first on line %d); keep one",
		 section, key, first_line);
}

static void zram_key(struct parse_state *st, const char *section, const char *name,
		     const char *value)
{
	struct config_device *d = device_find(st->cfg, st->id);
	int k;

	for (k = 0; k < CONFIG_KEY_MAX; k++)
		if (!strcmp(name, key_names[k]))
			break;
	if (k == CONFIG_KEY_MAX) {
		error_at(st, "[%s]: unknown key '%s'; the keys are size, algorithm, "
			 "algorithm-params, recompress, mem-limit, swap-priority, discard, "
			 "backing-device, writeback-limit, swap-ops", section, name);
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
	if (setters[k](st, d, value)) {
		d->key_origin[k].file = st->file;
		d->key_origin[k].line = st->line;
	}
}

static void zswapctl_key(struct parse_state *st, const char *name, const char *value)
{
	struct config *cfg = st->cfg;
	int i;

	if (strcmp(name, "zswap")) {
		error_at(st, "[zswapctl]: unknown key '%s'; the only key is zswap (keep or disable)",
			 name);
		return;
	}
	if (cfg->zswap_origin.file == st->file) {
		duplicate(st, "zswapctl", name, cfg->zswap_origin.line);
		return;
	}
	i = pick(st, "zswap", value, zswap_names, 2);
	if (i < 0)
		return;
	cfg->zswap = (enum zswap_mode)i;
	cfg->zswap_origin.file = st->file;
	cfg->zswap_origin.line = st->line;
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
	struct parse_state *st = user;

	if (st->oom)
		return 1;
	switch (st->section) {
	case SECTION_NONE:
		error_at(st, "'%s' is outside a section; put it under [zramN] or [zswapctl]",
			 name);
		break;
	case SECTION_ZRAM:
		zram_key(st, section, name, value);
		break;
	case SECTION_ZSWAPCTL:
		zswapctl_key(st, name, value);
		break;
	case SECTION_BAD:
		break;
	}
	return 1; /* errors are counted in st; go on to report them all */
}

static void begin_section(struct parse_state *st, const char *name, size_t len)
{
	struct config_origin origin = { st->file, st->line };
	unsigned long id = 0;

	st->section = SECTION_BAD;
	if (len == 8 && !strncmp(name, "zswapctl", 8)) {
		st->section = SECTION_ZSWAPCTL;
		return;
	}
	if (len > 4 && !strncmp(name, "zram", 4) &&
	    strspn(name + 4, "0123456789") == len - 4 && (name[4] != '0' || len == 5) &&
	    len - 4 <= 7) {
		for (size_t i = 4; i < len; i++)
			id = id * 10 + (unsigned long)(name[i] - '0');
		if (id <= MAX_ZRAM_ID) {
			if (!device_get(st->cfg, (unsigned int)id, &origin)) {
				st->oom = true;
				return;
			}
			st->section = SECTION_ZRAM;
			st->id = (unsigned int)id;
			return;
		}
	}
	error_at(st, "unknown section [%.*s]; use [zramN] (N from 0 to %d, no leading zeros) "
		 "or [zswapctl]", (int)len, name, MAX_ZRAM_ID);
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

	if (!fgets(st->buf, sizeof(st->buf), st->f)) {
		if (ferror(st->f))
			st->read_errno = errno ? errno : EIO;
		return NULL;
	}
	st->line++;
	len = strlen(s);
	if (len && s[len - 1] == '\n') {
		s[--len] = '\0';
	} else if (!feof(st->f)) {
		int c;

		while ((c = fgetc(st->f)) != EOF && c != '\n')
			;
		error_at(st, "line longer than %d characters", num - 2);
		str[0] = '\0';
		return str;
	}
	if (st->line == 1 && !strncmp(s, "\xEF\xBB\xBF", 3))
		s += 3;
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

/*
 * Reads one file into cfg. 0 also when it does not exist and need not;
 * -EINVAL after printing errors; -ENOMEM.
 */
static int read_file(struct config *cfg, const char *path, bool must_exist,
		     FILE *err)
{
	_cleanup_fclose_ FILE *f = fopen(path, "re");
	struct parse_state *st;
	int r;

	if (!f) {
		if (errno == ENOENT && !must_exist)
			return 0;
		fprintf(err, "%s: cannot open: %s\n", path, strerror(errno));
		return -EINVAL;
	}
	st = calloc(1, sizeof(*st));
	if (!st)
		return -ENOMEM;
	st->cfg = cfg;
	st->f = f;
	st->err = err;
	r = add_file(cfg, path, &st->file);
	if (r < 0)
		goto out;
	r = ini_parse_stream(read_line, st, on_key, st);
	if (st->oom || r == -2) {
		r = -ENOMEM;
		goto out;
	}
	if (st->read_errno) {
		fprintf(err, "%s:%d: cannot read: %s\n", path, st->line + 1,
			strerror(st->read_errno));
		st->nerrors++;
	} else if (r > 0 && !st->nerrors) {
		/* The reader should have caught every malformed line. */
		st->line = r;
		error_at(st, "expected '[section]' or 'key = value'");
	}
	r = st->nerrors ? -EINVAL : 0;
out:
	free(st);
	return r;
}

struct dropin {
	char *name;
	char *path;
};

static void dropins_free(struct dropin *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].name);
		free(d[i].path);
	}
	free(d);
}

static int dropin_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dropin *)a)->name, ((const struct dropin *)b)->name);
}

/*
 * *.conf of the drop-in directories, a name in a later directory replacing
 * the same name in an earlier one, sorted by name.
 */
static int collect_dropins(const char *root, struct dropin **out, size_t *count,
			   FILE *err)
{
	/* Lowest precedence first, as systemd orders them. */
	static const char *const dirs[] = {
		"/usr/lib/zswapctl.conf.d", "/run/zswapctl.conf.d", "/etc/zswapctl.conf.d",
	};
	struct dropin *list = NULL;
	size_t n = 0;
	int r = 0;

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]) && r == 0; i++) {
		_cleanup_free_ char *dir = NULL;
		struct dirent *de;
		DIR *dp;

		if (asprintf(&dir, "%s%s", root, dirs[i]) < 0) {
			dir = NULL;
			r = -ENOMEM;
			break;
		}
		dp = opendir(dir);
		if (!dp) {
			if (errno == ENOENT || errno == ENOTDIR)
				continue;
			fprintf(err, "%s: cannot read the directory: %s\n", dir, strerror(errno));
			r = -EINVAL;
			break;
		}
		while ((de = readdir(dp))) {
			size_t len = strlen(de->d_name), j;
			char *path;

			if (de->d_name[0] == '.' || len < 6 || strcmp(de->d_name + len - 5, ".conf"))
				continue;
			if (asprintf(&path, "%s/%s", dir, de->d_name) < 0) {
				r = -ENOMEM;
				break;
			}
			for (j = 0; j < n; j++)
				if (!strcmp(list[j].name, de->d_name))
					break;
			if (j < n) {
				free(list[j].path);
				list[j].path = path;
				continue;
			}
			{
				struct dropin *grown = realloc(list, (n + 1) * sizeof(*list));

				if (!grown || !(grown[n].name = strdup(de->d_name))) {
					free(path);
					if (grown)
						list = grown;
					r = -ENOMEM;
					break;
				}
				list = grown;
				list[n++].path = path;
			}
		}
		closedir(dp);
	}
	if (r < 0) {
		dropins_free(list, n);
		return r;
	}
	if (n)
		qsort(list, n, sizeof(*list), dropin_cmp);
	*out = list;
	*count = n;
	return 0;
}

/* What no single key can say: combinations and values that depend on ram. */
static int validate(struct config *cfg, FILE *err)
{
	int r = 0;

	for (size_t i = 0; i < cfg->ndevices; i++) {
		struct config_device *d = &cfg->devices[i];

		if (d->size == 0) {
			const struct config_origin *o = d->key_origin[CONFIG_KEY_SIZE].file
				? &d->key_origin[CONFIG_KEY_SIZE] : &d->origin;

			origin_error(err, o, "[zram%u]: size = %s is 0 bytes (ram is %llu bytes); "
				     "set a size that is more than 0", d->id, d->size_expr,
				     (unsigned long long)cfg->ram);
			r = -EINVAL;
		}
		if (d->writeback_limit_set && !d->backing_device) {
			origin_error(err, &d->key_origin[CONFIG_KEY_WRITEBACK_LIMIT],
				     "[zram%u]: writeback-limit needs a backing-device to write back to",
				     d->id);
			r = -EINVAL;
		}
	}
	return r;
}

int config_load(struct config *cfg, const char *root, const char *explicit_file,
		uint64_t ram_bytes, FILE *err)
{
	static const char *const mains[] = { "/usr/lib/zswapctl/zswapctl.conf",
					     "/etc/zswapctl.conf" };
	_cleanup_free_ char *rootdir = NULL;
	struct dropin *dropins = NULL;
	size_t ndropins = 0, len;
	bool failed = false;
	int r;

	memset(cfg, 0, sizeof(*cfg));
	cfg->ram = ram_bytes;
	cfg->zswap = ZSWAP_KEEP;

	rootdir = strdup(root ? root : "");
	if (!rootdir)
		return -ENOMEM;
	len = strlen(rootdir);
	while (len && rootdir[len - 1] == '/')
		rootdir[--len] = '\0';

	if (explicit_file) {
		r = read_file(cfg, explicit_file, true, err);
		if (r < 0)
			goto fail;
	} else {
		for (size_t i = 0; i < sizeof(mains) / sizeof(mains[0]); i++) {
			_cleanup_free_ char *path = NULL;

			if (asprintf(&path, "%s%s", rootdir, mains[i]) < 0) {
				path = NULL;
				r = -ENOMEM;
				goto fail;
			}
			r = read_file(cfg, path, false, err);
			if (r == -ENOMEM)
				goto fail;
			failed |= r < 0;
		}
		r = collect_dropins(rootdir, &dropins, &ndropins, err);
		if (r < 0)
			goto fail;
		for (size_t i = 0; i < ndropins; i++) {
			r = read_file(cfg, dropins[i].path, false, err);
			if (r == -ENOMEM)
				goto fail;
			failed |= r < 0;
		}
		dropins_free(dropins, ndropins);
		dropins = NULL;
		ndropins = 0;
		if (failed) {
			r = -EINVAL;
			goto fail;
		}
		if (cfg->nfiles == 0) {
			struct config_origin none = { NULL, 0 };

			cfg->embedded_default = true;
			if (!device_get(cfg, 0, &none)) {
				r = -ENOMEM;
				goto fail;
			}
		}
	}
	r = validate(cfg, err);
	if (r < 0)
		goto fail;
	return 0;
fail:
	if (r == -ENOMEM)
		fputs("out of memory\n", err);
	dropins_free(dropins, ndropins);
	config_free(cfg);
	return r == -ENOMEM ? -ENOMEM : -EINVAL;
}
