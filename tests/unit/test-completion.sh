#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The bash completion completes command names, options, option values (also
# in the --opt=value form), -o columns (taken from the binary itself),
# devices under --sysroot and process ids after stats --pid; the zsh one at
# least parses.
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
	((${#COMPREPLY[@]})) || return 0
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}

check "commands from nothing" test "$(complete_words zswapctl '')" = "--help --json --quiet --sysroot --verbose --version bench config list maintain recompress setup stats status swap-ops teardown writeback "
check "commands by prefix 'st'" test "$(complete_words zswapctl st)" = "stats status "
check "command after a global option" test "$(complete_words zswapctl --sysroot /tmp sw)" = "swap-ops "
check "config actions" test "$(complete_words zswapctl config '')" = "--help --json check import "
check "config import tools" test "$(complete_words zswapctl config import zr)" = "zram-generator zramswap "
check "config check options" test "$(complete_words zswapctl config check --)" = "--help --json "
check "setup options" test "$(complete_words zswapctl setup --d)" = "--dry-run "
check "setup --find" test "$(complete_words zswapctl setup --fi)" = "--find "
check "status --find" test "$(complete_words zswapctl status --fi)" = "--find "
check "status -o offers MOUNTPOINT and STREAMS" \
	test "$(complete_words zswapctl status -o +MOUNT)$(complete_words zswapctl status -o STR)" = "+MOUNTPOINT STREAMS "
check "setup --config completes files" test -n "$(cd "$top_srcdir" && complete_words zswapctl setup --config READ)"
check "teardown --all" test "$(complete_words zswapctl teardown --a)" = "--all "
check "writeback modes" test "$(complete_words zswapctl writeback --hu)" = "--huge --huge-idle "
check "maintain options" test "$(complete_words zswapctl maintain --d)" = "--daemon --dry-run "
check "maintain --state-dir takes a directory" test "$(complete_words zswapctl maintain --state-dir /us)" = "/usr "
check "recompress --type values" test "$(complete_words zswapctl recompress --type h)" = "huge huge_idle "
check "swap-ops actions" test "$(complete_words zswapctl swap-ops '')" = "--help --json off on status "
check "bench --data kinds after a comma" test "$(complete_words zswapctl bench --data text,s)" = "text,same-filled "
check "bench --data: a kind already given is not offered again" \
	test "$(complete_words zswapctl bench --data text,same-filled,)" = "text,same-filled,binary text,same-filled,random "
check "bench --comp" test "$(complete_words zswapctl bench --comp)" = "--compare "
check "stats --pid" test "$(complete_words zswapctl stats --pi)" = "--pid "
check "stats --format values" test "$(complete_words zswapctl stats --format p)" = "prometheus "
check "stats --output" test "$(complete_words zswapctl stats --outp)" = "--output "
mkdir -p "$tmpdir/textfile-dir"
check "stats --output FILE completes paths" \
	test "$(complete_words zswapctl stats --output "$tmpdir/textfile-d")" = "$tmpdir/textfile-dir "
check "-o completes columns" test "$(complete_words zswapctl status -o SWAP-)" = "SWAP-OPS SWAP-PRIO SWAP-SIZE SWAP-USED "
check "-o after a comma keeps the list" test "$(complete_words zswapctl status -o NAME,MEM-)" = "NAME,MEM-LIMIT NAME,MEM-USED "
check "-o +LIST" test "$(complete_words zswapctl status -o +ZE)" = "+ZERO-PAGES "
check "-o offers exactly the columns the binary has" test \
	"$(complete_words zswapctl status -o '' | tr ' ' '\n' | sed '/^$/d' | sort)" = \
	"$("$ZSWAPCTL" status --list-columns | awk '{print $1}' | sort)"

# Options of one command are not another's: -n and -r of status take no
# value (bench's do), -c of bench is --compare (setup's is --config).
fx=$fixtures_dir/debian-6.12.117-cloud
check "status -n completes devices" test "$(complete_words zswapctl --sysroot "$fx" status -n '')" = "--bytes --find --help --json --list-columns --noheadings --output --output-all --raw zram0 "
check "status -r completes devices" test "$(complete_words zswapctl --sysroot "$fx" status -r z)" = "zram0 "
check "bench -n takes a value: nothing offered" test -z "$(complete_words zswapctl bench -n '')"
check "bench -c offers no files" test "$(cd "$top_srcdir" && complete_words zswapctl bench -c READ)" = ""
check "bench -c then options" test "$(complete_words zswapctl bench -c --no)" = "--no-floors "
check "setup -c still offers files" test -n "$(cd "$top_srcdir" && complete_words zswapctl setup -c READ)"
# --opt=value, split at '=' as bash does (COMP_WORDBREAKS) and not split.
check "stats --format=p, split" test "$(complete_words zswapctl stats --format = p)" = "prometheus "
check "stats --format=, split" test "$(complete_words zswapctl stats --format =)" = "json prometheus table "
check "stats --format=p, one word" test "$(complete_words zswapctl stats --format=p)" = "prometheus "
check "status --output=SWAP-O" test "$(complete_words zswapctl status --output = NAME,SWAP-O)" = "NAME,SWAP-OPS "
check "recompress --type=h" test "$(complete_words zswapctl recompress --type = h)" = "huge huge_idle "
check "--sysroot=DIR then a command" test "$(complete_words zswapctl --sysroot = /tmp sw)" = "swap-ops "
# Devices are those of --sysroot (the fixture has zram0 only).
empty=$tmpdir/noroot
mkdir -p "$empty/sys/block"
check "devices under --sysroot DIR" test "$(complete_words zswapctl --sysroot "$fx" status z)" = "zram0 "
check "devices under --sysroot=DIR" test "$(complete_words zswapctl --sysroot = "$fx" swap-ops on z)" = "zram0 "
check "no devices under an empty --sysroot" test -z "$(complete_words zswapctl --sysroot "$empty" status z)"
# Only what the parser takes: each of these was offered and then refused
# with exit 2 ("--find or device names, not both", "one device only", ...).
check "setup --find: no devices after it" test "$(complete_words zswapctl --sysroot "$fx" setup --find z)" = ""
check "setup zram0: no --find after a device" test "$(complete_words zswapctl --sysroot "$fx" setup zram0 --fi)" = ""
check "setup -c FILE: the file is not a device" test "$(complete_words zswapctl --sysroot "$fx" setup -c x.conf --fi)" = "--find "
check "teardown --all: no devices after it" test "$(complete_words zswapctl --sysroot "$fx" teardown --all z)" = ""
check "teardown zram0: no --all after a device" test "$(complete_words zswapctl --sysroot "$fx" teardown zram0 --a)" = ""
check "writeback: one device" test "$(complete_words zswapctl --sysroot "$fx" writeback zram0 z)" = ""
check "writeback --limit SIZE: the size is not the device" \
	test "$(complete_words zswapctl --sysroot "$fx" writeback --limit 1G z)" = "zram0 "
check "writeback --limit=SIZE, split: the size is not the device" \
	test "$(complete_words zswapctl --sysroot "$fx" writeback --limit = 1G z)" = "zram0 "
check "writeback: one mode" test "$(complete_words zswapctl writeback --huge --)" = "--help --json --limit "
check "writeback: one mode, not --incompressible again" test "$(complete_words zswapctl writeback --huge --inc)" = ""
check "recompress: one device" test "$(complete_words zswapctl --sysroot "$fx" recompress zram0 z)" = ""
check "bench: one device" test "$(complete_words zswapctl --sysroot "$fx" bench zram0 z)" = ""
check "maintain --dry-run: no --daemon" test "$(complete_words zswapctl maintain --dry-run --da)" = ""
check "maintain --daemon: no --dry-run" test "$(complete_words zswapctl maintain --daemon --dr)" = ""
check "config check FILE: no second file" test "$(cd "$top_srcdir" && complete_words zswapctl config check README.md READ)" = ""
check "config import FILE: neither a tool nor a file after it" \
	test "$(cd "$top_srcdir" && complete_words zswapctl config import README.md zr)" = ""
check "config import TOOL: then a file" test -n "$(cd "$top_srcdir" && complete_words zswapctl config import zramswap READ)"
check "config import: no --json (it prints a configuration)" test "$(complete_words zswapctl config import --j)" = ""
check "swap-ops status --json" test "$(complete_words zswapctl swap-ops status --j)" = "--json "

# stats --pid: the arguments are process ids.
check "stats -p offers this shell's pid" eval 'complete_words zswapctl stats -p "" | tr " " "
" | grep -qx "$$"'
check "stats -p offers no options for an empty word" eval '! complete_words zswapctl stats -p "" | grep -q -- "--"'
check "stats -p 1 -- offers options" test "$(complete_words zswapctl stats -p 1 --js)" = "--json "

if command -v zsh >/dev/null; then
	check "zsh completion parses" zsh -n "$top_srcdir/completions/_zswapctl"
	zsh_complete() { # zsh_complete LINE: what zsh offers, sorted, one line
		: >"$tmpdir/zhits"
		# A guard against a hung pty, not a timing: an interactive zsh
		# with compinit and the sanitizer build of zswapctl took over
		# 20 s on a loaded 2-CPU machine.
		# Leak checking off for the programs the completion runs: inside
		# zle on a pseudo-terminal, LeakSanitizer's check at exit went wrong
		# now and then: `status --output=SWAP-O` offered nothing in 5 of
		# 120 runs, in none of 80 without leak checking, none of 80 with
		# the release build. Every other test runs the same program with
		# leak checking on.
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		timeout 120 zsh -f "$top_srcdir/tests/unit/zsh-complete.zsh" \
			"$top_srcdir/completions" "$tmpdir/zhits" "$1" >/dev/null 2>&1
		sort -u "$tmpdir/zhits" | grep -v '^$' | tr '\n' ' '
	}
	check "zsh: devices under --sysroot=DIR" test "$(zsh_complete "zswapctl --sysroot=$fx status ")" = "zram0 "
	check "zsh: no devices under an empty --sysroot" test "$(zsh_complete "zswapctl --sysroot $empty swap-ops on ")" = ""
	check "zsh: maintain --da" test "$(zsh_complete "zswapctl maintain --da")" = "--daemon "
	check "zsh: stats --format=p" test "$(zsh_complete "zswapctl stats --format=p")" = "prometheus "
	check "zsh: config import tools" test "$(zsh_complete "zswapctl config import zram")" = "zram-generator zramswap "
	check "zsh: status --output=SWAP-O" test "$(zsh_complete "zswapctl status --output=SWAP-O")" = "SWAP-OPS "
	check "zsh: stats --output=FILE completes paths" eval \
		'zsh_complete "zswapctl stats --output=$tmpdir/textfile-d" | grep -qw "textfile-dir"'
	# zsh's _pids offers the processes of its own terminal.
	zsh_complete "zswapctl stats -p " | tr ' ' '\n' | grep -v '^$' >"$tmpdir/zpids"
	check "zsh: stats -p offers process ids, only" \
		eval '[ -s "$tmpdir/zpids" ] && ! grep -qvx "[0-9][0-9]*" "$tmpdir/zpids"'
	check "zsh: status -n completes devices" test "$(zsh_complete "zswapctl --sysroot $fx status -n ")" = "zram0 "
	check "zsh: setup --fi" test "$(zsh_complete "zswapctl setup --fi")" = "--find "
	check "zsh: status --fi" test "$(zsh_complete "zswapctl status --fi")" = "--find "
	check "zsh: status -o +LIST" test "$(zsh_complete "zswapctl status -o +ZE")" = "ZERO-PAGES "
	check "zsh: every command has --help" test "$(zsh_complete "zswapctl setup --he")" = "--help "
else
	skip "zsh not installed"
fi
done_testing
