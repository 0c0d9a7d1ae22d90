# proofpress's supervisor inside an example's sandbox: reports listening ports, bridges connections, enforces the process limit.
#
# The sandbox's shell (see sandbox.ts) sets the resource limits, starts this supervisor in the
# background and then execs the example itself, so the example never waits for this interpreter to
# start. proofpress's Node side cannot enter a network namespace, so this process does, on its
# behalf, what needs to happen *inside*:
# - report every TCP port that starts listening, read from /proc/net/tcp{,6} of the namespace, so a
#   server in any language is detected without touching its code;
# - forward connections made to a Unix socket (a file, so it crosses the network namespace) to a port
#   inside: the client writes "PORT\n" first, then speaks whatever protocol the port speaks;
# - start more commands on request (one JSON object a line on stdin; nginx in front of a FastCGI
#   app), and report how each ends;
# - count the namespace's processes and kill them all when there are more than the limit (root is
#   exempt from RLIMIT_NPROC, so the kernel limit alone does not hold when builds run as root).
# It lives as long as the sandbox: when the example's main process ends, the PID namespace ends with
# it, this supervisor and every process left in it (daemons included).
# Runs on any Python 3.6+, with -I -S: no site, no environment variables.
import json
import os
import signal
import socket
import struct
import sys
import threading
import time

PLAN = json.loads(sys.argv[1])
REPORT_FD = 3


def report(message):
    try:
        os.write(REPORT_FD, (json.dumps(message) + "\n").encode())
    except OSError:
        pass


def start(command):
    """Fork and exec `command` (limits are inherited from the sandbox's shell); returns the child's pid."""
    pid = os.fork()
    if pid != 0:
        return pid
    try:
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.chdir(command.get("cwd") or ".")
        os.execvp(command["argv"][0], command["argv"])
    except OSError as error:
        os.write(2, ("proofpress: cannot run %s: %s\n" % (command["argv"][0], error.strerror)).encode())
    os._exit(127)


def exit_status(status):
    if os.WIFSIGNALED(status):
        return {"signal": signal.Signals(os.WTERMSIG(status)).name}
    return {"code": os.WEXITSTATUS(status)}


def read_commands():
    """Requests from proofpress, one JSON object a line on stdin: {"spawn": {id, argv, cwd}} or {"kill": {id}}."""
    for line in sys.stdin:
        try:
            request = json.loads(line)
        except ValueError:
            continue
        requests.append(request)
    # End of input: proofpress is gone (killed, even by SIGKILL, which bubblewrap's parent-death signal
    # misses when the build dies before bubblewrap has set it up). Nobody will read what runs here: end it.
    if PLAN.get("namespaced"):
        os.kill(-1, signal.SIGKILL)  # in our PID namespace: every process but PID 1 and this one
    else:
        os.killpg(0, signal.SIGKILL)  # without one, the sandbox is our process group (this one included)
    os._exit(1)


# sock_diag over netlink asks the kernel for listening TCP sockets only. Reading /proc/net/tcp instead
# walks the whole established-connections table, which is shared by every namespace and sized by the
# machine's memory: ~7 ms a read on a 24 GiB host, a poll that could not keep up with a starting server.
NETLINK_SOCK_DIAG = 4
SOCK_DIAG_BY_FAMILY = 20
NLMSG_DONE = 3
NLMSG_ERROR = 2
TCP_LISTEN = 10


def listening_ports_netlink(diag):
    """{port: address} of sockets in LISTEN state in this network namespace."""
    found = {}
    for family in (socket.AF_INET, socket.AF_INET6):
        # struct inet_diag_req_v2: family, protocol, ext, pad, states, then a zeroed inet_diag_sockid.
        request = struct.pack("=BBBBI48x", family, socket.IPPROTO_TCP, 0, 0, 1 << TCP_LISTEN)
        header = struct.pack("=IHHII", 16 + len(request), SOCK_DIAG_BY_FAMILY, 0x301, 0, 0)  # NLM_F_REQUEST | NLM_F_DUMP
        diag.send(header + request)
        done = False
        while not done:
            data = diag.recv(65536)
            offset = 0
            while offset + 16 <= len(data):
                length, kind = struct.unpack_from("=IH", data, offset)
                if kind in (NLMSG_DONE, NLMSG_ERROR) or length < 16:
                    done = True
                    break
                # struct inet_diag_msg: family, state, timer, retrans, then sockid: sport, dport (big-endian), src
                sport = struct.unpack_from(">H", data, offset + 16 + 4)[0]
                source = data[offset + 16 + 8: offset + 16 + 8 + (4 if family == socket.AF_INET else 16)]
                found.setdefault(sport, socket.inet_ntop(family, source))
                offset += (length + 3) & ~3
    return found


