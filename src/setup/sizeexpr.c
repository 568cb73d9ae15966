// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Size expressions of zswapctl.conf(5): "min(ram / 2, 4G)", "25%", "1.5G".
 *
 * A recursive descent parser over unsigned 64-bit integers:
 *
 *	expr   = term { ("+" | "-") term }
 *	term   = factor { ("*" | "/") factor }
 *	factor = number [unit] | number "%" | "ram"
 *	(a number with a fraction and no unit next to "*" or "/" is an exact
 *	ratio: "ram * 0.75", "0.5 * ram")
 *	       | ("min" | "max") "(" expr "," expr ")" | "(" expr ")"
 *
 * No floating point: a size must come out the same on every machine, and a
 * double cannot hold every byte count a disk can have. Fractions ("1.5G")
 * are scaled in 128 bits and truncated to whole bytes.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "conf.h"

__extension__ typedef unsigned __int128 u128;

/* Deeper nesting than this is a typo, not a size; it also bounds the stack. */
#define MAX_DEPTH 32
/* 10^19 overflows 64 bits; more fraction digits than that change nothing. */
#define MAX_FRACTION_DIGITS 18

struct parser {
	const char *start;
	const char *p;
	uint64_t ram;
	int depth;
	const char *error;
	size_t error_pos;
};

static int fail(struct parser *ps, int err, const char *msg)
{
	ps->error = msg;
	ps->error_pos = (size_t)(ps->p - ps->start);
	return err;
}

static void skip_space(struct parser *ps)
{
	while (isspace((unsigned char)*ps->p))
		ps->p++;
}

/* The next character after whitespace, consumed when it is c. */
static bool accept(struct parser *ps, char c)
{
	skip_space(ps);
	if (*ps->p != c)
		return false;
	ps->p++;
	return true;
}

static size_t word_len(const char *s)
{
	size_t n = 0;

	while (isalpha((unsigned char)s[n]) || s[n] == '_')
		n++;
	return n;
}

static bool word_is(const char *s, size_t len, const char *word)
{
	return len == strlen(word) && strncasecmp(s, word, len) == 0;
}

static int parse_expr(struct parser *ps, uint64_t *v);

/* Multiplier of a unit word; 0 when it is not one. */
static uint64_t unit_multiplier(const char *s, size_t len)
{
	static const struct {
		const char *name;
		unsigned int shift;
	} units[] = {
		{ "b", 0 },	{ "k", 10 },	{ "m", 20 },	{ "g", 30 },	{ "t", 40 },
		{ "kib", 10 }, { "mib", 20 }, { "gib", 30 }, { "tib", 40 },
	};

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (word_is(s, len, units[i].name))
			return UINT64_C(1) << units[i].shift;
	return 0;
}

/*
 * (whole + frac / 10^ndigits) * mul / div, truncated to whole bytes, exactly:
 * whole * mul fits 128 bits, and so does the fraction's share with the
 * remainder of the whole part's division. false on overflow.
 */
static bool scale(uint64_t whole, uint64_t frac, unsigned int ndigits,
		  uint64_t mul, uint64_t div, uint64_t *out)
{
	u128 pow10 = 1, a, q, f;

	for (unsigned int i = 0; i < ndigits; i++)
		pow10 *= 10;
	a = (u128)whole * mul;
	q = a / div;
	if (q > UINT64_MAX)
		return false;
	f = ((a % div) * pow10 + (u128)frac * mul) / (pow10 * div);
	q += f;
	if (q > UINT64_MAX)
		return false;
	*out = (uint64_t)q;
	return true;
}

