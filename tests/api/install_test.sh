#!/bin/sh
# install_test.sh — the real consumer path: install the build tree into a
# temporary prefix (cmake --install, what `make install PREFIX=` runs), check
# the layout, then build host programs against that prefix only:
#   - tests/api/test_api.c via pkg-config (liblyra.so, and liblyra.a with
#     --static), run both;
#   - the same via CMake find_package(Lyra) (Lyra::lyra, Lyra::lyra_static)
#     plus examples/host/CMakeLists.txt as a subproject; run them;
#   - examples/host/Makefile (pkg-config), run it on collatz.ly;
#   - the Lua module from the prefix, driven by lua5.4 (test_lua.lua);
#   - the installed lyra command and man page;
#   - the minimal host of docs/embedding.md (section 3), copied from the doc.
# usage: install_test.sh BUILD_DIR SOURCE_DIR CC [EXTRA_FLAGS]
#   EXTRA_FLAGS: compile/link flags for consumers of a sanitizer build.
set -eu
BUILD=$1 SRC=$2 CC=$3 EXTRA=${4:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/lyra_install.XXXXXX")
trap 'rm -rf "$T"' EXIT
P=$T/prefix
fail() { echo "install_test: FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "cmake --install into $P"
cmake --install "$BUILD" --prefix "$P" >"$T/install.log" || { cat "$T/install.log"; fail "install"; }
VERSION=$(sed -n 's/^#define LY_VERSION "\(.*\)"/\1/p' "$P/include/lyconf.h")
MAJOR=${VERSION%%.*}
for f in bin/lyra include/lyra.h include/lyra_ext.h include/lysyms.h include/lyconf.h \
         lib/liblyra.a lib/liblyra.so "lib/liblyra.so.$MAJOR" "lib/liblyra.so.$VERSION" \
         lib/pkgconfig/lyra.pc lib/cmake/Lyra/LyraConfig.cmake \
         lib/cmake/Lyra/LyraConfigVersion.cmake lib/cmake/Lyra/LyraTargets.cmake \
         share/man/man1/lyra.1; do
  [ -e "$P/$f" ] || fail "missing $f"
done
readelf -d "$P/lib/liblyra.so.$VERSION" | grep -q "SONAME.*\[liblyra.so.$MAJOR\]" || fail "soname"
grep -q "^prefix=$P\$" "$P/lib/pkgconfig/lyra.pc" || fail "lyra.pc prefix"
[ "$("$P/bin/lyra" -e '2^70')" = 1180591620717411303424 ] || fail "installed lyra"
if command -v man >/dev/null; then
  man -l "$P/share/man/man1/lyra.1" 2>/dev/null | grep -q "EXIT STATUS" || fail "man page"
fi

step "pkg-config consumers"
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
[ "$(pkg-config --modversion lyra)" = "$VERSION" ] || fail "pkg-config version"
# shellcheck disable=SC2046
$CC -std=c11 -Wall -Wextra -Werror $EXTRA $(pkg-config --cflags lyra) -o "$T/api_shared" \
    "$SRC/tests/api/test_api.c" $(pkg-config --libs lyra) -lgmp -Wl,-rpath,"$P/lib" || fail "compile (shared)"
"$T/api_shared" >"$T/out" || { cat "$T/out"; fail "api_shared"; }
ldd "$T/api_shared" | grep -q "$P/lib/liblyra.so.$MAJOR" || fail "api_shared does not use the installed liblyra.so"
# what static linking needs is all there (Requires.private, Libs.private) ...
STATIC=$(pkg-config --static --libs lyra)
for l in -llyra -lgmp -lck -lhwloc -llua5.4 -lpcre2-8 -ljansson -lpthread -lm; do
  case " $STATIC " in *" $l "*) ;; *) fail "pkg-config --static --libs lyra lacks $l: $STATIC" ;; esac
done
# ... but --static also asks for the dependencies' own private libraries
# (hwloc's -ludev), needed only to link those statically too: liblyra.a with
# shared dependencies is liblyra.a + the private requirements' --libs
STATIC_LIBS="$P/lib/liblyra.a $(pkg-config --libs $(pkg-config --print-requires-private lyra)) -lpthread -lm"
# shellcheck disable=SC2086
$CC -std=c11 -Wall -Wextra -Werror $EXTRA $(pkg-config --cflags lyra) -o "$T/api_static" \
    "$SRC/tests/api/test_api.c" $STATIC_LIBS || fail "compile (static)"
