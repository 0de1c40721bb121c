#!/bin/sh
# run_install_test.sh: installs the already-built tree into a fresh prefix and builds
# consumer/main.c against it in the two ways an embedder would, then runs each program:
#   1. find_package(wasmc): the consumer/ CMake project (wasmc::wasmc and wasmc::wasmc_static)
#   2. pkg-config: plain compiler commands, dynamic (--libs) and static (--static --libs, with
#      the archive picked by -l:libwasmc.a)
# The static programs must not need libwasmc.so; the dynamic ones must need libwasmc.so.0.
# Usage: run_install_test.sh BUILD_DIR WORK_DIR CMAKE GENERATOR CC CXX
set -eu
build=$1 work=$2 cmake=$3 generator=$4 cc=$5 cxx=$6
here=$(cd "$(dirname "$0")" && pwd)
prefix=$work/prefix

step() { echo "---- $*"; }
fail() { echo "run_install_test: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
step "cmake --install $build --prefix $prefix"
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" || {
  cat "$work/install.log"; fail "cmake --install failed"; }
for f in include/wasmc.h lib/libwasmc.so lib/libwasmc.so.0 lib/libwasmc.a \
         lib/cmake/wasmc/wasmcConfig.cmake lib/cmake/wasmc/wasmcConfigVersion.cmake \
         lib/cmake/wasmc/wasmcTargets.cmake lib/pkgconfig/wasmc.pc; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
done
[ -L "$prefix/lib/libwasmc.so" ] && [ -L "$prefix/lib/libwasmc.so.0" ] ||
  fail "libwasmc.so and libwasmc.so.0 should be symlinks"

# needs PROGRAM yes|no: checks whether PROGRAM records libwasmc.so.0 as a needed library.
needs() {
  if command -v objdump >/dev/null 2>&1; then
    if objdump -p "$1" | grep -q 'NEEDED *libwasmc\.so\.0'; then has=yes; else has=no; fi
    [ "$has" = "$2" ] || fail "$1: needs libwasmc.so.0: $has, expected $2"
  fi
}

step "find_package(wasmc): configure and build consumer/"
"$cmake" -S "$here/consumer" -B "$work/find_package" -G "$generator" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix" >"$work/find_package.log" 2>&1 || {
  cat "$work/find_package.log"; fail "configuring the find_package consumer failed"; }
"$cmake" --build "$work/find_package" || fail "building the find_package consumer failed"
for exe in consumer_shared consumer_static; do
  step "run find_package/$exe"
  "$work/find_package/$exe" || fail "find_package/$exe failed"
done
needs "$work/find_package/consumer_shared" yes
needs "$work/find_package/consumer_static" no

step "pkg-config: build with plain compiler commands"
PKG_CONFIG_PATH="$prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export PKG_CONFIG_PATH
cflags=$(pkg-config --cflags wasmc)
libdir=$(pkg-config --variable=libdir wasmc)
# shellcheck disable=SC2086 # the flags are word lists
"$cc" -std=c99 -o "$work/pc_shared" "$here/consumer/main.c" $cflags $(pkg-config --libs wasmc) \
  -Wl,-rpath,"$libdir"
static_libs=""
for w in $(pkg-config --static --libs wasmc); do
  [ "$w" = "-lwasmc" ] && w="-l:libwasmc.a"
  static_libs="$static_libs $w"
done
# shellcheck disable=SC2086
"$cc" -std=c99 -o "$work/pc_static" "$here/consumer/main.c" $cflags $static_libs
for exe in pc_shared pc_static; do
  step "run $exe"
  "$work/$exe" || fail "$exe failed"
done
needs "$work/pc_shared" yes
needs "$work/pc_static" no
echo "run_install_test: ok"
