#!/usr/bin/env bash
# Real PostgreSQL 15 and S3-compatible storage (OpenStack Swift with s3api), from Debian's
# packages, on 127.0.0.1, for the scale-out tests and for trying two instances by hand.
#   scripts/scale-services.sh install        apt packages and /etc/swift/swift.conf (root, once)
#   scripts/scale-services.sh check          says what is missing for start, if anything
#   scripts/scale-services.sh start DIR      start everything under DIR as the current user; writes DIR/env
#   scripts/scale-services.sh stop DIR       stop exactly the processes started under DIR
# DIR/env holds DATABASE_URL and the S3_* variables, ready to `source`.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
# Swift's scripts run on Debian's python3; another python3 earlier on PATH breaks them.
PY=/usr/bin/python3
BUCKET=kontext
SELF=scripts/scale-services.sh

# Swift reads its cluster's hash prefix and suffix from this fixed path, whoever runs it.
SWIFT_CONF=/etc/swift/swift.conf

install() {
  if [ "$(id -u)" != 0 ]; then
    echo "install runs apt-get and writes $SWIFT_CONF, which needs root: sudo $SELF install" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    postgresql-15 postgresql-client-15 swift swift-proxy swift-account swift-container swift-object memcached curl >/dev/null
  write_swift_conf
}

write_swift_conf() {
  mkdir -p /etc/swift
  printf '[swift-hash]\nswift_hash_path_prefix = kontext\nswift_hash_path_suffix = playground\n' >"$SWIFT_CONF"
  chmod 644 "$SWIFT_CONF"
}

