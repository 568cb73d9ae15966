// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The keys of zswapctl.conf(5): one setter per key, each parsing and
 * checking its value, and the table that names them (see README).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config-parse.h"
#include "util.h"

/* A recompress priority is 1..3: zram has one primary and 3 secondaries. */
#define MAX_RECOMPRESS 3

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

/* 0 is allowed: the device is then not made, as with zram-generator. */
static bool set_size(struct parse_state *st, struct config_device *d, const char *v)
{
	uint64_t bytes;

	if (!eval_size(st, "size", v, &bytes))
		return false;
	if (round_to_page(&bytes) < 0) {
		error_at(st, "size = %s: overflow", v);
		return false;
	}
	if (!replace_str(st, &d->size_expr, v))
		return false;
	d->size = bytes;
	return true;
}

/* KEY=VALUE words, as algorithm_params takes them. */
static bool params_ok(struct parse_state *st, const char *key, const char *v,
		      const char *p, size_t plen, char sep)
{
	const char *end = p + plen;

	while (p < end) {
		const char *w = p, *eq;
		size_t len;

		while (p < end && *p != sep && !is_space(*p))
			p++;
		len = (size_t)(p - w);
		while (p < end && (*p == sep || is_space(*p)))
			p++;
		if (!len)
			continue;
		eq = memchr(w, '=', len);
		if (!eq || eq == w || eq == w + len - 1 || memchr(w, '(', len) ||
		    memchr(w, ')', len)) {
			error_at(st, "%s = %s: '%.*s' is not KEY=VALUE "
				 "(such as level=3 or dict=/etc/zstd.dict)", key, v, (int)len, w);
			return false;
		}
	}
	return true;
}

/*
 * "zstd(level=3,dict=/x)": the name and, in *params, what is between the
 * parentheses with commas made spaces (NULL when there are none), as
 * zram-generator writes them. *rest points after the closing parenthesis.
 */
static bool split_algorithm(struct parse_state *st, const char *key, const char *v,
			    const char *w, size_t len, size_t *alen, char **params)
{
	const char *open = memchr(w, '(', len);

	*params = NULL;
	*alen = open ? (size_t)(open - w) : len;
	if (!open)
		return true;
	if (open == w) {
		error_at(st, "%s = %s: '%.*s' has no name before it: parameters go right after "
			 "the name, without a space, such as zstd(level=3)", key, v, (int)len, w);
		return false;
	}
	if (w[len - 1] != ')' || memchr(open + 1, '(', (size_t)(w + len - open - 1))) {
		error_at(st, "%s = %s: '%.*s': parameters go in one pair of parentheses "
			 "after the name, such as zstd(level=3)", key, v, (int)len, w);
		return false;
	}
	if (!params_ok(st, key, v, open + 1, (size_t)(w + len - open - 2), ','))
		return false;
	if (w + len - open - 2 == 0)
		return true;
	*params = strndup(open + 1, (size_t)(w + len - open - 2));
	if (!*params) {
		st->oom = true;
		return false;
	}
	for (char *c = *params; *c; c++)
		if (*c == ',')
			*c = ' ';
	return true;
}

static bool set_algorithm(struct parse_state *st, struct config_device *d, const char *v)
{
	const char *p = v, *w;
	char **algs = NULL, **params = NULL;
	size_t n = 0, len;

	while ((len = next_word(&p, &w))) {
		char **grown, **pgrown, *par;
		size_t alen;

		if (!split_algorithm(st, "algorithm", v, w, len, &alen, &par))
			goto fail;
		if (!algorithm_name_ok(w, alen)) {
			error_at(st, "algorithm = %s: '%.*s' is not an algorithm name "
				 "(letters, digits, '-' and '_', such as zstd lz4 lzo-rle, "
				 "optionally with parameters: zstd(level=3))",
				 v, (int)alen, w);
			free(par);
			goto fail;
		}
		grown = realloc(algs, (n + 1) * sizeof(*algs));
		if (grown)
			algs = grown;
		pgrown = realloc(params, (n + 1) * sizeof(*params));
		if (pgrown)
			params = pgrown;
		if (!grown || !pgrown || !(algs[n] = strndup(w, alen))) {
			free(par);
			st->oom = true;
			goto fail;
		}
		params[n] = par;
		n++;
	}
	/* "kernel", the kernel's default, is the last resort: nothing after it. */
	for (size_t i = 0; i + 1 < n; i++) {
		if (strcmp(algs[i], CONFIG_ALGORITHM_KERNEL))
			continue;
		error_at(st, "algorithm = %s: '%s' (the kernel's default) comes last",
			 v, CONFIG_ALGORITHM_KERNEL);
		goto fail;
	}
	strv_free(d->algorithms, d->nalgorithms);
	strv_free(d->algorithm_each_params, d->nalgorithms);
	d->algorithms = algs;
	d->algorithm_each_params = params;
	d->nalgorithms = n;
	return true;
fail:
	strv_free(algs, n);
	strv_free(params, n);
	return false;
}

