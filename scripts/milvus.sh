#!/usr/bin/env bash
# A real Milvus 2.3.5 standalone for the tests, CI and a trial of
# `facesearch serve --milvus`, run inside a loopback-only network namespace.
#
#   scripts/milvus.sh install          venv with PyPI's milvus==2.3.5 in $FACESEARCH_CACHE/milvus-venv
#   scripts/milvus.sh start [DATA_DIR] starts it (default DATA_DIR $FACESEARCH_CACHE/milvus-data) and
#                                      waits until it answers; does nothing when it already runs on DATA_DIR
#   scripts/milvus.sh stop             stops it (the data stay); does nothing when it does not run
#   scripts/milvus.sh restart          stop, then start on the same DATA_DIR
#   scripts/milvus.sh status           running or not (exit 0 or 3), its data and address
#   scripts/milvus.sh exec CMD...      runs CMD inside the namespace (environment and folder kept)
#   scripts/milvus.sh forward PORT     until Ctrl-C: 127.0.0.1:PORT on this machine reaches
#                                      127.0.0.1:PORT inside the namespace (a `facesearch serve` there)
#   scripts/milvus.sh delete-netns     deletes the namespace (once nothing runs in it)
#
# Clients reach Milvus at 127.0.0.1:19530 (gRPC) and http://127.0.0.1:9091/healthz,
# from INSIDE the namespace only:
#
#   scripts/milvus.sh exec env FACESEARCH_MILVUS=127.0.0.1:19530 swift test --skip-build --filter Milvus
#
# Why the namespace: Milvus listens on every interface (0.0.0.0) on 19530, 9091
# and seven internal ports (13333, 19529, 19531, 21121, 21123, 21124, 53100; its
# embedded etcd on 127.0.0.1:2379 and 2380), with no authentication, and no
# setting makes it listen on loopback only. So it runs in the network namespace
# facesearch-milvus, which holds nothing but `lo`: nothing it opens is reachable
# from another machine, nor even from this machine's own network namespace, and it
# cannot send traffic anywhere. `start` refuses a namespace with any other link,
# and checks the server really runs in it.
#
# It does not run PyPI's `milvus-server` launcher, but the same binaries and
# config (the launcher's own code, from the milvus package) with two changes, for
# what the launcher does on a restart within a minute of a stop: it tests each
# port without SO_REUSEADDR, so a port left in TIME_WAIT counts as taken and it
# silently moves that server to the next port (seen here: etcd on 2380, QueryCoord
# on 19532; the server then panics, "unknown service QueryCoord", or clients miss
# 19530); and when Milvus dies, the launcher waits for ever. Here the ports are
# fixed (taken: a clear error) and the pid file names the Milvus process itself.
#
# Stopping: on SIGINT Milvus 2.3.5 stops its coordinators within milliseconds;
# then, once it holds a loaded collection, its nodes wait for ever on the stopped
# RootCoord (still hung after 10 minutes here); otherwise it exits by itself
# (with a panic). So `stop` sends SIGINT, waits for the log's "All coordinators
# have stopped" or the exit (at most MILVUS_STOP_TIMEOUT, 5 s), ends the sessions
# the nodes still hold (revokes their etcd leases, as a graceful stop would), then
# SIGKILLs the process group. Milvus is built to survive a kill: what it
# acknowledged is in its etcd and rocksmq write-ahead data (checked: every row
# inserted just before a stop was there after the restart).
#
# Sessions a run leaves behind (killed, or exited by itself) make the next one's
# clients wait until they expire (common.session.ttl, 30 s), so `start` also
# ends them, once the new run has its server id. Measured here, from the start
# to the first query answered on a loaded collection: 5-7 s after `stop`; after
# a SIGKILL 9 s (41 s without ending the old sessions). Until its collections are
# loaded again, Milvus answers "collection not loaded": clients wait for that.
#
# Milvus also writes /tmp/milvus/server_id_PID and locks /run/milvus/standalone.pid
# (so a second Milvus on the machine would not start); `start` mounts DATA_DIR/tmp
# and DATA_DIR/run over those two folders, in the mount namespace of the Milvus
# process alone, so that everything stays in DATA_DIR and one Milvus can run in
# each network namespace (MILVUS_NETNS; scripts/milvus-tests.sh takes one of its
# own). As a user who is not root, the namespace commands go through sudo, and
# Milvus and `exec` run as that user again.
#
# Settings: FACESEARCH_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/facesearch),
# MILVUS_NETNS (the namespace, default facesearch-milvus), MILVUS_START_TIMEOUT
# (seconds, default 120), MILVUS_STOP_TIMEOUT (seconds, default 5).
set -euo pipefail

