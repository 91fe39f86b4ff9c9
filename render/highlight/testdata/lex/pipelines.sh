#!/usr/bin/env bash
set -euo pipefail
IFS=$'\n\t'

readonly LOG=/tmp/pipedocs.log
count=0

log() {
  local level=$1; shift
  printf '%s [%s] %s\n' "$(date +%T)" "$level" "$*" >>"$LOG"
}

# Count words per file, biggest first.
find . -name '*.md' -print0 | xargs -0 wc -w | sort -rn | head -n 5

ps aux | grep -v grep | awk '{ print $2, $11 }' | while read -r pid cmd; do
  count=$((count + 1))
  echo "$pid: $cmd"
done

cat /etc/passwd | cut -d: -f1,7 | tr ':' ' ' > users.txt 2>/dev/null
diff <(sort a.txt) <(sort b.txt) && echo same || echo "differ: $?"
exec 3>&1 1>&2 2>&3 3>&-
mkfifo /tmp/fifo; cat /tmp/fifo & echo hi > /tmp/fifo; wait $!
