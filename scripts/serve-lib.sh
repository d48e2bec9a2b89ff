# Shell functions that run `facesearch serve` for scripts (sourced by
# scripts/schemathesis.sh and bench/load/run.sh).

# serve_start BIN DATA LOG [serve flags...]: creates an admin key in DATA, then
# starts the server on a port the kernel picks and waits until it listens.
# Sets SERVE_KEY, SERVE_PID and SERVE_PORT (read from Hummingbird's
# "listening on" line in LOG).
serve_start() {
    local bin=$1 data=$2 log=$3
    shift 3
    SERVE_KEY=$("$bin" keys create --name "$(basename "$0")" --scope admin --data "$data" 2>/dev/null)
    "$bin" serve --port 0 --data "$data" "$@" >"$log" 2>&1 &
    SERVE_PID=$!
    SERVE_PORT=
    local tries
    for tries in $(seq 600); do
        SERVE_PORT=$(grep -o 'listening on 127\.0\.0\.1:[0-9]*' "$log" | head -n 1 | cut -d: -f2 || true)
        if [ -n "$SERVE_PORT" ]; then return 0; fi
        if ! kill -0 "$SERVE_PID" 2>/dev/null; then
            cat "$log" >&2
            echo "facesearch serve exited before listening" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "facesearch serve did not listen within $((tries / 10)) s" >&2
    return 1
}

# serve_stop: SIGTERM, then the server's exit status.
serve_stop() {
    [ -n "${SERVE_PID:-}" ] || return 0
    kill -TERM "$SERVE_PID" 2>/dev/null || true
    local status=0
    wait "$SERVE_PID" || status=$?
    SERVE_PID=
    return "$status"
}
