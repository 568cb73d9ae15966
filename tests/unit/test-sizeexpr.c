// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Size expressions of zswapctl.conf(5): values that must come out exactly,
 * and a catalogue of bad input that must be refused with a message, never
 * a crash, a wrapped-around number or a guess.
 */
#include <errno.h>
#include <string.h>

#include "conf.h"
#include "tap.h"

#define KiB (UINT64_C(1) << 10)
#define MiB (UINT64_C(1) << 20)
#define GiB (UINT64_C(1) << 30)
#define TiB (UINT64_C(1) << 40)

/* 8 GiB of ram unless a test says otherwise. */
static const uint64_t ram = 8 * GiB;

static void good(const char *expr, uint64_t ram_bytes, uint64_t want)
{
	uint64_t v = 12345;
	const char *error = "unset";
	int r = size_expr_eval(expr, ram_bytes, &v, &error);

	CHECK(r == 0 && v == want && error == NULL, "'%s' = %llu (got r=%d v=%llu%s%s)", expr,
	      (unsigned long long)want, r, (unsigned long long)v, error ? ", " : "",
	      error ? error : "");
}

static void bad(const char *expr, int want_err, const char *want_msg)
{
	uint64_t v = 12345;
	const char *error = NULL;
	int r = size_expr_eval(expr, ram, &v, &error);

	CHECK(r == want_err && v == 12345 && error && strstr(error, want_msg),
	      "'%s' is refused with %d '%s' (got r=%d '%s')", expr, want_err, want_msg, r,
	      error ? error : "(none)");
}

static void test_numbers_and_units(void)
{
	good("0", ram, 0);
	good("4096", ram, 4096);
	good("4096B", ram, 4096);
	good("4096 b", ram, 4096);
	good("1K", ram, KiB);
	good("1k", ram, KiB);
	good("1KiB", ram, KiB);
	good("1kib", ram, KiB);
	good("1KIB", ram, KiB);
	good("2M", ram, 2 * MiB);
	good("2MiB", ram, 2 * MiB);
	good("4G", ram, 4 * GiB);
	good("4 G", ram, 4 * GiB);
	good("4GiB", ram, 4 * GiB);
	good("1T", ram, TiB);
	good("1TiB", ram, TiB);
	good("18446744073709551615", ram, UINT64_MAX);
	good("16777215T", ram, 16777215 * TiB);
	good("  42  ", ram, 42);
	good("\t42\t", ram, 42);
}

static void test_fractions(void)
{
	good("1.5G", ram, GiB + GiB / 2);
	good("1.5 GiB", ram, GiB + GiB / 2);
	good("0.5K", ram, 512);
	good("0.25M", ram, MiB / 4);
	good("2.0G", ram, 2 * GiB);
	/* 0.1 KiB is 102.4 bytes: whole bytes, truncated. */
	good("0.1K", ram, 102);
	good("1.5", ram, 1);
	good("0.999999999999999999999999T", ram, TiB - 1);
	good("1.000000000000000000000001T", ram, TiB);
	good("15.99999999T", ram, 17592186033420); /* exact in integers */
	good("16777215.5T", ram, 16777215 * TiB + TiB / 2);
	/* Beside * or /, a fraction without a unit is a ratio, as in
	 * zram-generator's sizes, not a byte count truncated to 0. */
	good("ram * 0.8", ram, ram * 8 / 10);
	good("0.75 * ram", ram, ram / 4 * 3);
	good("min(0.75 * ram, 6000M)", ram, 6000 * MiB);
	good("ram / 0.5", ram, 2 * ram);
	good("4G * 0.1", ram, 4 * GiB / 10);
	good("0.5", ram, 0);
	good("1.5 + ram * 0.5", ram, 1 + ram / 2);
}

static void test_ram_and_percent(void)
{
	good("ram", ram, ram);
	good("RAM", ram, ram);
	good("ram / 2", ram, 4 * GiB);
	good("ram/2", ram, 4 * GiB);
	good("50%", ram, 4 * GiB);
	good("50 %", ram, 4 * GiB);
	good("100%", ram, ram);
	good("150%", ram, 12 * GiB);
	good("0%", ram, 0);
	good("12.5%", ram, GiB);
	good("33%", 100, 33);
	good("33.3%", 1000, 333);
	good("1%", 99, 0);
	good("100%", UINT64_MAX, UINT64_MAX);
	good("ram", 0, 0);
	good("ram * 2", 991064 * KiB, 2 * 991064 * KiB);
}

static void test_operators(void)
{
	good("1G + 512M", ram, GiB + 512 * MiB);
	good("1G - 512M", ram, 512 * MiB);
	good("4G - 4G", ram, 0);
	good("2 * 3", ram, 6);
	good("7 / 2", ram, 3);
	good("1 + 2 * 3", ram, 7);
	good("(1 + 2) * 3", ram, 9);
	good("10 - 2 - 3", ram, 5);
	good("64 / 4 / 2", ram, 8);
	good("ram / 4 + 1G", ram, 3 * GiB);
	good("((((4G))))", ram, 4 * GiB);
	good("ram*3/4", ram, 6 * GiB);
	good("8G / 1G", ram, 8);
}

