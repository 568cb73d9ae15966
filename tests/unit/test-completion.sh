#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The bash completion completes command names, options, and -o columns
# (taken from the binary itself); the zsh one at least parses.
. "$top_srcdir/tests/unit/lib.sh"

# The completion asks `zswapctl status --list-columns`: use the built one.
bindir=$tmpdir/bin
mkdir -p "$bindir"
ln -s "$ZSWAPCTL" "$bindir/zswapctl"
export PATH=$bindir:$PATH
. "$top_srcdir/completions/zswapctl"

complete_words() { # complete_words WORD... (the last is completed)
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_zswapctl zswapctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}

check "commands from nothing" test "$(complete_words zswapctl '')" = "--help --json --quiet --sysroot --verbose --version bench config list recompress setup stats status swap-ops teardown writeback "
check "commands by prefix 'st'" test "$(complete_words zswapctl st)" = "stats status "
check "command after a global option" test "$(complete_words zswapctl --sysroot /tmp sw)" = "swap-ops "
check "config actions" test "$(complete_words zswapctl config '')" = "--help --json check "
check "config check options" test "$(complete_words zswapctl config check --)" = "--help --json "
check "setup options" test "$(complete_words zswapctl setup --d)" = "--dry-run "
check "setup --config completes files" test -n "$(cd "$top_srcdir" && complete_words zswapctl setup --config READ)"
check "teardown --all" test "$(complete_words zswapctl teardown --a)" = "--all "
check "writeback modes" test "$(complete_words zswapctl writeback --hu)" = "--huge --huge-idle "
check "recompress --type values" test "$(complete_words zswapctl recompress --type h)" = "huge huge_idle "
check "swap-ops actions" test "$(complete_words zswapctl swap-ops '')" = "--help --json off on status "
check "bench --data kinds after a comma" test "$(complete_words zswapctl bench --data text,s)" = "text,same-filled "
check "bench --comp" test "$(complete_words zswapctl bench --comp)" = "--compare "
check "stats --pid" test "$(complete_words zswapctl stats --pi)" = "--pid "
check "stats --format values" test "$(complete_words zswapctl stats --format p)" = "prometheus "
check "-o completes columns" test "$(complete_words zswapctl status -o SWAP-)" = "SWAP-OPS SWAP-PRIO SWAP-SIZE SWAP-USED "
check "-o after a comma keeps the list" test "$(complete_words zswapctl status -o NAME,MEM-)" = "NAME,MEM-LIMIT NAME,MEM-USED "
check "-o +LIST" test "$(complete_words zswapctl status -o +ZE)" = "+ZERO-PAGES "
check "-o offers exactly the columns the binary has" test \
	"$(complete_words zswapctl status -o '' | tr ' ' '\n' | sed '/^$/d' | sort)" = \
	"$("$ZSWAPCTL" status --list-columns | awk '{print $1}' | sort)"

if command -v zsh >/dev/null; then
	check "zsh completion parses" zsh -n "$top_srcdir/completions/_zswapctl"
else
	skip "zsh not installed"
fi
done_testing
