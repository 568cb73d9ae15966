// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * zram-generator's size expressions (fasteval, in MiB) as zswapctl size
 * expressions (in bytes). A term that is a size (ram, or a number added
 * to, compared with or divided like a size) gets the unit M; a number that
 * scales a size (the other side of * and the right of /) stays a ratio;
 * a constant part that is only a ratio ("3/4", "(1 + 0.5)") is folded
 * into one number, because zswapctl computes in whole bytes.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

struct node {
	char op; /* 'n' number, 'r' ram, '+', '-', '*', '/', 'm' min, 'M' max, '(' */
	double value;	/* 'n' */
	char text[32];	/* 'n': as written */
	struct node *a, *b;
};

struct xparser {
	const char *p;
	const char *why;
	int depth;
};

static void node_free(struct node *n)
{
	if (!n)
		return;
	node_free(n->a);
	node_free(n->b);
	free(n);
}

static struct node *node_new(struct xparser *x, char op, struct node *a, struct node *b)
{
	struct node *n = calloc(1, sizeof(*n));

	if (!n) {
		x->why = "out of memory";
		node_free(a);
		node_free(b);
		return NULL;
	}
	n->op = op;
	n->a = a;
	n->b = b;
	return n;
}

static void skip(struct xparser *x)
{
	while (isspace((unsigned char)*x->p))
		x->p++;
}

static struct node *parse_sum(struct xparser *x);

static struct node *fail(struct xparser *x, const char *why)
{
	if (!x->why)
		x->why = why;
	return NULL;
}

static struct node *parse_number(struct xparser *x)
{
	const char *start = x->p;
	struct node *n;
	size_t len;

	while (isdigit((unsigned char)*x->p) || *x->p == '.')
		x->p++;
	len = (size_t)(x->p - start);
	if (isalpha((unsigned char)*x->p))
		return fail(x, "SI suffixes (k, M, G...) mean powers of 1000 of MiB there; "
			    "write the size by hand");
	if (len >= sizeof(n->text) || strchr(start, '.') != strrchr(start, '.') ||
	    start[len - 1] == '.' || start[0] == '.')
		return fail(x, "a number zswapctl does not read");
	n = node_new(x, 'n', NULL, NULL);
	if (!n)
		return NULL;
	memcpy(n->text, start, len);
	n->value = strtod(n->text, NULL);
	return n;
}

static struct node *parse_atom(struct xparser *x)
{
	struct node *a, *b;
	size_t len = 0;

	skip(x);
	if (x->depth > 32)
		return fail(x, "nested too deeply");
	if (isdigit((unsigned char)*x->p) || *x->p == '.')
		return parse_number(x);
	if (*x->p == '(') {
		x->p++;
		x->depth++;
		a = parse_sum(x);
		x->depth--;
		skip(x);
		if (!a || *x->p != ')') {
			node_free(a);
			return fail(x, "unbalanced parentheses");
		}
		x->p++;
		return node_new(x, '(', a, NULL);
	}
	while (isalnum((unsigned char)x->p[len]) || x->p[len] == '_')
		len++;
	if (len == 3 && !strncmp(x->p, "ram", 3)) {
		x->p += 3;
		return node_new(x, 'r', NULL, NULL);
	}
	if (len == 3 && (!strncmp(x->p, "min", 3) || !strncmp(x->p, "max", 3))) {
		char op = x->p[1] == 'i' ? 'm' : 'M';

		x->p += 3;
		skip(x);
		if (*x->p++ != '(')
			return fail(x, "min and max take their arguments in parentheses");
		x->depth++;
		a = parse_sum(x);
		/* fasteval's min and max take any number of arguments */
		for (;;) {
			skip(x);
			if (!a)
				return NULL;
			if (*x->p == ')') {
				x->p++;
				x->depth--;
				return a;
			}
			if (*x->p++ != ',') {
				node_free(a);
				return fail(x, "expected ',' or ')'");
			}
			b = parse_sum(x);
			if (!b) {
				node_free(a);
				return NULL;
			}
			a = node_new(x, op, a, b);
		}
	}
	if (len)
		return fail(x, "uses a variable or function zswapctl does not have "
			    "(only ram, min and max)");
	return fail(x, "uses an operator zswapctl does not have (only + - * / and parentheses)");
}

static struct node *parse_product(struct xparser *x)
{
	struct node *a = parse_atom(x), *b;