static void test_min_max(void)
{
	good("min(ram / 2, 4G)", ram, 4 * GiB);
	good("min(ram / 2, 4G)", 2 * GiB, GiB);
	good("MIN(1, 2)", ram, 1);
	good("max(1, 2)", ram, 2);
	good("Max(ram, 16G)", ram, 16 * GiB);
	good("min( 1 ,2 )", ram, 1);
	good("min(max(ram / 4, 1G), 4G)", ram, 2 * GiB);
	good("min(max(ram / 4, 1G), 4G)", 2 * GiB, GiB);
	good("min(max(ram / 4, 1G), 4G)", 64 * GiB, 4 * GiB);
	good("max(min(1, 2), min(3, 4)) * 2", ram, 6);
	good("min(1G, 2G) + max(1G, 2G)", ram, 3 * GiB);
	good("min(10%, 1G)", ram, 858993459); /* ram / 10, truncated */
}

static void test_refused(void)
{
	/* empty and malformed */
	bad("", -EINVAL, "empty");
	bad("   ", -EINVAL, "empty");
	bad("G", -EINVAL, "unknown word");
	bad("rom", -EINVAL, "unknown word");
	bad("ram2", -EINVAL, "expected an operator");
	bad("4X", -EINVAL, "unknown unit");
	bad("4GB", -EINVAL, "unknown unit");
	bad("4 P", -EINVAL, "unknown unit");
	bad("4Gi", -EINVAL, "unknown unit");
	bad("4G G", -EINVAL, "expected an operator");
	bad("4 4", -EINVAL, "expected an operator");
	bad("1.", -EINVAL, "digits after the decimal point");
	bad(".5G", -EINVAL, "digit before the decimal point");
	bad("1.2.3", -EINVAL, "expected an operator");
	bad("1,5G", -EINVAL, "expected an operator");
	bad("4G +", -EINVAL, "expression ends");
	bad("* 4", -EINVAL, "expected a number");
	bad("4 ** 2", -EINVAL, "expected a number");
	bad("50%%", -EINVAL, "expected an operator");
	bad("50K%", -EINVAL, "expected an operator");
	bad("ram%", -EINVAL, "expected an operator");
	/* parentheses */
	bad("(4G", -EINVAL, "expected ')'");
	bad("4G)", -EINVAL, "unbalanced ')'");
	bad("((4G)", -EINVAL, "expected ')'");
	bad("()", -EINVAL, "expected a number");
	bad("((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))",
	    -EINVAL, "nested too deeply");
	/* min and max take two arguments */
	bad("min", -EINVAL, "expected '('");
	bad("min 1, 2", -EINVAL, "expected '('");
	bad("min(1)", -EINVAL, "expected ','");
	bad("min(1, 2, 3)", -EINVAL, "exactly two arguments");
	bad("max()", -EINVAL, "expected a number");
	bad("max(1,)", -EINVAL, "expected a number");
	bad("min(1, 2", -EINVAL, "exactly two arguments");
	bad("mini(1, 2)", -EINVAL, "unknown word");
	/* negative */
	bad("-1", -EINVAL, "negative numbers");
	bad("-4G", -EINVAL, "negative numbers");
	bad("1 - 2", -ERANGE, "negative result");
	bad("4G - ram", -ERANGE, "negative result");
	bad("1 - 2 + 5", -ERANGE, "negative result");
	bad("2 * -1", -EINVAL, "negative numbers");
	bad("+1", -EINVAL, "expected a number");
	/* division by zero */
	bad("4G / 0", -EINVAL, "division by zero");
	bad("4G / (1 - 1)", -EINVAL, "division by zero");
	bad("4G / (ram - ram)", -EINVAL, "division by zero");
	bad("1 / 0.0", -EINVAL, "division by zero");
	/* overflow */
	bad("18446744073709551616", -ERANGE, "too large");
	bad("99999999999999999999999999", -ERANGE, "too large");
	bad("16777216T", -ERANGE, "overflow");
	bad("16777216.5T", -ERANGE, "overflow");
	bad("18446744073709551615 + 1", -ERANGE, "overflow");
	bad("ram * ram", -ERANGE, "overflow");
	bad("8T * 8T", -ERANGE, "overflow");
	bad("max(1, 16E)", -EINVAL, "unknown unit");
	bad("1000000000000%", -ERANGE, "overflow");
}

static void test_error_position(void)
{
	const char *error;
	size_t pos = 99;
	uint64_t v;

	CHECK(size_expr_eval_pos("min(rom / 2, 4G)", ram, &v, &error, &pos) == -EINVAL &&
	      pos == 4, "the position of 'rom' is 4 (got %zu)", pos);
	CHECK(size_expr_eval_pos("1G / 0", ram, &v, &error, &pos) == -EINVAL && pos == 6,
	      "division by zero is reported after the divisor (got %zu)", pos);
	CHECK(size_expr_eval_pos("4G", ram, &v, &error, &pos) == 0 && pos == 0 && !error,
	      "no error, no position");
	CHECK(size_expr_eval("4G", ram, &v, NULL) == 0 && v == 4 * GiB, "error may be NULL");
}

int main(void)
{
	test_numbers_and_units();
	test_fractions();
	test_ram_and_percent();
	test_operators();
	test_min_max();
	test_refused();
	test_error_position();
	return tap_finish();
}
