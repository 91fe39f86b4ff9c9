#!/bin/bash
# Loops, case, functions and arithmetic.

usage() {
    echo "usage: $0 [-v] <n>" >&2
    return 2
}

function fib {
    local n=$1 a=0 b=1 i
    for ((i = 0; i < n; i++)); do
        (( t = a + b, a = b, b = t ))
    done
    echo "$a"
}

while getopts "vh" opt; do
    case "$opt" in
        v) VERBOSE=1 ;;
        h|\?) usage; exit 0 ;;
        *) usage ;;
    esac
done
shift $((OPTIND - 1))

n=${1:-10}
if [[ $n -lt 0 ]]; then
    echo "negative" && exit 1
elif [ "$n" -eq 0 ]; then
    echo zero
else
    result=$(fib "$n")
    echo "fib($n) = $result, squared = $(( result * result )), hex = $((16#ff))"
fi

until [ $n -le 0 ]; do n=$(( n - 3 )); done
select choice in yes no; do break; done
arr=(one two three)
arr+=(four)
echo "${#arr[@]} items: ${arr[*]}; first=${arr[0]} last=${arr[-1]}"
name="World"; echo "Hello, ${name}!" 'single $name' $'ansi\tquote\n' \$escaped
echo `date +%s` $(( 2 ** 10 )) $RANDOM $$ $# $? ${PATH%%:*} ${HOME:=/root}
x=5; let "x += 2"; declare -i y=x*2; echo $x $y
test -d /tmp && cd /tmp || exit