static int parse_number(struct parser *ps, uint64_t *v)
{
	uint64_t whole = 0, frac = 0, mul = 1;
	unsigned int ndigits = 0;
	bool has_fraction = false;
	size_t len;

	while (isdigit((unsigned char)*ps->p)) {
		if (__builtin_mul_overflow(whole, 10, &whole) ||
		    __builtin_add_overflow(whole, (uint64_t)(*ps->p - '0'), &whole))
			return fail(ps, -ERANGE, "number too large (the limit is 2^64 - 1 bytes)");
		ps->p++;
	}
	if (*ps->p == '.') {
		ps->p++;
		has_fraction = true;
		if (!isdigit((unsigned char)*ps->p))
			return fail(ps, -EINVAL, "expected digits after the decimal point");
		while (isdigit((unsigned char)*ps->p)) {
			/* Digits past the 18th cannot change a byte count that fits. */
			if (ndigits < MAX_FRACTION_DIGITS) {
				frac = frac * 10 + (uint64_t)(*ps->p - '0');
				ndigits++;
			}
			ps->p++;
		}
	}
	skip_space(ps);
	if (*ps->p == '%') {
		ps->p++;
		if (!scale(whole, frac, ndigits, ps->ram, 100, v))
			return fail(ps, -ERANGE, "overflow");
		return 0;
	}
	len = word_len(ps->p);
	if (len) {
		mul = unit_multiplier(ps->p, len);
		if (!mul)
			return fail(ps, -EINVAL,
				    "unknown unit (use K, M, G, T or KiB, MiB, GiB, TiB, all 1024-based, or B)");
		ps->p += len;
	}
	if (!has_fraction) {
		if (__builtin_mul_overflow(whole, mul, v))
			return fail(ps, -ERANGE, "overflow");
		return 0;
	}
	if (!scale(whole, frac, ndigits, mul, 1, v))
		return fail(ps, -ERANGE, "overflow");
	return 0;
}

static int parse_min_max(struct parser *ps, bool is_max, uint64_t *v)
{
	uint64_t a, b;
	int r;

	if (!accept(ps, '('))
		return fail(ps, -EINVAL, "expected '(' after min or max");
	r = parse_expr(ps, &a);
	if (r < 0)
		return r;
	if (!accept(ps, ','))
		return fail(ps, -EINVAL, "expected ',' between the two arguments of min or max");
	r = parse_expr(ps, &b);
	if (r < 0)
		return r;
	if (!accept(ps, ')'))
		return fail(ps, -EINVAL, "expected ')': min and max take exactly two arguments");
	*v = is_max ? (a > b ? a : b) : (a < b ? a : b);
	return 0;
}

static int parse_factor(struct parser *ps, uint64_t *v)
{
	size_t len;
	int r;

	skip_space(ps);
	if (isdigit((unsigned char)*ps->p) || *ps->p == '.') {
		if (*ps->p == '.')
			return fail(ps, -EINVAL, "expected a digit before the decimal point");
		return parse_number(ps, v);
	}
	if (*ps->p == '(') {
		ps->p++;
		if (++ps->depth > MAX_DEPTH)
			return fail(ps, -EINVAL, "parentheses nested too deeply");
		r = parse_expr(ps, v);
		ps->depth--;
		if (r < 0)
			return r;
		if (!accept(ps, ')'))
			return fail(ps, -EINVAL, "expected ')'");
		return 0;
	}
	if (*ps->p == '-')
		return fail(ps, -EINVAL, "negative numbers are not allowed");
	len = word_len(ps->p);
	if (word_is(ps->p, len, "ram")) {
		ps->p += len;
		*v = ps->ram;
		return 0;
	}
	if (word_is(ps->p, len, "min") || word_is(ps->p, len, "max")) {
		bool is_max = tolower((unsigned char)ps->p[1]) == 'a';

		ps->p += len;
		if (++ps->depth > MAX_DEPTH)
			return fail(ps, -EINVAL, "parentheses nested too deeply");
		r = parse_min_max(ps, is_max, v);
		ps->depth--;
		return r;
	}
	if (len)
		return fail(ps, -EINVAL, "unknown word (use a number with a unit, N%, ram, min(a, b), max(a, b))");
	if (*ps->p == '\0')
		return fail(ps, -EINVAL, "expected a number, ram, min, max or '(' but the expression ends");
	return fail(ps, -EINVAL, "expected a number, ram, min, max or '('");
}

/* A ratio's digits after the point: 10^9 keeps num * a size below 2^128. */
#define RATIO_DIGITS 9

/*
 * A number with a fraction and no unit beside * or / is a ratio, as in
 * zram-generator's "0.75 * ram": taken exactly, not as 0 bytes. Consumes
 * it and returns true; otherwise leaves the parser where it was.
 */
