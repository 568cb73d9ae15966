# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# The vocabulary every test tier shares: results, assertions, cleanups run
# from a trap, a temporary directory. POSIX sh, because the VM tier sources
# it under busybox ash; the unit and host tiers source it under bash.
#
# A tier's lib.sh sources this file and then defines how a result is
# printed (TAP for the unit tier, "PASS: host/CASE/NAME" lines for the host
# tier, "PASS: NAME" lines for the VM tiers):
#
#     report_result STATUS NAME [WHY]        STATUS: PASS, FAIL or SKIP
#
# Results
#   pass NAME                     the check NAME holds
#   fail NAME [WHY...]            it does not (counted in case_failures)
#   skip NAME WHY...              it cannot be checked here, and why
#   die NAME WHY...               fail, then end the script (cleanups run)
#   finish                        end the script: exit 1 after a failure
# Assertions (each reports one result, with what it saw when it fails)
#   check NAME CMD...             CMD succeeds
#   expect_eq NAME WANT GOT       the two strings are equal
#   expect_grep NAME RE FILE      a line of FILE matches the grep RE
#   expect_no_grep NAME RE FILE   no line of FILE matches RE
#   run CMD...                    run CMD: its exit status in $rc, its
#                                 output in the files $out and $err
#   expect_exit NAME WANT         the last run exited WANT
#   relay_results FILE [PREFIX]   report each "PASS: NAME" / "FAIL: NAME" line
#                                 of FILE (a checker's output) as a result;
#                                 any other line is a failure
#   expect_said_why NAME LIST     no command failed silently: LIST has a line
#                                 "STATUS ERRFILE [WHAT...]" per command (ERRFILE:
#                                 its stderr, a path without blanks), and each
#                                 non-zero STATUS has a non-empty ERRFILE; an
#                                 empty or missing LIST is a failure
# Cleanups and files
#   make_tmpdir VAR PREFIX        VAR names a new directory, removed at exit
#   on_exit CMD                   run the one-line CMD at exit, last
#                                 registered first, also after a failure or
#                                 a signal; its output is discarded

case_failures=0

# report_result STATUS NAME [WHY]: the default format; tiers redefine it
report_result() {
	echo "$1: $2${3:+ ($3)}"
}

pass() {
	report_result PASS "$1"
}

fail() {
	_result_name=$1
	shift
	case_failures=$((case_failures + 1))
	report_result FAIL "$_result_name" "$*"
}

skip() {
	_result_name=$1
	shift
	report_result SKIP "$_result_name" "$*"
}

die() {
	fail "$@"
	exit 1
}

finish() {
	[ "$case_failures" -eq 0 ]
	exit
}

# excerpt FILE: the start of FILE on one line, for a failure message
excerpt() {
	head -c 300 "$1" 2>/dev/null | tr '\n' ' '
}

check() {
	_check_name=$1
	shift
	if "$@"; then
		pass "$_check_name"
	else
		fail "$_check_name" "failed: $*"
	fi
}

expect_eq() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "expected '$2', got '$3'"
	fi
}

expect_grep() {
	if grep -q -e "$2" "$3" 2>/dev/null; then
		pass "$1"
	else
		fail "$1" "no line matches '$2' in $3: $(excerpt "$3")"
	fi
}

expect_no_grep() {
	if grep -q -e "$2" "$3" 2>/dev/null; then
		fail "$1" "a line matches '$2' in $3: $(grep -e "$2" "$3" | head -n 1)"
	else
		pass "$1"
	fi
}

run() {
	out=$tmp_run/out
	err=$tmp_run/err
	"$@" >"$out" 2>"$err" </dev/null
	rc=$?
	return 0
}

expect_exit() {
	if [ "$rc" = "$2" ]; then
		pass "$1"
	else
		fail "$1" "exit $rc, expected $2: $(excerpt "$err")"
	fi
}

relay_results() {
	while IFS= read -r _line; do
		case $_line in
		PASS:\ *) pass "${2:-}${_line#PASS: }" ;;
		FAIL:\ *) fail "${2:-}${_line#FAIL: }" ;;
		*) fail "${2:-}$1" "$_line" ;;
		esac
	done <"$1"
}

expect_said_why() {
	if [ ! -s "$2" ]; then
		fail "$1" "no exit statuses in $2"
		return
	fi
	_silent=
	while read -r _status _errfile _what; do
		[ "$_status" = 0 ] && continue
		[ -s "$_errfile" ] && continue
		_silent="$_silent${_silent:+; }${_what:-$_errfile}: exit $_status"
	done <"$2"
	if [ -z "$_silent" ]; then
		pass "$1"
	else
		fail "$1" "a non-zero exit with nothing on stderr: $_silent"
	fi
}

_cleanups=
on_exit() {
	_cleanups="$*
$_cleanups"
}

_run_cleanups() {
	_cleanup_list=$_cleanups
	_cleanups=
	while IFS= read -r _cleanup; do
		[ -n "$_cleanup" ] && eval "$_cleanup" </dev/null >/dev/null 2>&1
	done <<EOF
$_cleanup_list
EOF
}
trap _run_cleanups EXIT
trap 'exit 1' INT TERM

make_tmpdir() {
	_tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/$2.XXXXXX") || die "$2" "mktemp -d failed"
	on_exit "rm -rf '$_tmpdir'"
	eval "$1=\$_tmpdir"
}

# run keeps its output in a directory of its own, so that a case's files
# and the last command's output never collide.
make_tmpdir tmp_run zswapctl-run
