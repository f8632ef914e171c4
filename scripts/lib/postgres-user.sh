# Shared by the scripts that start PostgreSQL servers (pg-test-server, cluster): the account that
# runs them and a free loopback port. Sourced, not run.

# The account that owns and runs the cluster.
server_user() {
    if [[ $(id -u) -ne 0 ]]; then
        id -un
    elif id postgres >/dev/null 2>&1; then
        echo postgres
    else
        id wangju-test >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin wangju-test
        echo wangju-test
    fi
}

# Runs a command as the server user.
as_server_user() {
    local user=$1
    shift
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u "$user" -- "$@"
    else
        "$@"
    fi
}

# A port nobody listens on: asks the kernel when python3 is there, else probes random ports.
free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    local port
    while true; do
        port=$((20000 + RANDOM % 30000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || {
            echo "$port"
            return
        }
    done
}