static bool set_algorithm_params(struct parse_state *st, struct config_device *d,
				 const char *v)
{
	if (!params_ok(st, "algorithm-params", v, v, strlen(v), ' '))
		return false;
	return replace_str(st, &d->algorithm_params, v);
}

static void recompress_free(struct config_recompress *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].algorithm);
		free(list[i].params);
	}
}

/* ALGORITHM[(PARAMS)][:PRIORITY] ... */
static bool set_recompress(struct parse_state *st, struct config_device *d, const char *v)
{
	struct config_recompress list[MAX_RECOMPRESS] = { 0 };
	const char *p = v, *w;
	size_t n = 0, len;
	bool used[MAX_RECOMPRESS + 1] = { false };
	bool ok = false;

	while ((len = next_word(&p, &w))) {
		const char *colon = memrchr(w, ':', len);
		size_t wlen, alen;
		int prio = 0;

		if (colon && memchr(colon, ')', (size_t)(w + len - colon)))
			colon = NULL; /* inside the parameters: dict=/a:b */
		wlen = colon ? (size_t)(colon - w) : len;
		if (n == MAX_RECOMPRESS) {
			error_at(st, "recompress = %s: more than %d algorithms "
				 "(zram has %d secondary slots)", v, MAX_RECOMPRESS, MAX_RECOMPRESS);
			goto out;
		}
		if (!split_algorithm(st, "recompress", v, w, wlen, &alen, &list[n].params))
			goto out;
		if (!algorithm_name_ok(w, alen)) {
			error_at(st, "recompress = %s: '%.*s' is not ALGORITHM[(PARAMS)][:PRIORITY] "
				 "(such as lz4hc:1 zstd(level=9):2)", v, (int)len, w);
			n++; /* frees its params */
			goto out;
		}
		if (colon) {
			if (len - wlen != 2 || colon[1] < '1' || colon[1] > '0' + MAX_RECOMPRESS) {
				error_at(st, "recompress = %s: '%.*s': the priority must be 1, 2 or 3",
					 v, (int)len, w);
				n++;
				goto out;
			}
			prio = colon[1] - '0';
		}
		/* Without a priority the kernel takes 1. */
		if (used[prio ? prio : 1]) {
			error_at(st, "recompress = %s: two algorithms with priority %d",
				 v, prio ? prio : 1);
			n++;
			goto out;
		}
		used[prio ? prio : 1] = true;
		list[n].priority = prio;
		list[n].algorithm = strndup(w, alen);
		n++;
		if (!list[n - 1].algorithm) {
			st->oom = true;
			goto out;
		}
	}
	recompress_free(d->recompress, d->nrecompress);
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
	recompress_free(list, n);
	return ok;
}

/* A MemTotal above which the device is not made; "none" lifts a limit an
 * earlier file set (zram-generator's host-memory-limit, in its units). */
static bool set_host_memory_limit(struct parse_state *st, struct config_device *d,
				  const char *v)
{
	uint64_t bytes = 0;

	if (strcmp(v, "none") && !eval_size(st, "host-memory-limit", v, &bytes))
		return false;
	free(d->host_memory_limit_expr);
	d->host_memory_limit_expr = NULL;
	d->host_memory_limit = 0;
	if (!strcmp(v, "none"))
		return true;
	if (!replace_str(st, &d->host_memory_limit_expr, v))
		return false;
	d->host_memory_limit = bytes;
	return true;
}

static bool set_streams(struct parse_state *st, struct config_device *d, const char *v)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < 1 || n > 65536) {
		error_at(st, "streams = %s: must be a number of compression streams from 1 "
			 "to 65536", v);
		return false;
	}
	d->streams = (unsigned int)n;
	return true;
}

/* ---- filesystem devices ------------------------------------------------ */

/* A type names a program, mkfs.TYPE: a word. */
static bool set_fs_type(struct parse_state *st, struct config_device *d, const char *v)
{
	size_t n = strlen(v);
	bool ok = n > 0 && n < 32 && v[0] != '.' && v[0] != '-';

	for (size_t i = 0; ok && i < n; i++)
		ok = (v[i] >= 'a' && v[i] <= 'z') || (v[i] >= '0' && v[i] <= '9') || v[i] == '.' ||
		     v[i] == '_' || v[i] == '-';
	if (!ok) {
		error_at(st, "fs-type = %s: must be swap or a filesystem type such as ext4, "
			 "made with the system's mkfs.TYPE", v);
		return false;
	}
	return replace_str(st, &d->fs_type, v);
}

