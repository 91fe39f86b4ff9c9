# Install and build.
export GOPATH="$HOME/go"
export PATH="$GOPATH/bin:$PATH"
go install golang.org/x/tools/cmd/stringer@latest

mkdir -p build && cd build
curl -fsSL https://example.com/install.sh | sh -s -- --prefix="$PWD/out"
for pkg in $(go list ./...); do
  go test -race -count=1 "$pkg" || { echo "FAIL $pkg"; exit 1; }
done
echo "done in ${SECONDS}s" # trailing comment
echo 'héllo wörld' "ünïcode — ok" # commentaire: café
ls -la ~/ 2>&1 | tee -a out.log
[ -f go.mod ] && sed -i 's/old/new/g' go.mod
nohup ./server --port=8080 &>server.log &
kill -TERM "$(cat server.pid)"; sleep 1
