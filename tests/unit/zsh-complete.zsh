# SPDX-License-Identifier: GPL-2.0-or-later
# zsh -f zsh-complete.zsh COMPLETIONS_DIR HITS_FILE 'LINE': completes LINE
# in an interactive zsh on a pseudo-terminal with the completion of
# COMPLETIONS_DIR, and writes what it offered to HITS_FILE, one a line.
zmodload zsh/zpty || exit 1
zpty z zsh -f -i
zpty -w z "PS1=''; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "hits=$2"
zpty -w z 'compadd() { builtin compadd -O __hits "$@"; print -l -- "${__hits[@]}" >>$hits }'
zpty -w z 'complete-line() { : >$hits; zle expand-or-complete; print "COMPLETE-LINE""-DONE" }'
zpty -w z 'zle -N complete-line; bindkey "^T" complete-line'
# -n: no newline after the line. With one, zsh would accept the completed
# line and run it, as root, on the real system: `zswapctl setup --find`
# made a real zram1 at every make check.
zpty -n -w z "$3"$'\x14'
# (the typed definition echoes the marker in two quoted halves)
zpty -r z line "*COMPLETE-LINE-DONE*"
zpty -d z