/* A "." or ".." step in path P: it may lead anywhere (/dev/../etc/passwd). */
static bool has_dot_step(const char *p)
{
	size_t k = strlen(p);

	return strstr(p, "/./") || strstr(p, "/../") || (k >= 2 && !strcmp(p + k - 2, "/.")) ||
	       (k >= 3 && !strcmp(p + k - 3, "/.."));
}

/* Absolute, "//" and a trailing "/" removed (as systemd names the unit),
 * not the root directory, no "." or ".." step. */
static bool set_mount_point(struct parse_state *st, struct config_device *d, const char *v)
{
	_cleanup_free_ char *p = strdup(v);
	size_t k = 0;

	if (!p) {
		st->oom = true;
		return false;
	}
	if (v[0] != '/') {
		error_at(st, "mount-point = %s: must be an absolute path", v);
		return false;
	}
	for (size_t i = 0; v[i]; i++) {
		if ((unsigned char)v[i] < ' ') {
			error_at(st, "mount-point: has a control character");
			return false;
		}
		if (v[i] == '/' && k && p[k - 1] == '/')
			continue;
		p[k++] = v[i];
	}
	if (k > 1 && p[k - 1] == '/')
		k--;
	p[k] = '\0';
	if (!strcmp(p, "/")) {
		error_at(st, "mount-point = %s: not the root directory; a compressed scratch "
			 "filesystem goes on a directory such as /var/tmp", v);
		return false;
	}
	if (has_dot_step(p)) {
		error_at(st, "mount-point = %s: no . or .. in the path", v);
		return false;
	}
	return replace_str(st, &d->mount_point, p);
}

static bool set_mount_options(struct parse_state *st, struct config_device *d, const char *v)
{
	_cleanup_free_ char *copy = strdup(v);
	char *save = NULL;
	mode_t mode;

	if (!copy) {
		st->oom = true;
		return false;
	}
	if (!*v || strpbrk(v, " \t")) {
		error_at(st, "mount-options = %s: a comma-separated list of fstab(5) options, "
			 "without spaces", v);
		return false;
	}
	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save))
		if (!strcmp(w, "discard") || !strcmp(w, "nodiscard")) {
			error_at(st, "mount-options = %s: say discard = yes or no instead of '%s'",
				 v, w);
			return false;
		} else if (!strncmp(w, "X-mount.mode=", 13) &&
			   !parse_octal_mode(w + 13, strlen(w + 13), &mode)) {
			error_at(st, "mount-options = %s: X-mount.mode= takes an octal mode "
				 "such as 1777, not '%s'", v, w + 13);
			return false;
		}
	return replace_str(st, &d->mount_options, v);
}

const char *config_fs_type(const struct config_device *d)
{
	if (d->fs_type)
		return strcmp(d->fs_type, "swap") ? d->fs_type : NULL;
	return d->mount_point ? "ext2" : NULL;
}

void config_mount_options(const struct config_device *d, char *buf, size_t len)
{
	bool discard = d->discard != DISCARD_NO;

	snprintf(buf, len, "%s%s%s", discard ? "discard" : "",
		 discard && d->mount_options ? "," : "",
		 d->mount_options ? d->mount_options : "");
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
	char allowed[128] = "";
	size_t len = 0;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(v, names[i]))
			return (int)i;
	for (size_t i = 0; i < n && len < sizeof(allowed); i++)
		len += (size_t)snprintf(allowed + len, sizeof(allowed) - len, " %s", names[i]);
	error_at(st, "%s = %s: must be one of:%s", key, v, allowed);
	return -1;
}

static const char *const discard_names[] = { "no", "yes", "once", "pages" };
static const char *const swap_ops_names[] = { "auto", "on", "off" };
static const char *const zswap_names[] = { "keep", "disable" };

const char *discard_mode_name(enum discard_mode m)
{
	return (unsigned int)m < ARRAY_SIZE(discard_names) ? discard_names[m] : NULL;
}

const char *swap_ops_mode_name(enum swap_ops_mode m)
{
	return (unsigned int)m < ARRAY_SIZE(swap_ops_names) ? swap_ops_names[m] : NULL;
}

const char *zswap_mode_name(enum zswap_mode m)
{
	return (unsigned int)m < ARRAY_SIZE(zswap_names) ? zswap_names[m] : NULL;
}