# Says what is missing before anything starts: the packages, or the one file install writes.
check_installed() {
  local missing=()
  [ -x "$PG_BIN/initdb" ] || missing+=("PostgreSQL 15 ($PG_BIN/initdb)")
  { [ -x /usr/bin/swift-proxy-server ] && "$PY" -c "import swift" 2>/dev/null; } || missing+=("Swift (/usr/bin/swift-proxy-server)")
  command -v memcached >/dev/null || missing+=("memcached")
  command -v curl >/dev/null || missing+=("curl")
  if [ ${#missing[@]} -gt 0 ]; then
    echo "not installed: ${missing[*]}. They come from Debian's packages: run \`sudo $SELF install\` once." >&2
    exit 1
  fi
  if [ -r "$SWIFT_CONF" ] && grep -q swift_hash_path_suffix "$SWIFT_CONF"; then return; fi
  if [ "$(id -u)" = 0 ]; then
    write_swift_conf
  elif [ -f "$SWIFT_CONF" ] && [ ! -r "$SWIFT_CONF" ]; then
    echo "$SWIFT_CONF is not readable by $(id -un), and Swift reads its cluster's hash from there: sudo chmod 644 $SWIFT_CONF" >&2
    exit 1
  else
    echo "$SWIFT_CONF is missing (or has no swift_hash_path_suffix), and Swift reads its cluster's hash from there: \`sudo $SELF install\` writes it." >&2
    exit 1
  fi
}

# A free port below Linux's source-port range (32768+), where outgoing connections never squat.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      "$PY" -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1]))); s.close()" "$port" 2>/dev/null && { echo "$port"; return; }
    fi
  done
  echo "no free port" >&2
  return 1
}

# The last lines of a log, to put into a message.
log_tail() { if [ -f "$1" ]; then tail -n 15 "$1" | sed 's/^/    /'; fi; }

# `log`: the file that says why, when it does not come up.
wait_for() {
  local what=$1 check=$2 log=$3
  for _ in $(seq 1 100); do
    if eval "$check" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "$what did not start within 10 s; the end of $log:" >&2
  log_tail "$log" >&2
  return 1
}

# Daemons get their own log files: one that inherits our stdout would hold a $(...) capture open.
spawn() {
  local name=$1
  shift
  "$@" >"$DIR/$name.log" 2>&1 &
  echo "$name $!" >>"$DIR/pids"
}

# PostgreSQL refuses to run as root, so root hands it to the postgres user; anyone else runs it as themselves.
as_pg() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

start_postgres() {
  PG_PORT=$(free_port)
  mkdir -p "$DIR/pg"
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$DIR/pg"
    # A mktemp folder is 0700; the postgres user must be able to pass through it.
    chmod go+x "$DIR"
  fi
  if ! as_pg "$PG_BIN/initdb" -D "$DIR/pg/data" -A trust -U postgres >"$DIR/initdb.log" 2>&1; then
    echo "initdb failed as $(id -un) in $DIR/pg/data; the end of $DIR/initdb.log:" >&2
    log_tail "$DIR/initdb.log" >&2
    return 1
  fi
  if ! as_pg "$PG_BIN/pg_ctl" -w -D "$DIR/pg/data" -l "$DIR/pg/postgres.log" \
    -o "-p $PG_PORT -k $DIR/pg -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null; then
    echo "PostgreSQL did not start on 127.0.0.1:$PG_PORT; the end of $DIR/pg/postgres.log:" >&2
    log_tail "$DIR/pg/postgres.log" >&2
    return 1
  fi
  echo "postgres $(head -1 "$DIR/pg/data/postmaster.pid")" >>"$DIR/pids"
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres kontext
}

swift_server_conf() {
  local kind=$1 port=$2
  cat >"$DIR/swift/$kind-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $port
workers = 0
user = $RUN_AS
devices = $DIR/swift/srv
mount_check = false
swift_dir = $DIR/swift
log_name = $kind-server
fallocate_reserve = 0

[pipeline:main]
pipeline = $kind-server

[app:$kind-server]
use = egg:swift#$kind
EOF
}

start_swift() {
  MEMCACHED_PORT=$(free_port)
  # memcached refuses root without -u, and ignores -u for anyone else.
  spawn memcached memcached -u "$RUN_AS" -l 127.0.0.1 -p "$MEMCACHED_PORT" -U 0
  local account container object
  account=$(free_port) container=$(free_port) object=$(free_port) S3_PORT=$(free_port)
  mkdir -p "$DIR/swift/srv/d1"
  # One replica, one device: the ring builder's class in one call is ~3x quicker than its CLI.
  "$PY" - "$DIR/swift" "$account" "$container" "$object" <<'EOF'
import sys
from swift.common.ring import RingBuilder
folder, ports = sys.argv[1], dict(zip(["account", "container", "object"], map(int, sys.argv[2:])))
for name, port in ports.items():
    builder = RingBuilder(6, 1, 1)
    builder.add_dev({"id": 0, "region": 1, "zone": 1, "ip": "127.0.0.1", "port": port, "device": "d1", "weight": 100})
    builder.rebalance()
    builder.get_ring().save(f"{folder}/{name}.ring.gz")
EOF
  swift_server_conf account "$account"
  swift_server_conf container "$container"
  swift_server_conf object "$object"
  cat >"$DIR/swift/proxy-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $S3_PORT
workers = 0
user = $RUN_AS
swift_dir = $DIR/swift
log_name = proxy-server

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk s3api tempauth copy slo dlo versioned_writes proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = testing .admin

[filter:s3api]
use = egg:swift#s3api

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$MEMCACHED_PORT

[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
[filter:versioned_writes]
use = egg:swift#versioned_writes
EOF
  for kind in account container object; do spawn "swift-$kind" "$PY" "/usr/bin/swift-$kind-server" "$DIR/swift/$kind-server.conf"; done
  spawn swift-proxy "$PY" /usr/bin/swift-proxy-server "$DIR/swift/proxy-server.conf"
  wait_for "memcached on 127.0.0.1:$MEMCACHED_PORT" "(exec 3<>/dev/tcp/127.0.0.1/$MEMCACHED_PORT)" "$DIR/memcached.log"
  wait_for "Swift's proxy on 127.0.0.1:$S3_PORT" "curl -sf http://127.0.0.1:$S3_PORT/healthcheck" "$DIR/swift-proxy.log"
  wait_for "Swift's account server on 127.0.0.1:$account" "(exec 3<>/dev/tcp/127.0.0.1/$account)" "$DIR/swift-account.log"
  wait_for "Swift's container server on 127.0.0.1:$container" "(exec 3<>/dev/tcp/127.0.0.1/$container)" "$DIR/swift-container.log"
  wait_for "Swift's object server on 127.0.0.1:$object" "(exec 3<>/dev/tcp/127.0.0.1/$object)" "$DIR/swift-object.log"
  # The bucket is a Swift container, made through Swift's own API with tempauth's token.
  local headers token storage
  headers=$(curl -sfi -H 'X-Storage-User: test:tester' -H 'X-Storage-Pass: testing' "http://127.0.0.1:$S3_PORT/auth/v1.0")
  token=$(printf '%s' "$headers" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-auth-token"{print $2}')
  storage=$(printf '%s' "$headers" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-storage-url"{print $2}')
  wait_for "the bucket $BUCKET" "curl -sf -X PUT -H 'X-Auth-Token: $token' '$storage/$BUCKET'" "$DIR/swift-proxy.log"
}

start() {
  check_installed
  : >"$DIR/pids"
  start_postgres
  start_swift
  cat >"$DIR/env" <<EOF
export DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/kontext
export S3_ENDPOINT=http://127.0.0.1:$S3_PORT
export S3_BUCKET=$BUCKET
export S3_ACCESS_KEY_ID=test:tester
export S3_SECRET_ACCESS_KEY=testing
export S3_REGION=us-east-1
export S3_FORCE_PATH_STYLE=1
EOF
  echo "services up under $DIR: $(tr '\n' ' ' <"$DIR/pids")"
}

# Stops exactly what start recorded. Dead daemons linger as zombies here, so liveness is read
# from /proc/PID/stat rather than `kill -0`.
alive() { [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat")" != "Z" ]; }

stop() {
  [ -f "$DIR/pids" ] || return 0
  if [ -f "$DIR/pg/data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg/data" stop -m fast >/dev/null 2>&1 || true
  fi
  while read -r _ pid; do alive "$pid" && kill "$pid" 2>/dev/null || true; done <"$DIR/pids"
  for _ in $(seq 1 50); do
    local left=0
    while read -r _ pid; do alive "$pid" && left=1; done <"$DIR/pids"
    [ "$left" = 0 ] && break
    sleep 0.1
  done
  while read -r _ pid; do alive "$pid" && kill -9 "$pid" 2>/dev/null || true; done <"$DIR/pids"
  rm -f "$DIR/pids" "$DIR/pg/data/postmaster.pid"
}

RUN_AS=$(id -un)
command=${1:-}
case "$command" in
  install) install ;;
  check) check_installed ;;
  start | stop)
    DIR=$(realpath -m "${2:?usage: $0 $command DIR}")
    mkdir -p "$DIR"
    if [ "$command" = start ]; then
      # Whatever fails on the way (an ERR trap would miss failures inside functions), nothing started stays up.
      trap '[ $? = 0 ] || stop' EXIT
      start
    else
      stop
    fi
    ;;
  *)
    echo "usage: $0 install | check | start DIR | stop DIR" >&2
    exit 2
    ;;
esac
