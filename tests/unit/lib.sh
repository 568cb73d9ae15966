# SPDX-License-Identifier: GPL-2.0-or-later
# TAP helpers for the shell unit tests. Sourced; expects $ZSWAPCTL and
# $top_srcdir from the test environment (tests/Makefile.inc).
set -u
: "${top_srcdir:?run through make check}"
: "${ZSWAPCTL:?run through make check}"

tap_n=0
ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
not_ok() { tap_n=$((tap_n + 1)); echo "not ok $tap_n - $*"; }
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - # SKIP $*"; }
done_testing() { echo "1..$tap_n"; }
check() { # check DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

fixtures_dir=$top_srcdir/tests/fixtures
schema=$top_srcdir/src/cli/stats-schema.json
# Debian's python3 has jsonschema; a pyenv python earlier in PATH may not.
PYTHON=/usr/bin/python3

tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/zswapctl-test.XXXXXX")
trap 'rm -rf "$tmpdir"' EXIT

# A crash or sanitizer report is never an acceptable outcome.
crashed() { # crashed EXIT_STATUS STDERR_FILE
	[ "$1" -ge 86 ] || grep -q 'Sanitizer\|runtime error' "$2"
}

validate_json() { # validate_json FILE (one document per line, or one pretty)
	"$PYTHON" - "$schema" "$1" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
try:
    docs = [json.loads(text)]
except json.JSONDecodeError:
    docs = [json.loads(l) for l in text.splitlines() if l.strip()]
for d in docs:
    jsonschema.validate(d, schema)
PY
}

json_get() { # json_get FILE PYTHON_EXPRESSION_ON_d
	"$PYTHON" -c "import json,sys; d=json.load(open(sys.argv[1])); v=$2; print('null' if v is None else v)" "$1"
}