static bool set_discard(struct parse_state *st, struct config_device *d, const char *v)
{
	int i = pick(st, "discard", v, discard_names, ARRAY_SIZE(discard_names));

	if (i < 0)
		return false;
	d->discard = (enum discard_mode)i;
	return true;
}

static bool set_swap_ops(struct parse_state *st, struct config_device *d, const char *v)
{
	int i = pick(st, "swap-ops", v, swap_ops_names, ARRAY_SIZE(swap_ops_names));

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
	const char *named; /* the device or the file */
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
	named = path ? path : v;
	if (has_dot_step(named) || named[strlen(named) - 1] == '/') {
		error_at(st, "backing-device = %s: a device or a file, named without . or .. "
			 "steps; %s", v, form);
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

/* A share in percent, 1% to 100%, as "15%". */
static bool parse_share(struct parse_state *st, const char *key, const char *what,
			const char *v, unsigned int *pct)
{
	size_t len = strspn(v, "0123456789");
	unsigned long n = len && len <= 3 ? strtoul(v, NULL, 10) : 0;

	if (!len || len > 3 || strcmp(v + len, "%") || n == 0 || n > 100) {
		error_at(st, "%s = %s: a share of %s, 1%% to 100%% (such as 15%%)", key, v, what);
		return false;
	}
	*pct = (unsigned int)n;
	return true;
}

static bool set_backing_file_share(struct parse_state *st, struct config_device *d, const char *v)
{
	return parse_share(st, "backing-file-share", "the free space on the file's filesystem",
			   v, &d->backing_file_share);
}

static bool set_backing_file_keep_free(struct parse_state *st, struct config_device *d,
				       const char *v)
{
	return eval_size(st, "backing-file-keep-free", v, &d->backing_file_keep_free) &&
	       replace_str(st, &d->backing_file_keep_free_expr, v);
}

static const char *const bool_names[] = { "no", "yes" };

static bool set_backing_encryption(struct parse_state *st, struct config_device *d, const char *v)
{
	int i = pick(st, "backing-encryption", v, bool_names, ARRAY_SIZE(bool_names));

	if (i < 0)
		return false;
	d->backing_plain = i == 0;
	return true;
}

static bool set_backing_device_required(struct parse_state *st, struct config_device *d,
					const char *v)
{
	int i = pick(st, "backing-device-required", v, bool_names, ARRAY_SIZE(bool_names));

	if (i < 0)
		return false;
	d->backing_required = i == 1;
	return true;
}

static bool set_backing_device_timeout(struct parse_state *st, struct config_device *d,
				       const char *v)
{
	char *end;
	long sec;

	errno = 0;
	sec = strtol(v, &end, 10);
	if (end != v && !strcmp(end, "s"))
		end++;
	if (errno || end == v || *end || sec < 1 || sec > 3600) {
		error_at(st, "backing-device-timeout = %s: must be seconds from 1 to 3600 "
			 "(how long the boot waits for the backing device)", v);
		return false;
	}
	d->backing_timeout_sec = (unsigned int)sec;
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

/* ---- the maintenance policy ------------------------------------------- */

/* Durations as systemd writes them, one or more terms: "10min", "1h 30min",
 * "90" (seconds). */
static const struct {
	const char *unit;
	uint64_t seconds;
} duration_units[] = {
	{ "s", 1 }, { "sec", 1 }, { "m", 60 }, { "min", 60 }, { "h", 3600 },
	{ "hr", 3600 }, { "d", 86400 }, { "w", 7 * 86400 },
};

static bool parse_duration(const char *v, size_t len, uint64_t *out)
{
	const char *p = v, *end = v + len;
	uint64_t total = 0;

	while (p < end && is_space(*p))
		p++;
	if (p == end)
		return false;
	while (p < end) {
		uint64_t n = 0, mult = 1;
		const char *u;
		size_t ulen;

		if (*p < '0' || *p > '9')
			return false;
		for (; p < end && *p >= '0' && *p <= '9'; p++)
			if (__builtin_mul_overflow(n, 10, &n) || __builtin_add_overflow(n, (uint64_t)(*p - '0'), &n))
				return false;
		for (u = p; p < end && ((*p >= 'a' && *p <= 'z')); p++)
			;
		ulen = (size_t)(p - u);
		if (ulen) {
			size_t i;

			for (i = 0; i < ARRAY_SIZE(duration_units); i++)
				if (strlen(duration_units[i].unit) == ulen &&
				    !strncmp(u, duration_units[i].unit, ulen))
					break;
			if (i == ARRAY_SIZE(duration_units))
				return false;
			mult = duration_units[i].seconds;
		}
		if (__builtin_mul_overflow(n, mult, &n) || __builtin_add_overflow(total, n, &total))
			return false;
		while (p < end && is_space(*p))
			p++;
	}
	*out = total;
	return true;
}

static const char duration_form[] =
	"a duration such as 90s, 10min, 1h 30min or 2d (s, min, h, d, w; no unit: seconds)";

static bool set_duration(struct parse_state *st, const char *key, const char *v, uint64_t *out)
{
	uint64_t secs;

	if (!parse_duration(v, strlen(v), &secs)) {
		error_at(st, "%s = %s: not %s", key, v, duration_form);
		return false;
	}
	if (secs == 0) {
		error_at(st, "%s = %s: must be more than 0", key, v);
		return false;
	}
	*out = secs;
	return true;
}

/* "AGE" (fixed) or "MIN..MAX" (following available memory). */
static bool set_age_range(struct parse_state *st, const char *key, const char *v,
			  struct age_range *r)
{
	const char *dots = strstr(v, "..");
	uint64_t lo, hi;

	if (!dots) {
		if (!set_duration(st, key, v, &lo))
			return false;
		r->min = r->max = lo;
		return true;
	}
	if (!parse_duration(v, (size_t)(dots - v), &lo) ||
	    !parse_duration(dots + 2, strlen(dots + 2), &hi)) {
		error_at(st, "%s = %s: not AGE or MIN..MAX, each %s", key, v, duration_form);
		return false;
	}
	if (lo == 0 || lo > hi) {
		error_at(st, "%s = %s: the range must run from more than 0 up to its maximum",
			 key, v);
		return false;
	}
	r->min = lo;
	r->max = hi;
	return true;
}

static bool set_writeback_modes(struct parse_state *st, struct config_device *d, const char *v)
{
	enum reclaim_mode modes[RECLAIM_MODE_MAX] = { 0 };
	const char *p = v, *w;
	size_t n = 0, len;

	while ((len = next_word(&p, &w))) {
		int m = reclaim_mode_from_name(w, len);

		if (m < 0) {
			error_at(st, "writeback-modes = %s: '%.*s' is not one of huge_idle, idle, huge, "
				 "incompressible", v, (int)len, w);
			return false;
		}
		for (size_t i = 0; i < n; i++) {
			if (modes[i] == (enum reclaim_mode)m) {
				error_at(st, "writeback-modes = %s: '%.*s' is named twice", v, (int)len, w);
				return false;
			}
		}
		modes[n++] = (enum reclaim_mode)m;
	}
	memcpy(d->policy.modes, modes, n * sizeof(*modes));
	d->policy.nmodes = n;
	return true;
}

static bool set_writeback_interval(struct parse_state *st, struct config_device *d, const char *v)
{
	return set_duration(st, "writeback-interval", v, &d->policy.interval);
}

static bool set_writeback_backoff(struct parse_state *st, struct config_device *d, const char *v)
{
	return set_duration(st, "writeback-backoff", v, &d->policy.backoff);
}

static bool set_writeback_round_min(struct parse_state *st, struct config_device *d, const char *v)
{
	return eval_size(st, "writeback-round-min", v, &d->policy.round_min);
}

static bool set_writeback_round_max(struct parse_state *st, struct config_device *d, const char *v)
{
	return eval_page_size(st, "writeback-round-max", v, &d->policy.round_max);
}

static bool set_writeback_round_share(struct parse_state *st, struct config_device *d,
				      const char *v)
{
	return parse_share(st, "writeback-round-share", "what the device holds", v,
			   &d->policy.round_share);
}

static bool set_writeback_daily_limit(struct parse_state *st, struct config_device *d,
				      const char *v)
{
	return eval_size(st, "writeback-daily-limit", v, &d->policy.daily_limit);
}

static bool set_writeback_idle_age(struct parse_state *st, struct config_device *d, const char *v)
{
	return set_age_range(st, "writeback-idle-age", v, &d->policy.idle_age);
}

static bool set_recompress_interval(struct parse_state *st, struct config_device *d,
				    const char *v)
{
	return set_duration(st, "recompress-interval", v, &d->policy.recompress_interval);
}

static bool set_recompress_type(struct parse_state *st, struct config_device *d, const char *v)
{
	int m = reclaim_mode_from_name(v, strlen(v));

	if (m < 0 || m == RECLAIM_INCOMPRESSIBLE) {
		error_at(st, "recompress-type = %s: must be one of: idle huge huge_idle", v);
		return false;
	}
	d->policy.recompress_mode = (enum reclaim_mode)m;
	return true;
}

static bool set_recompress_idle_age(struct parse_state *st, struct config_device *d,
				    const char *v)
{
	return set_age_range(st, "recompress-idle-age", v, &d->policy.recompress_age);
}

/* zram recompresses objects below its huge class only, which is under a
 * page: a threshold of a page or more would always be refused. */
static bool set_recompress_threshold(struct parse_state *st, struct config_device *d,
				     const char *v)
{
	uint64_t bytes;

	if (!eval_size(st, "recompress-threshold", v, &bytes))
		return false;
	if (bytes >= ZRAM_UNIT) {
		error_at(st, "recompress-threshold = %s: must be less than a page (%d bytes); "
			 "zram recompresses only objects smaller than that", v, ZRAM_UNIT);
		return false;
	}
	d->policy.recompress_threshold = bytes;
	return true;
}

static bool set_recompress_algorithm(struct parse_state *st, struct config_device *d,
				     const char *v)
{
	if (v[0] >= '1' && v[0] <= '0' + MAX_RECOMPRESS && !v[1]) {
		free(d->policy.recompress_algorithm);
		d->policy.recompress_algorithm = NULL;
		d->policy.recompress_priority = (unsigned int)(v[0] - '0');
		return true;
	}
	if (!algorithm_name_ok(v, strlen(v))) {
		error_at(st, "recompress-algorithm = %s: an algorithm of recompress = or its "
			 "priority 1, 2 or 3", v);
		return false;
	}
	d->policy.recompress_priority = 0;
	return replace_str(st, &d->policy.recompress_algorithm, v);
}

static bool set_recompress_max_pages(struct parse_state *st, struct config_device *d,
				     const char *v)
{
	size_t len = strspn(v, "0123456789");
	uint64_t n = 0;

	for (size_t i = 0; i < len && len == strlen(v); i++)
		if (__builtin_mul_overflow(n, 10, &n) || __builtin_add_overflow(n, (uint64_t)(v[i] - '0'), &n))
			len = 0;
	if (!len || len != strlen(v) || n == 0) {
		error_at(st, "recompress-max-pages = %s: a number of pages, more than 0", v);
		return false;
	}
	d->policy.recompress_max_pages = n;
	return true;
}

/* ---- policy values as a configuration writes them ----------------------- */

static void format_duration(char *buf, size_t size, uint64_t s)
{
	if (s % 86400 == 0)
		snprintf(buf, size, "%llud", (unsigned long long)(s / 86400));
	else if (s % 3600 == 0)
		snprintf(buf, size, "%lluh", (unsigned long long)(s / 3600));
	else if (s % 60 == 0)
		snprintf(buf, size, "%llumin", (unsigned long long)(s / 60));
	else
		snprintf(buf, size, "%llus", (unsigned long long)s);
}

static void format_age(char *buf, size_t size, const struct age_range *r)
{
	char lo[32], hi[32];

	format_duration(lo, sizeof(lo), r->min);
	if (r->min == r->max) {
		snprintf(buf, size, "%s", lo);
		return;
	}
	format_duration(hi, sizeof(hi), r->max);
	snprintf(buf, size, "%s..%s", lo, hi);
}

bool config_key_format(const struct config_device *d, enum config_key key, char *buf,
		       size_t size)
{
	const struct maintain_policy *p = &d->policy;
	size_t len = 0;

	switch (key) {
	case CONFIG_KEY_WRITEBACK_MODES:
		buf[0] = '\0';
		for (size_t i = 0; i < p->nmodes && len < size; i++)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? " " : "",
						reclaim_mode_name(p->modes[i]));
		return true;
	case CONFIG_KEY_WRITEBACK_INTERVAL:
		format_duration(buf, size, p->interval);
		return true;
	case CONFIG_KEY_WRITEBACK_BACKOFF:
		format_duration(buf, size, p->backoff);
		return true;
	case CONFIG_KEY_WRITEBACK_ROUND_MIN:
		snprintf(buf, size, "%llu", (unsigned long long)p->round_min);
		return true;
	case CONFIG_KEY_WRITEBACK_ROUND_MAX:
		snprintf(buf, size, "%llu", (unsigned long long)p->round_max);
		return true;
	case CONFIG_KEY_WRITEBACK_ROUND_SHARE:
		if (!p->round_share)
			return false;
		snprintf(buf, size, "%u%%", p->round_share);
		return true;
	case CONFIG_KEY_WRITEBACK_DAILY_LIMIT:
		snprintf(buf, size, "%llu", (unsigned long long)p->daily_limit);
		return true;
	case CONFIG_KEY_WRITEBACK_IDLE_AGE:
		format_age(buf, size, &p->idle_age);
		return true;
	case CONFIG_KEY_RECOMPRESS_INTERVAL:
		format_duration(buf, size, p->recompress_interval);
		return true;
	case CONFIG_KEY_RECOMPRESS_TYPE:
		snprintf(buf, size, "%s", reclaim_mode_name(p->recompress_mode));
		return true;
	case CONFIG_KEY_RECOMPRESS_IDLE_AGE:
		format_age(buf, size, &p->recompress_age);
		return true;
	case CONFIG_KEY_RECOMPRESS_THRESHOLD:
		snprintf(buf, size, "%llu", (unsigned long long)p->recompress_threshold);
		return true;
	case CONFIG_KEY_RECOMPRESS_ALGORITHM:
		if (p->recompress_algorithm)
			snprintf(buf, size, "%s", p->recompress_algorithm);
		else if (p->recompress_priority)
			snprintf(buf, size, "%u", p->recompress_priority);
		else
			return false;
		return true;
	case CONFIG_KEY_RECOMPRESS_MAX_PAGES:
		if (!p->recompress_max_pages)
			return false;
		snprintf(buf, size, "%llu", (unsigned long long)p->recompress_max_pages);
		return true;
	default:
		return false;
	}
}

bool config_set_zswap(struct parse_state *st, const char *v)
{
	int i = pick(st, "zswap", v, zswap_names, ARRAY_SIZE(zswap_names));

	if (i < 0)
		return false;
	st->cfg->zswap = (enum zswap_mode)i;
	return true;
}

bool config_set_tunable(struct parse_state *st, enum tunable t, const char *v)
{
	const struct tunable_info *ti = tunable_info(t);
	struct config_tunable *ct = &st->cfg->tunables[t];
	unsigned long n;
	char *end;

	if (!strcmp(v, "keep")) {
		ct->set = false;
		return true;
	}
	if (ti->yes_no) {
		char key[64];
		int i;

		/* "[system]: mglru", as the section's other messages begin */
		snprintf(key, sizeof(key), "[system]: %s", ti->key);
		i = pick(st, key, v, (const char *const[]){ "no", "yes", "keep" }, 3);

		if (i < 0)
			return false;
		ct->set = true;
		ct->value = (unsigned int)i;
		return true;
	}
	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || end == v || *end || v[0] == '-' || v[0] == '+' || n < ti->min ||
	    n > ti->max) {
		error_at(st, "[system]: %s = %s: give a whole number from %u to %u, or keep",
			 ti->key, v, ti->min, ti->max);
		return false;
	}
	ct->set = true;
	ct->value = (unsigned int)n;
	return true;
}

/* ---- the table ------------------------------------------------------- */

static const struct config_key_info keys[CONFIG_KEY_MAX] = {
	[CONFIG_KEY_SIZE] = { "size", set_size,
		"the device's disksize, a size expression" },
	[CONFIG_KEY_ALGORITHM] = { "algorithm", set_algorithm,
		"compression algorithms in order of preference; the first the kernel has wins" },
	[CONFIG_KEY_ALGORITHM_PARAMS] = { "algorithm-params", set_algorithm_params,
		"KEY=VALUE parameters of the algorithm (level=3, dict=PATH)" },
	[CONFIG_KEY_RECOMPRESS] = { "recompress", set_recompress,
		"secondary algorithms ALGORITHM[(PARAMS)][:PRIORITY] for recompression" },
	[CONFIG_KEY_MEM_LIMIT] = { "mem-limit", set_mem_limit,
		"most memory the device may use, a size expression; 0: no limit" },
	[CONFIG_KEY_SWAP_PRIORITY] = { "swap-priority", set_swap_priority,
		"swap priority from -1 (the kernel chooses) to 32767" },
	[CONFIG_KEY_DISCARD] = { "discard", set_discard,
		"swapon discard policy: no, yes, once, pages" },
	[CONFIG_KEY_BACKING_DEVICE] = { "backing-device", set_backing_device,
		"a /dev path or file:PATH:SIZE to write idle or incompressible pages back to" },
	[CONFIG_KEY_WRITEBACK_LIMIT] = { "writeback-limit", set_writeback_limit,
		"most bytes written back, a size expression; needs backing-device" },
	[CONFIG_KEY_SWAP_OPS] = { "swap-ops", set_swap_ops,
		"the swap_ops switch of the bundled kernel series: auto, on, off" },
	[CONFIG_KEY_BACKING_DEVICE_REQUIRED] = { "backing-device-required",
		set_backing_device_required,
		"yes: no writeback (device missing, kernel without it) fails the device; "
		"no: a warning, swap without writeback" },
	[CONFIG_KEY_BACKING_DEVICE_TIMEOUT] = { "backing-device-timeout",
		set_backing_device_timeout,
		"seconds the boot waits for a block backing device before going without it" },
	[CONFIG_KEY_BACKING_ENCRYPTION] = { "backing-encryption", set_backing_encryption,
		"yes (default): written-back pages go through dm-crypt with a random key; "
		"no: as they are" },
	[CONFIG_KEY_BACKING_FILE_SHARE] = { "backing-file-share", set_backing_file_share,
		"a file: backing made at most this share of its filesystem's free space" },
	[CONFIG_KEY_BACKING_FILE_KEEP_FREE] = { "backing-file-keep-free", set_backing_file_keep_free,
		"free space a file: backing leaves on its filesystem, a size expression" },
	[CONFIG_KEY_WRITEBACK_MODES] = { "writeback-modes", set_writeback_modes,
		"what `zswapctl maintain` writes back, in order: huge_idle idle huge incompressible" },
	[CONFIG_KEY_WRITEBACK_INTERVAL] = { "writeback-interval", set_writeback_interval,
		"time between writeback rounds" },
	[CONFIG_KEY_WRITEBACK_BACKOFF] = { "writeback-backoff", set_writeback_backoff,
		"time after a round that wrote nothing before the next" },
	[CONFIG_KEY_WRITEBACK_ROUND_MIN] = { "writeback-round-min", set_writeback_round_min,
		"a round with less budget than this is skipped, a size expression" },
	[CONFIG_KEY_WRITEBACK_ROUND_MAX] = { "writeback-round-max", set_writeback_round_max,
		"most bytes one round writes back, a size expression" },
	[CONFIG_KEY_WRITEBACK_ROUND_SHARE] = { "writeback-round-share", set_writeback_round_share,
		"a round's budget as a share of the device's data, within round-min..round-max" },
	[CONFIG_KEY_WRITEBACK_DAILY_LIMIT] = { "writeback-daily-limit", set_writeback_daily_limit,
		"most bytes written back in 24 hours, kept across reboots; 0: none" },
	[CONFIG_KEY_WRITEBACK_IDLE_AGE] = { "writeback-idle-age", set_writeback_idle_age,
		"how long a slot must be idle, AGE or MIN..MAX following available memory" },
	[CONFIG_KEY_RECOMPRESS_INTERVAL] = { "recompress-interval", set_recompress_interval,
		"time between recompression rounds of `zswapctl maintain`" },
	[CONFIG_KEY_RECOMPRESS_TYPE] = { "recompress-type", set_recompress_type,
		"which slots a recompression round takes: idle, huge, huge_idle" },
	[CONFIG_KEY_RECOMPRESS_IDLE_AGE] = { "recompress-idle-age", set_recompress_idle_age,
		"how long a slot must be idle to be recompressed, AGE or MIN..MAX" },
	[CONFIG_KEY_RECOMPRESS_THRESHOLD] = { "recompress-threshold", set_recompress_threshold,
		"only slots whose compressed size is at least this, in bytes" },
	[CONFIG_KEY_RECOMPRESS_ALGORITHM] = { "recompress-algorithm", set_recompress_algorithm,
		"the secondary algorithm to use, by name or priority (default: each in turn)" },
	[CONFIG_KEY_RECOMPRESS_MAX_PAGES] = { "recompress-max-pages", set_recompress_max_pages,
		"most slots one recompression round looks at" },
	[CONFIG_KEY_HOST_MEMORY_LIMIT] = { "host-memory-limit", set_host_memory_limit,
		"no device when MemTotal is above this size expression; none: no limit" },
	[CONFIG_KEY_STREAMS] = { "streams", set_streams,
		"max_comp_streams: kernels since 4.7 accept and ignore it (one stream per CPU)" },
	[CONFIG_KEY_FS_TYPE] = { "fs-type", set_fs_type,
		"swap, or a filesystem made with the system's mkfs.TYPE (ext2 with a mount-point)" },
	[CONFIG_KEY_MOUNT_POINT] = { "mount-point", set_mount_point,
		"where setup mounts the filesystem (and teardown unmounts it)" },
	[CONFIG_KEY_MOUNT_OPTIONS] = { "mount-options", set_mount_options,
		"fstab(5) options for the mount besides discard (noatime, nosuid, nodev...)" },
};

const struct config_key_info *config_key_info(enum config_key key)
{
	return (unsigned int)key < CONFIG_KEY_MAX ? &keys[key] : NULL;
}

const char *config_key_name(enum config_key key)
{
	return (unsigned int)key < CONFIG_KEY_MAX ? keys[key].name : NULL;
}

const char *config_key_doc(enum config_key key)
{
	return (unsigned int)key < CONFIG_KEY_MAX ? keys[key].doc : NULL;
}
