#!/bin/sh
cat <<EOF2
Dear $USER,
  your home is $HOME.
EOF2

cat <<-'END'
	quoted: $not_expanded
	END

python3 - <<PY
import sys
print(sys.version)
PY

tr a-z A-Z <<< "here string"
wc -l < input.txt > count.txt
