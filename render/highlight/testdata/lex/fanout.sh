#!/bin/sh
set -eu

# Two children write to the same pipe.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

{ echo a; sleep 0.01; echo b; } | cat
for f in "$tmp"/*; do
  [ -e "$f" ] || continue
  printf '%s\n' "${f##*/}"
done
if [ "${DEBUG:-}" = 1 ]; then
  echo "debug" >&2
fi
exit 0