"$T/api_static" >"$T/out" || { cat "$T/out"; fail "api_static"; }
if ldd "$T/api_static" | grep -q liblyra; then fail "api_static needs liblyra.so"; fi

step "docs/embedding.md's minimal host, compiled the way the doc says"
awk '/^## 3\. A minimal host/ { s = 1 } s && /^```c/ { c = 1; next } c && /^```/ { exit } c' \
    "$SRC/docs/embedding.md" >"$T/doc_host.c"
grep -q "ly_eval_string" "$T/doc_host.c" || fail "no program in section 3 of docs/embedding.md"
# shellcheck disable=SC2046
$CC -O2 -Wall -Wextra -Werror $EXTRA "$T/doc_host.c" $(pkg-config --cflags --libs lyra) \
    -Wl,-rpath,$(pkg-config --variable=libdir lyra) -o "$T/doc_host" || fail "compile the doc's host"
[ "$("$T/doc_host")" = 354224848179261915075 ] || fail "the doc's host prints $("$T/doc_host")"

step "CMake find_package(Lyra) consumers"
cmake -S "$SRC/tests/api/consumer" -B "$T/cm" -DCMAKE_PREFIX_PATH="$P" -DCMAKE_C_COMPILER="$CC" \
      -DCMAKE_C_FLAGS="$EXTRA" -DCMAKE_EXE_LINKER_FLAGS="$EXTRA" -DCMAKE_BUILD_TYPE=Release \
      -DLY_API_TEST="$SRC/tests/api/test_api.c" -DLY_EXAMPLE_HOST="$SRC/examples/host" \
      -DLY_EXPECT_VERSION="$VERSION" >"$T/cm.log" 2>&1 || { cat "$T/cm.log"; fail "cmake configure"; }
cmake --build "$T/cm" -j 2 >"$T/cmb.log" 2>&1 || { cat "$T/cmb.log"; fail "cmake build"; }
"$T/cm/api_shared" >"$T/out" || { cat "$T/out"; fail "cmake api_shared"; }
"$T/cm/api_static" >"$T/out" || { cat "$T/out"; fail "cmake api_static"; }
ldd "$T/cm/api_shared" | grep -q "$P/lib/liblyra.so.$MAJOR" || fail "cmake api_shared does not use liblyra.so"
for h in host host_static; do
  (cd "$SRC/examples/host" && "$T/cm/host/$h" collatz.ly) >"$T/out" || { cat "$T/out"; fail "cmake $h"; }
  grep -q "below 100000, 77031 takes the most steps (350)" "$T/out" || { cat "$T/out"; fail "cmake $h output"; }
done

step "examples/host/Makefile (pkg-config)"
cp -r "$SRC/examples/host" "$T/host"
make -C "$T/host" CC="$CC" CFLAGS="-O2 -Wall -Wextra -Werror $EXTRA" LDFLAGS="$EXTRA" host static \
     >"$T/make.log" 2>&1 || { cat "$T/make.log"; fail "make examples/host"; }
for h in host host-static; do
  (cd "$T/host" && "./$h" collatz.ly) >"$T/out" || { cat "$T/out"; fail "make $h"; }
  grep -q "77031 takes the most steps (350)" "$T/out" || { cat "$T/out"; fail "make $h output"; }
done
cat "$T/out"

if [ "${LY_LUA_MODULE:-ON}" = ON ]; then
step "the Lua module from the prefix"
[ -e "$P/lib/lua/5.4/lyra.so" ] || fail "missing lib/lua/5.4/lyra.so"
ldd "$P/lib/lua/5.4/lyra.so" | grep -q "liblyra.so.$MAJOR => $P/lib/" || fail "lyra.so does not find the installed liblyra.so"
if command -v lua5.4 >/dev/null; then
  ( if [ -n "${LY_LUA_PRELOAD:-}" ]; then export LD_PRELOAD="$LY_LUA_PRELOAD"; fi
    LUA_CPATH="$P/lib/lua/5.4/?.so" lua5.4 "$SRC/tests/api/test_lua.lua" ) >"$T/out" 2>&1 \
    || { cat "$T/out"; fail "lua"; }
  grep "test_lua:" "$T/out"
fi
fi
echo "install_test: ok"
