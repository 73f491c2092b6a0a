#!/bin/sh
# bench/strings/run.sh [LYRA] — StringSplit/StringJoin vs Lua 5.4 on ~10 MB of words
LYRA=${1:-$(dirname "$0")/../../build/lyra}
# bench/run.sh passes its build directory
[ -d "$LYRA" ] && LYRA="$LYRA/lyra"
DIR=$(dirname "$0")
TMP=${TMPDIR:-/tmp}/lyra-bench-strings.txt
lua5.4 "$DIR/gen.lua" "$TMP"
for i in 1 2 3; do "$LYRA" "$DIR/split_join.ly" "$TMP" | tail -1; lua5.4 "$DIR/split_join.lua" "$TMP" | tail -1; done
"$LYRA" "$DIR/split_join.ly" "$TMP" | head -1
rm -f "$TMP"
