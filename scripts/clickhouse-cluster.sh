#!/usr/bin/env bash
# A real 2-shard ClickHouse cluster on loopback, for tests and the bench: one ZooKeeper node and two
# clickhouse-server processes, each with its own config, data dir and ports, in one state folder.
#
#   scripts/clickhouse-cluster.sh start   # prints the env lines to use it (STRATA_CLICKHOUSE_URL ...)
#   scripts/clickhouse-cluster.sh stop    # stops what `start` started, by the PIDs it wrote; idempotent
#   scripts/clickhouse-cluster.sh status
#
# Why ZooKeeper: `CREATE ... ON CLUSTER` (distributed DDL) needs it on 18.16 (Debian's server).
# Users: `default` (no password) and `strata` (password `strata-test-password`: the app's e2e connects
# as it, so that the password really travels from the keychain).
# Env: STRATA_CH_STATE (default ${TMPDIR:-/tmp}/strata-clickhouse), STRATA_CH_PORT (base, default 19100).
set -euo pipefail

state="${STRATA_CH_STATE:-${TMPDIR:-/tmp}/strata-clickhouse}"
base="${STRATA_CH_PORT:-19100}"
zk_port=$((base + 81))
cluster="strata"

need() { command -v "$1" >/dev/null 2>&1 || { echo "clickhouse-cluster: '$1' is not installed (apt-get install -y clickhouse-server clickhouse-client zookeeper)" >&2; exit 3; }; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_port() { # host port seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# GET /ping through bash's /dev/tcp (no curl needed): ClickHouse answers "Ok."
ping_http() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /ping HTTP/1.0\r\n\r\n' >&3 && grep -q '^Ok' <&3) 2>/dev/null
}

shard_conf() { # n http tcp inter
  local n=$1 http=$2 tcp=$3 inter=$4 dir="$state/ch$1"
  mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/format_schemas" "$dir/log"
  cat >"$dir/config.xml" <<EOF
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/log/server.log</log><errorlog>$dir/log/error.log</errorlog><size>10M</size><count>2</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <interserver_http_port>$inter</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>0</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <timezone>UTC</timezone>
  <remote_servers>
    <$cluster>
      <shard><replica><host>127.0.0.1</host><port>$((base + 0))</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>$((base + 100))</port></replica></shard>
    </$cluster>
  </remote_servers>
  <zookeeper><node><host>127.0.0.1</host><port>$zk_port</port></node></zookeeper>
  <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
  <macros><shard>$n</shard><replica>r$n</replica></macros>
</yandex>
EOF
  cat >"$dir/users.xml" <<EOF
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage><log_queries>0</log_queries></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default><strata><password>strata-test-password</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></strata></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
EOF
}

start_zk() {
  local dir="$state/zk"
  alive "$dir/pid" && return 0
  mkdir -p "$dir/data"
  cat >"$dir/zoo.cfg" <<EOF
tickTime=2000
dataDir=$dir/data
clientPort=$zk_port
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=ruok
EOF
  cp /etc/zookeeper/conf/log4j.properties "$dir/" 2>/dev/null || true
  java -Xmx256m -Dzookeeper.log.dir="$dir" -Dzookeeper.root.logger=WARN,CONSOLE \
    -cp "$dir:/usr/share/java/zookeeper.jar:/usr/share/java/*" \
    org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/zoo.cfg" >"$dir/zk.log" 2>&1 &
  echo $! >"$dir/pid"
}

start_shard() { # n http tcp inter
  local dir="$state/ch$1"
  alive "$dir/pid" && return 0
  shard_conf "$@"
  clickhouse-server --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1 &
  echo $! >"$dir/pid"
}

cmd_start() {
  need clickhouse-server
  need java
  mkdir -p "$state"
  start_zk
  wait_port 127.0.0.1 "$zk_port" 30 || { echo "clickhouse-cluster: ZooKeeper did not start (see $state/zk/zk.log)" >&2; exit 1; }
  start_shard 1 $((base + 23)) $((base + 0)) $((base + 9))
  start_shard 2 $((base + 123)) $((base + 100)) $((base + 109))
  for http in $((base + 23)) $((base + 123)); do
    local ok=""
    for ((i = 0; i < 300; i++)); do
      if ping_http "$http"; then ok=1; break; fi
      sleep 0.1
    done
    [ -n "$ok" ] || { echo "clickhouse-cluster: server on $http did not answer (see $state/ch*/log)" >&2; exit 1; }
  done
  cmd_env
}

cmd_env() {
  echo "STRATA_CLICKHOUSE_URL=http://127.0.0.1:$((base + 23))"
  echo "STRATA_CLICKHOUSE_URL2=http://127.0.0.1:$((base + 123))"
  echo "STRATA_CLICKHOUSE_CLUSTER=$cluster"
}

stop_pid() { # pidfile
  [ -f "$1" ] || return 0
  local pid
  pid="$(cat "$1")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

cmd_stop() {
  stop_pid "$state/ch1/pid"
  stop_pid "$state/ch2/pid"
  stop_pid "$state/zk/pid"
  # the data goes too: every start is a fresh cluster (tests create their own databases anyway)
  [ "${STRATA_CH_KEEP:-}" = "1" ] || rm -rf "$state"
}

cmd_status() {
  for p in zk ch1 ch2; do
    if alive "$state/$p/pid"; then echo "$p: running (pid $(cat "$state/$p/pid"))"; else echo "$p: stopped"; fi
  done
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