cache=$(realpath -m "${FACESEARCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/facesearch}")
venv="$cache/milvus-venv"
version=2.3.5
# sha256 of milvus-2.3.5-py3-none-manylinux2014_x86_64.whl (57.7 MB; no dependencies)
wheel_sha=69515a0630ce29fd10e101fa442afea8ca1387b93a456cd9bd41fdf3deb93d04
binaries="$venv/milvus-$version" # the wheel's Milvus binary and libraries, unpacked once
netns=${MILVUS_NETNS:-facesearch-milvus}
pid_file="$cache/milvus.pid"
[ "$netns" = facesearch-milvus ] || pid_file="$cache/milvus-$netns.pid"
default_data="$cache/milvus-data"
grpc_port=19530
http_port=9091
etcd_port=2379
apt_packages=(iproute2 python3-venv curl socat)

log() { printf 'milvus: %s\n' "$*" >&2; }
# since START: seconds from $EPOCHREALTIME START to now, to a tenth.
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
die() {
    log "$*"
    exit 1
}

# netns_exec: the command line that runs a command inside the namespace, as the
# caller, with its environment and folder: as root, or through sudo, then back
# to the caller (drop).
root=()
drop=()
if [ "$(id -u)" -ne 0 ]; then
    root=(sudo --preserve-env)
    drop=(setpriv "--reuid=$(id -u)" "--regid=$(id -g)" --init-groups env "PATH=$PATH")
fi
netns_exec=("${root[@]}" ip netns exec "$netns" "${drop[@]}")
in_netns() { "${netns_exec[@]}" "$@"; }

[[ $netns =~ ^[A-Za-z0-9_.-]+$ ]] || die "MILVUS_NETNS: letters, digits, '.', '_' and '-' only"