	while (a) {
		char op;

		skip(x);
		if (*x->p != '*' && *x->p != '/')
			break;
		op = *x->p++;
		b = parse_atom(x);
		if (!b) {
			node_free(a);
			return NULL;
		}
		a = node_new(x, op, a, b);
	}
	return a;
}

static struct node *parse_sum(struct xparser *x)
{
	struct node *a = parse_product(x), *b;

	while (a) {
		char op;

		skip(x);
		if (*x->p != '+' && *x->p != '-')
			break;
		op = *x->p++;
		b = parse_product(x);
		if (!b) {
			node_free(a);
			return NULL;
		}
		a = node_new(x, op, a, b);
	}
	return a;
}

static bool has_ram(const struct node *n)
{
	return n && (n->op == 'r' || has_ram(n->a) || has_ram(n->b));
}

static double fold(const struct node *n)
{
	double a, b;

	switch (n->op) {
	case 'n':
		return n->value;
	case '(':
		return fold(n->a);
	default:
		break;
	}
	a = fold(n->a);
	b = fold(n->b);
	switch (n->op) {
	case '+':
		return a + b;
	case '-':
		return a - b;
	case '*':
		return a * b;
	case '/':
		return a / b;
	case 'm':
		return a < b ? a : b;
	default:
		return a > b ? a : b;
	}
}

struct emitter {
	FILE *f;
	const char *why;
};

/* A constant ratio as zswapctl reads one: digits, a point, digits. */
static void emit_ratio(struct emitter *e, double v)
{
	char buf[64];
	size_t len;

	if (!(v >= 0) || v > 1e15) {
		e->why = "a ratio that is negative or out of range";
		return;
	}
	snprintf(buf, sizeof(buf), "%.9f", v);
	len = strlen(buf);
	while (len && buf[len - 1] == '0')
		buf[--len] = '\0';
	if (len && buf[len - 1] == '.')
		buf[--len] = '\0';
	fputs(buf, e->f);
}

static void emit(struct emitter *e, const struct node *n, bool size)
{
	static const char *const ops = "+-*/";

	if (e->why)
		return;
	if (!size) { /* a ratio: no ram in it, one number */
		if (has_ram(n)) {
			e->why = "multiplies or divides by ram, which is not a size zswapctl can express";
			return;
		}
		if (n->op == 'n')
			fputs(n->text, e->f);
		else
			emit_ratio(e, fold(n));
		return;
	}
	switch (n->op) {
	case 'n':
		fprintf(e->f, "%sM", n->text);
		return;
	case 'r':
		fputs("ram", e->f);
		return;
	case '(':
		fputc('(', e->f);
		emit(e, n->a, true);
		fputc(')', e->f);
		return;
	case 'm':
	case 'M':
		fputs(n->op == 'm' ? "min(" : "max(", e->f);
		emit(e, n->a, true);
		fputs(", ", e->f);
		emit(e, n->b, true);
		fputc(')', e->f);
		return;
	case '*':
		if (has_ram(n->a) && has_ram(n->b)) {
			e->why = "multiplies ram by ram";
			return;
		}
		/* the side with ram is the size; of two constants, the right */
		emit(e, n->a, has_ram(n->a));
		fputs(" * ", e->f);
		emit(e, n->b, !has_ram(n->a));
		return;
	default:
		if (!strchr(ops, n->op))
			return;
		emit(e, n->a, true);
		fprintf(e->f, " %c ", n->op);
		emit(e, n->b, n->op != '/');
		return;
	}
}

int import_mib_expression(const char *expr, char **out, const char **why)
{
	struct xparser x = { .p = expr };
	struct emitter e = { 0 };
	struct node *n = parse_sum(&x);
	size_t len = 0;
	int r = 0;

	*out = NULL;
	skip(&x);
	if (n && *x.p)
		x.why = *x.p == '^' || *x.p == '%' ?
			"uses an operator zswapctl does not have (only + - * / and parentheses)" :
			"has more after the expression";
	if (!n || x.why) {
		*why = x.why ? x.why : "cannot be read";
		node_free(n);
		return -EINVAL;
	}
	e.f = open_memstream(out, &len);
	if (!e.f) {
		node_free(n);
		*why = "out of memory";
		return -ENOMEM;
	}
	emit(&e, n, true);
	fclose(e.f);
	node_free(n);
	if (e.why) {
		*why = e.why;
		free(*out);
		*out = NULL;
		r = -EINVAL;
	}
	return r;
}