static bool take_ratio(struct parser *ps, u128 *num, u128 *den)
{
	const char *q = ps->p;
	uint64_t whole = 0;
	unsigned int nd = 0;

	while (*q == ' ' || *q == '\t')
		q++;
	if (!isdigit((unsigned char)*q))
		return false;
	*num = 0;
	*den = 1;
	for (; isdigit((unsigned char)*q); q++)
		if (__builtin_mul_overflow(whole, 10, &whole) ||
		    __builtin_add_overflow(whole, (uint64_t)(*q - '0'), &whole) ||
		    whole >= (1ULL << 32))
			return false;
	if (*q != '.' || !isdigit((unsigned char)q[1]))
		return false;
	*num = whole;
	for (q++; isdigit((unsigned char)*q); q++) {
		if (nd == RATIO_DIGITS)
			continue;
		*num = *num * 10 + (unsigned)(*q - '0');
		*den *= 10;
		nd++;
	}
	while (*q == ' ' || *q == '\t')
		q++;
	if (isalpha((unsigned char)*q) || *q == '%')
		return false; /* 1.5G, 0.5% */
	ps->p = q;
	return true;
}

static int scale_ratio(struct parser *ps, uint64_t *v, u128 num, u128 den)
{
	u128 q;

	if (den == 0)
		return fail(ps, -EINVAL, "division by zero");
	q = (u128)*v * num / den;
	if (q > UINT64_MAX)
		return fail(ps, -ERANGE, "overflow");
	*v = (uint64_t)q;
	return 0;
}

static int parse_term(struct parser *ps, uint64_t *v)
{
	const char *start = ps->p;
	u128 num, den;
	uint64_t rhs;
	int r;

	if (take_ratio(ps, &num, &den) && *ps->p == '*') {
		ps->p++;
		r = parse_factor(ps, v);
		if (r == 0)
			r = scale_ratio(ps, v, num, den);
	} else {
		ps->p = start; /* "1.5" alone is 1 byte, as ever */
		r = parse_factor(ps, v);
	}
	while (r == 0) {
		bool mul;

		skip_space(ps);
		if (*ps->p != '*' && *ps->p != '/')
			break;
		mul = *ps->p++ == '*';
		if (take_ratio(ps, &num, &den)) {
			r = mul ? scale_ratio(ps, v, num, den) : scale_ratio(ps, v, den, num);
			continue;
		}
		r = parse_factor(ps, &rhs);
		if (r < 0)
			break;
		if (mul) {
			if (__builtin_mul_overflow(*v, rhs, v))
				return fail(ps, -ERANGE, "overflow");
		} else {
			if (rhs == 0)
				return fail(ps, -EINVAL, "division by zero");
			*v /= rhs;
		}
	}
	return r;
}

static int parse_expr(struct parser *ps, uint64_t *v)
{
	uint64_t rhs;
	int r = parse_term(ps, v);

	while (r == 0) {
		bool add;

		skip_space(ps);
		if (*ps->p != '+' && *ps->p != '-')
			break;
		add = *ps->p++ == '+';
		r = parse_term(ps, &rhs);
		if (r < 0)
			break;
		if (add) {
			if (__builtin_add_overflow(*v, rhs, v))
				return fail(ps, -ERANGE, "overflow");
		} else {
			/* Unsigned throughout: a negative intermediate is an error too. */
			if (__builtin_sub_overflow(*v, rhs, v))
				return fail(ps, -ERANGE, "negative result");
		}
	}
	return r;
}

int size_expr_eval_pos(const char *expr, uint64_t ram_bytes, uint64_t *result,
		       const char **error, size_t *error_pos)
{
	struct parser ps = { .start = expr, .p = expr, .ram = ram_bytes };
	uint64_t v;
	int r;

	skip_space(&ps);
	if (*ps.p == '\0') {
		r = fail(&ps, -EINVAL, "empty expression");
		goto out;
	}
	r = parse_expr(&ps, &v);
	if (r == 0) {
		skip_space(&ps);
		if (*ps.p == ')')
			r = fail(&ps, -EINVAL, "unbalanced ')'");
		else if (*ps.p != '\0')
			r = fail(&ps, -EINVAL, "expected an operator (+ - * /) or the end");
	}
	if (r == 0)
		*result = v;
out:
	if (error)
		*error = r < 0 ? ps.error : NULL;
	if (error_pos)
		*error_pos = r < 0 ? ps.error_pos : 0;
	return r;
}

int size_expr_eval(const char *expr, uint64_t ram_bytes, uint64_t *result,
		   const char **error)
{
	return size_expr_eval_pos(expr, ram_bytes, result, error, NULL);
}