# alive PID: the process exists and is not a zombie.
alive() { [ -r "/proc/$1/stat" ] && [ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" != Z ]; }

install_system_packages() {
    bash "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" "${apt_packages[@]}"
}

installed() {
    [ -x "$binaries/bin/milvus" ] &&
        "$venv/bin/python" -c 'import importlib.metadata as m, sys; sys.exit(m.version("milvus") != sys.argv[1])' \
            "$version" 2>/dev/null
}

cmd_install() {
    install_system_packages
    installed && return 0
    log "installing milvus==$version into $venv"
    mkdir -p "$cache"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes \
        -r <(echo "milvus==$version --hash=sha256:$wheel_sha")
    # The wheel holds Milvus as .lzma files, which its launcher unpacks into each
    # data folder (250 MB); unpacked once here instead, by the launcher's own code.
    "$venv/bin/python" -c 'import milvus, sys; milvus._initialize_data_files(sys.argv[1])' "$binaries"
    installed || die "milvus==$version is not usable in $venv"
}

# The namespace, created when absent; refuses one with any link but lo.
ensure_netns() {
    if ! ip netns list | grep -qx "$netns\( (id: [0-9]*)\)\?"; then
        "${root[@]}" ip netns add "$netns"
    fi
    "${root[@]}" ip -n "$netns" link set lo up
    local links
    links=$("${root[@]}" ip -n "$netns" -o link show | awk -F': ' '{print $2}' | paste -sd' ')
    [ "$links" = lo ] || die "network namespace $netns has links other than lo ($links); refusing to run Milvus in it"
}

# The pid of the running Milvus (from the pid file, checked), or nothing.
running_pid() {
    local pid
    [ -f "$pid_file" ] || return 0
    pid=$(cat "$pid_file")
    [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || return 0
    [ "$("${root[@]}" readlink "/proc/$pid/exe" 2>/dev/null)" = "$binaries/bin/milvus" ] || return 0
    echo "$pid"
}

data_of() { "${root[@]}" readlink "/proc/$1/cwd"; }

healthy() {
    in_netns curl -sf -m 2 -o /dev/null "http://127.0.0.1:$http_port/healthz" &&
        in_netns bash -c "exec 3<>/dev/tcp/127.0.0.1/$grpc_port" 2>/dev/null
}

show_logs() {
    local data=$1 file
    for file in "$data/logs/milvus-stderr.log" "$data/logs/milvus-stdout.log"; do
        [ -s "$file" ] || continue
        echo "--- the end of $file:" >&2
        tail -n 25 "$file" | cut -c1-400 >&2
    done
}

# The Milvus launcher (see the header): the milvus package's config with fixed
# ports, then exec of the Milvus binary, so this process becomes Milvus.
launcher='
import os, socket, sys
import milvus

binaries, data, pid_file, http_port = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3], int(sys.argv[4])

def try_bind_port(self, port):
    # As Milvus (Go) binds: with SO_REUSEADDR, so a port left in TIME_WAIT by
    # the previous run is free; a port something listens on is not.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
        sock.listen()
        return sock
    except OSError:
        sock.close()
        return None

milvus.MilvusServerConfig.try_bind_port = try_bind_port
config = milvus.MilvusServerConfig(data_dir=data)
# Every port given: one in use fails instead of moving to the next free one.
config.update(**{key: value[1] for key, value in config.configurable_items.items() if key.endswith("_port")})
try:
    config.resolve()  # writes DATA/configs/milvus.yaml and glog.conf
except RuntimeError as error:
    sys.exit(f"milvus: {error}: is another Milvus running in the namespace?")
probe = try_bind_port(None, http_port)
if probe is None:
    sys.exit(f"milvus: port {http_port} is in use: is another Milvus running in the namespace?")
probe.close()
with open(pid_file + ".tmp", "w") as out:
    out.write(f"{os.getpid()}\n")
os.replace(pid_file + ".tmp", pid_file)
bin_dir = os.path.join(binaries, "bin")
env = dict(os.environ, DEPLOY_MODE="STANDALONE", METRICS_PORT=str(http_port),
           MILVUSCONF=os.path.join(data, "configs"), MILVUS_RUN_DIR=os.path.join(data, "run"),
           LD_LIBRARY_PATH=":".join([bin_dir, os.environ.get("LD_LIBRARY_PATH", "")]))
os.chdir(data)
os.execve(os.path.join(bin_dir, "milvus"), ["milvus", "run", "standalone"], env)
'

# Ends the sessions an earlier run left in etcd (Milvus killed, or stopped by
# itself: its nodes never end theirs) once this run has its server id (the
# highest id in DATA/tmp/server_id_PID): clients would wait on them until they
# expire (common.session.ttl, 30 s). Exit 2: no server id yet.
end_old_sessions='
import base64, json, sys, urllib.request

etcd, id_file = sys.argv[1], sys.argv[2]
try:
    with open(id_file) as lines:
        ids = [int(line.rsplit("-", 1)[1]) for line in lines if line.strip()[-1:].isdigit()]
except OSError:
    ids = []
if not ids:
    sys.exit(2)
current = max(ids)

def call(path, body):
    request = urllib.request.Request(f"http://127.0.0.1:{etcd}/v3/{path}", json.dumps(body).encode(),
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=2) as answer:
        return json.load(answer)

b64 = lambda raw: base64.b64encode(raw).decode()
prefix = b"by-dev/meta/session/"
try:
    kvs = call("kv/range", {"key": b64(prefix), "range_end": b64(prefix[:-1] + b"0")}).get("kvs", [])
except OSError:
    sys.exit(2)  # etcd not answering yet
for kv in kvs:
    try:
        session = json.loads(base64.b64decode(kv["value"]))
    except ValueError:
        continue
    if isinstance(session, dict) and session.get("ServerID", current) < current and kv.get("lease"):
        call("lease/revoke", {"ID": kv["lease"]})
        print(base64.b64decode(kv["key"]).decode().removeprefix(prefix.decode()))
'

# Sets old_sessions once end_old_sessions has run (exit 2: not yet).
try_end_old_sessions() {
    local ended status=0
    ended=$(in_netns "$venv/bin/python" -c "$end_old_sessions" "$etcd_port" "$1/tmp/server_id_$2" 2>/dev/null) ||
        status=$?
    [ "$status" -ne 2 ] || return 0
    old_sessions=ended
    [ -z "$ended" ] || log "ended the sessions the previous run left: $(echo "$ended" | paste -sd' ')"
}

cmd_start() {
    local data=${1:-$default_data} pid timeout=${MILVUS_START_TIMEOUT:-120}
    cmd_install
    mkdir -p "$data/logs"
    data=$(cd "$data" && pwd -P)
    pid=$(running_pid)
    if [ -n "$pid" ]; then
        [ "$(data_of "$pid")" = "$data" ] || die "Milvus already runs (pid $pid) on $(data_of "$pid"); stop it first (scripts/milvus.sh stop)"
        log "already running (pid $pid, data $data)"
        return 0
    fi
    ensure_netns
    rm -f "$pid_file"
    mkdir -p "$data/run" "$data/tmp"
    local started=$SECONDS start_time=$EPOCHREALTIME
    # DATA/run and DATA/tmp over /run/milvus and /tmp/milvus, in the mount
    # namespace `ip netns exec` gives Milvus alone (see the header); setsid: its
    # own session and process group, which `stop` kills as a whole.
    # shellcheck disable=SC2016 # expanded by that sh
    local own_dirs='mkdir -p /run/milvus /tmp/milvus && mount --bind "$1/run" /run/milvus &&
        mount --bind "$1/tmp" /tmp/milvus && shift && exec "$@"'
    (cd / && exec </dev/null >"$data/logs/milvus-stdout.log" 2>"$data/logs/milvus-stderr.log" \
        "${root[@]}" ip netns exec "$netns" sh -c "$own_dirs" sh "$data" "${drop[@]}" \
        setsid "$venv/bin/python" -c "$launcher" "$binaries" "$data" "$pid_file" "$http_port") &
    local launched=$!
    pid=
    local old_sessions=
    while [ $((SECONDS - started)) -lt "$timeout" ]; do
        [ -n "$pid" ] || pid=$(running_pid)
        if [ -n "$pid" ]; then
            local ns
            ns=$("${root[@]}" ip netns identify "$pid" 2>/dev/null || true)
            if ! alive "$pid"; then
                show_logs "$data"
                die "Milvus (pid $pid) exited while starting"
            fi
            if [ "$ns" != "$netns" ]; then
                "${root[@]}" kill -KILL -- "-$pid" 2>/dev/null || true
                die "Milvus (pid $pid) is not in the namespace $netns (but in: ${ns:-the host namespace}); killed it"
            fi
            [ -n "$old_sessions" ] || try_end_old_sessions "$data" "$pid"
            if healthy; then
                [ -n "$old_sessions" ] || try_end_old_sessions "$data" "$pid"
                log "Milvus $version ready in $(since "$start_time") s (pid $pid, data $data);" \
                    "inside the namespace $netns: 127.0.0.1:$grpc_port (gRPC), http://127.0.0.1:$http_port/healthz"
                return 0
            fi
        elif ! alive "$launched"; then
            show_logs "$data"
            die "Milvus did not start"
        fi
        sleep 0.2
    done
    show_logs "$data"
    cmd_stop >/dev/null 2>&1 || true
    die "Milvus did not answer within $timeout s (stopped it again; logs in $data/logs)"
}

cmd_stop() {
    local pid data timeout=${MILVUS_STOP_TIMEOUT:-5} start_time=$EPOCHREALTIME waited=0
    pid=$(running_pid)
    if [ -z "$pid" ]; then
        rm -f "$pid_file"
        log "not running"
        return 0
    fi
    data=$(data_of "$pid")
    "${root[@]}" kill -INT "$pid" 2>/dev/null || true
    while [ -n "$(running_pid)" ] && [ "$waited" -lt $((timeout * 5)) ]; do
        grep -q '"All coordinators have stopped"' "$data/logs/milvus-stdout.log" 2>/dev/null && break
        sleep 0.2
        waited=$((waited + 1))
    done
    # What a graceful stop would do, and what the hung nodes never do: end every
    # session (each is an etcd lease), through the embedded etcd's JSON gateway.
    if [ -n "$(running_pid)" ]; then
        local lease
        for lease in $(in_netns curl -sf -m 2 -X POST -d '{}' "http://127.0.0.1:$etcd_port/v3/lease/leases" |
            grep -o '"ID":"[0-9]*"' | cut -d'"' -f4); do
            in_netns curl -sf -m 2 -o /dev/null -X POST -d "{\"ID\":\"$lease\"}" \
                "http://127.0.0.1:$etcd_port/v3/lease/revoke" || true
        done
    fi
    # The whole process group, also when Milvus has exited by itself.
    "${root[@]}" kill -KILL -- "-$pid" 2>/dev/null || true
    local _
    for _ in $(seq 100); do
        [ -n "$(running_pid)" ] || [ -n "$(pgrep -g "$pid" || true)" ] || break
        sleep 0.1
    done
    if [ -n "$(running_pid)" ] || [ -n "$(pgrep -g "$pid" || true)" ]; then
        die "process group $pid survived SIGKILL"
    fi
    rm -f "$pid_file"
    log "stopped in $(since "$start_time") s (data kept in $data)"
}

cmd_restart() {
    local pid data
    pid=$(running_pid)
    [ -n "$pid" ] || die "not running; start it with scripts/milvus.sh start [DATA_DIR]"
    data=$(data_of "$pid")
    cmd_stop
    cmd_start "$data"
}

cmd_status() {
    local pid
    pid=$(running_pid)
    if [ -z "$pid" ]; then
        echo "not running"
        return 3
    fi
    local state="running"
    healthy || state="running, not answering yet"
    echo "$state: pid $pid, data $(data_of "$pid"), Milvus $version in the network namespace $netns;"
    echo "clients inside it (MILVUS_NETNS=$netns scripts/milvus.sh exec ...) use 127.0.0.1:$grpc_port (gRPC), http://127.0.0.1:$http_port/healthz"
}

cmd_exec() {
    [ $# -gt 0 ] || die "usage: scripts/milvus.sh exec CMD..."
    ensure_netns
    exec "${netns_exec[@]}" "$@"
}

cmd_delete_netns() {
    ip netns list | grep -qx "$netns\( (id: [0-9]*)\)\?" || return 0
    [ -z "$(running_pid)" ] || die "Milvus still runs in $netns; stop it first"
    local pids
    pids=$("${root[@]}" ip netns pids "$netns" | paste -sd' ')
    [ -z "$pids" ] || die "processes still run in $netns (pids $pids)"
    "${root[@]}" ip netns delete "$netns"
}

cmd_forward() {
    local port=${1:-}
    if ! [[ $port =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
        die "usage: scripts/milvus.sh forward PORT"
    fi
    command -v socat >/dev/null || install_system_packages
    ensure_netns
    log "127.0.0.1:$port here reaches 127.0.0.1:$port in the namespace $netns (Ctrl-C stops)"
    # Each connection: a socat inside the namespace, joined to this one by a pipe.
    exec "${root[@]}" socat "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" \
        "EXEC:ip netns exec $netns socat STDIO TCP\:127.0.0.1\:$port"
}

command=${1:-}
[ $# -eq 0 ] || shift
case "$command" in
install) cmd_install ;;
start) cmd_start "$@" ;;
stop) cmd_stop ;;
restart) cmd_restart ;;
status) cmd_status ;;
exec) cmd_exec "$@" ;;
forward) cmd_forward "$@" ;;
delete-netns) cmd_delete_netns ;;
*)
    sed -n '2,14p' "$0" >&2
    exit 2
    ;;
esac
