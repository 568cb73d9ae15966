# SPDX-License-Identifier: GPL-2.0-or-later
# The shell unit tests' helpers: the shared vocabulary of
# tests/functions.sh, reported as TAP. Sourced; expects $ZSWAPCTL and
# $top_srcdir from the test environment (tests/Makefile.inc).
set -u
: "${top_srcdir:?run through make check}"
: "${ZSWAPCTL:?run through make check}"

. "$top_srcdir/tests/functions.sh"

# TAP: one "ok"/"not ok" line a result, the plan at the end (done_testing).
tap_n=0
report_result() {
	tap_n=$((tap_n + 1))
	case $1 in
	PASS) echo "ok $tap_n - $2" ;;
	FAIL)
		echo "not ok $tap_n - $2"
		if [ -n "${3:-}" ]; then
			printf '# %s\n' "$(printf '%s' "$3" | tr '\n' ' ')"
		fi
		;;
	SKIP) echo "ok $tap_n - $2 # SKIP${3:+ $3}" ;;
	esac
}
done_testing() { echo "1..$tap_n"; }
# TAP's own words for pass and fail.
ok() { pass "$*"; }
not_ok() { fail "$*"; }

fixtures_dir=$top_srcdir/tests/fixtures
schema=$top_srcdir/src/cli/stats-schema.json
# Debian's python3 has jsonschema; a pyenv python earlier in PATH may not.
PYTHON=/usr/bin/python3

make_tmpdir tmpdir zswapctl-test

# A crash or sanitizer report is never an acceptable outcome.
crashed() { # crashed EXIT_STATUS STDERR_FILE
	[ "$1" -ge 86 ] || grep -q 'Sanitizer\|runtime error' "$2"
}

validate_json() { # validate_json FILE [SCHEMA]: SCHEMA a name (status) or path; default stats
	"$PYTHON" "$top_srcdir/tests/json-schema-check" "${2:-$schema}" "$1"
}

validate_json_all() { # validate_json_all SCHEMA FILE...
	"$PYTHON" "$top_srcdir/tests/json-schema-check" "$@"
}

json_get() { # json_get FILE PYTHON_EXPRESSION_ON_d
	"$PYTHON" -c "import json,sys; d=json.load(open(sys.argv[1])); v=$2; print('null' if v is None else v)" "$1"
}
