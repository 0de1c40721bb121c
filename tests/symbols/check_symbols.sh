#!/bin/sh
# check_symbols.sh: checks the ABI surface of libwasmc.so. Consumes the built library (and, with
# --header, include/wasmc.h); prints each problem and exits 1 if there is any.
#   check_symbols.sh exports <libwasmc.so> <expected SONAME>
#       every defined dynamic symbol starts with `wasmc_` (the linker's version node, e.g.
#       WASMC_0, is allowed) and the SONAME is the versioned one (libwasmc.so.0).
#   check_symbols.sh header <libwasmc.so> <wasmc.h>
#       every function the header declares with WASMC_API is defined by the library.
set -eu

usage() {
  echo "usage: $0 exports <lib> <soname> | header <lib> <wasmc.h>" >&2
  exit 2
}
[ $# -eq 3 ] || usage
mode=$1
lib=$2
[ -f "$lib" ] || { echo "$lib: no such file" >&2; exit 1; }

# Defined dynamic symbols as "TYPE NAME", without the @VERSION suffix newer nm prints.
defined=$(nm -D --defined-only "$lib" | awk '{ name = $NF; sub(/@.*/, "", name); print $(NF-1), name }')

case $mode in
exports)
  soname_want=$3
  status=0
  bad=$(printf '%s\n' "$defined" | awk '
    $1 == "A" && $2 ~ /^WASMC_[0-9A-Z_]*$/ { next }   # the version node of wasmc.map
    $2 !~ /^wasmc_/ { print }')
  if [ -n "$bad" ]; then
    echo "symbols exported without the wasmc_ prefix (hide them; see src/abi/wasmc.map):"
    printf '%s\n' "$bad" | sed 's/^/  /'
    status=1
  fi
  count=$(printf '%s\n' "$defined" | awk '$2 ~ /^wasmc_/' | wc -l)
  if [ "$count" -eq 0 ]; then
    echo "no wasmc_ symbols are exported"
    status=1
  fi
  soname=$(objdump -p "$lib" | awk '$1 == "SONAME" { print $2 }')
  if [ "$soname" != "$soname_want" ]; then
    echo "SONAME is '$soname', expected '$soname_want'"
    status=1
  fi
  echo "$count wasmc_ symbols exported, SONAME $soname"
  exit $status
  ;;
header)
  header=$3
  declared=$(awk '/WASMC_API/ && !/#define/ {
      if (match($0, /wasmc_[a-z0-9_]*\(/)) print substr($0, RSTART, RLENGTH - 1) }' "$header" |
    sort -u)
  missing=""
  for f in $declared; do
    if ! printf '%s\n' "$defined" | awk -v f="$f" '$2 == f { found = 1 } END { exit !found }'; then
      missing="$missing $f"
    fi
  done
  n=$(printf '%s\n' "$declared" | wc -l)
  if [ -n "$missing" ]; then
    echo "declared in $(basename "$header") but not defined in $(basename "$lib"):"
    for f in $missing; do echo "  $f"; done
    exit 1
  fi
  echo "all $n functions declared in $(basename "$header") are defined"
  ;;
*) usage ;;
esac
