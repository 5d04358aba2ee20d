#!/bin/bash
# A pg_auto_failover formation on this machine, for FailoverBench: a monitor (port 6000) and two
# nodes (6001, 6002) from Debian's postgresql-15-auto-failover, as docs/operations.md sets one up.
#   bench/failover/pg-auto-failover.sh up           # create and start them, wait for primary + secondary
#   bench/failover/pg-auto-failover.sh fail KILL    # the primary's host dies: every process of it at once
#   bench/failover/pg-auto-failover.sh fail STOP    # the primary's host hangs (SIGSTOP), its sockets open
#   bench/failover/pg-auto-failover.sh rejoin       # kill what is left of a failed node, start it again: it rejoins as standby
#   bench/failover/pg-auto-failover.sh state | down
set -euo pipefail
DIR=${PGAF_DIR:-/tmp/pgaf}
BIN=/usr/lib/postgresql/15/bin
MONITOR="postgres://autoctl_node@localhost:6000/pg_auto_failover?sslmode=require"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- env PATH="$BIN:$PATH" "$@"; else env PATH="$BIN:$PATH" "$@"; fi
}
port() { [ "$1" = node1 ] && echo 6001 || echo 6002; }
start() { as_postgres bash -c "cd '$DIR' && nohup pg_autoctl run --pgdata '$DIR/$1' > '$DIR/$1.log' 2>&1 &"; }
keeper() { pgrep -f "^pg_autoctl run --pgdata $DIR/$1\$" || true; }
# the node's keeper and postmaster with every process under them, from one reading of the process table
tree() {
  local postmaster=""
  [ -f "$DIR/$1/postmaster.pid" ] && postmaster=$(head -1 "$DIR/$1/postmaster.pid")
  ps -e -o pid=,ppid= | awk -v roots="$postmaster $(keeper "$1")" '
    { parent[$1] = $2 }
    END { n = split(roots, r, " "); for (i = 1; i <= n; i++) if (r[i] in parent) tree[r[i]] = 1
          changed = 1; while (changed) { changed = 0; for (p in parent) if (!(p in tree) && (parent[p] in tree)) { tree[p] = 1; changed = 1 } }
          for (p in tree) printf "%s ", p }'
}
primary() {
  for node in node1 node2; do
    if [ "$(psql -h localhost -p "$(port $node)" -U postgres -d music -tAc 'select pg_is_in_recovery()' 2>/dev/null)" = f ]; then
      echo $node
      return
    fi
  done
}
await_formation() {
  for _ in $(seq 120); do
    if as_postgres pg_autoctl show state --pgdata "$DIR/monitor" 2>/dev/null | grep -q ' secondary |'; then
      as_postgres pg_autoctl show state --pgdata "$DIR/monitor"
      return
    fi
    sleep 1
  done
  echo "no primary and secondary within 120 s" >&2
  exit 1
}

case "${1:-}" in
  up)
    mkdir -p "$DIR" && chown postgres:postgres "$DIR" 2>/dev/null || true
    as_postgres pg_autoctl create monitor --pgdata "$DIR/monitor" --pgport 6000 --hostname localhost --auth trust --ssl-self-signed
    start monitor
    sleep 3
    for node in node1 node2; do
      as_postgres pg_autoctl create postgres --pgdata "$DIR/$node" --pgport "$(port $node)" --hostname localhost \
        --name $node --auth trust --ssl-self-signed --dbname music --monitor "$MONITOR"
      start $node
      sleep 5
    done
    await_formation
    ;;
  fail)
    node=$(primary)
    [ -n "$node" ] || { echo "no primary to fail" >&2; exit 1; }
    pids=$(tree "$node")
    echo "failing $node (${2:-KILL}): $(echo $pids | wc -w) processes"
    kill -"${2:-KILL}" $pids
    ;;
  rejoin)
    for node in node1 node2; do
      if [ -z "$(keeper $node)" ] || ps -o stat= -p "$(keeper $node)" | grep -q T; then
        pids=$(tree $node)
        [ -n "$pids" ] && kill -KILL $pids || true
        sleep 1
        start $node
      fi
    done
    await_formation
    ;;
  state)
    as_postgres pg_autoctl show state --pgdata "$DIR/monitor"
    ;;
  down)
    for node in node1 node2 monitor; do
      pids=$(tree $node)
      [ -n "$pids" ] && kill -KILL $pids || true
    done
    rm -rf "$DIR"
    ;;
  *)
    sed -n '2,9p' "$0"
    exit 2
    ;;
esac
