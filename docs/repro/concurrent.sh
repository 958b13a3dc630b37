#!/bin/sh
# Two builds into one -out at once (docs/reliability.md). Run from the
# repository: sh docs/repro/concurrent.sh
set -u
dir=$(mktemp -d)
go build -o "$dir/build" ./cmd/build || exit 1
go run ./bench/gencourse -n 300 -out "$dir/course" >/dev/null || exit 1
cd "$dir"
./build -cache "" -content course -out public >first.txt 2>&1 &
first=$!
sleep 0.2
./build -cache "" -content course -out public >second.txt 2>&1
echo "second build: exit $?"; cat second.txt
wait $first
echo "first build: exit $?"; tail -1 first.txt
echo "files in public: $(find public -type f | wc -l)"
ls -a "$dir" | grep descent
rm -rf "$dir"