def listening_ports_proc():
    """The same from /proc/net/tcp{,6}, where netlink is not allowed."""
    found = {}
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(name) as table:
                next(table)
                for row in table:
                    fields = row.split()
                    if fields[3] == "0A":
                        address, port = fields[1].split(":")
                        found.setdefault(int(port, 16), "::" if len(address) == 32 and address.strip("0") == "" else address)
        except (OSError, StopIteration):
            continue
    return found


def port_watcher():
    try:
        diag = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_SOCK_DIAG)
        listening_ports_netlink(diag)
        return lambda: listening_ports_netlink(diag)
    except OSError:
        return listening_ports_proc


def count_processes():
    # /proc of our own PID namespace: PID 1 (bubblewrap's reaper) and this supervisor are not the example's.
    return sum(1 for entry in os.listdir("/proc") if entry.isdigit()) - 2


def relay(source, target):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            target.sendall(data)
    except OSError:
        pass
    for sock in (source, target):
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def forward(client):
    """Read "PORT\\n", connect to that port on this namespace's loopback (IPv4, then IPv6), relay both ways."""
    header = b""
    while not header.endswith(b"\n") and len(header) < 16:
        chunk = client.recv(1)
        if not chunk:
            client.close()
            return
        header += chunk
    port = int(header.strip() or 0)
    upstream = None
    for host in ("127.0.0.1", "::1"):
        try:
            upstream = socket.create_connection((host, port))
            break
        except OSError:
            continue
    if upstream is None:
        client.close()
        return
    threading.Thread(target=relay, args=(upstream, client), daemon=True).start()
    relay(client, upstream)


def open_bridge(path):
    # Bound before any port is reported, so proofpress never connects to a socket that is not there yet.
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    return listener


def serve_bridge(listener):
    report({"event": "bridge-ready"})
    while True:
        client, _ = listener.accept()
        threading.Thread(target=forward, args=(client,), daemon=True).start()


children = {}
requests = []
threading.Thread(target=read_commands, daemon=True).start()
if PLAN.get("bridge"):
    threading.Thread(target=serve_bridge, args=(open_bridge(PLAN["bridge"]),), daemon=True).start()

# Without a network namespace the port shim reports ports (a host-wide table would show others' ports).
listening_ports = port_watcher() if PLAN.get("namespaced") else None
max_processes = PLAN.get("max_processes")
reported = set()
started = time.time()
while True:
    while requests:
        request = requests.pop(0)
        if "spawn" in request:
            children[start(request["spawn"])] = request["spawn"]["id"]
        for pid, name in children.items():
            if name == request.get("kill", {}).get("id"):
                os.kill(pid, signal.SIGKILL)
    for pid, name in list(children.items()):
        done, status = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            continue
        del children[pid]
        outcome = exit_status(status)
        report(dict(event="exited", id=name, **outcome))
    if listening_ports:
        for port, address in listening_ports().items():
            if port not in reported:
                reported.add(port)
                report({"event": "listening", "port": port, "asked_port": port, "address": address})
    if max_processes and count_processes() > max_processes:
        report({"event": "limit", "what": "processes", "limit": max_processes})
        os.kill(-1, signal.SIGKILL)  # every process of the namespace but PID 1 and this one
        max_processes = None
    # Poll fast while a server is likely starting, then settle: most examples listen within 100 ms.
    time.sleep(0.002 if time.time() - started < 0.5 else 0.01)
