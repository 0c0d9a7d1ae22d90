# proofpress's supervisor: the first process of an example's sandbox, watching over the example.
#
# Usage: init.py NAMESPACED PLAN_JSON; stdin: a secret line, then requests, one JSON object a line;
# fd 3: reports. It starts *warm*: everything below is set up, then it waits, using no CPU, for
# {"run": {argv, limits, copy_from}}, so an example never waits for this interpreter to start (the
# build keeps a warm sandbox ready for the next example, see pool.ts).
#
# In namespaces this is PID 1 (bubblewrap --as-pid-1): nothing inside can kill it, and when it exits
# the kernel ends every process of the namespace, daemons included. It
# - copies the example's files into its private /example and starts it with its resource limits,
#   stdin on /dev/null and no descriptor of proofpress's but stdout and stderr;
# - reports how the example and every process it started end, exactly (it is their parent);
# - reports each TCP port that starts listening (sock_diag over netlink), with the pids holding it,
#   so a server in any language is found without touching its code;
# - forwards connections made to a Unix socket (a file, so it crosses the network namespace) to a
#   port inside, once the client has proven it is proofpress (the secret from stdin);
# - starts more commands on request (nginx in front of a FastCGI app) and kills them on request;
# - counts the namespace's tasks and memory and ends the example when it exceeds its limits (root is
#   exempt from RLIMIT_NPROC, and RLIMIT_DATA does not count shared memory).
# Without namespaces (the process layer) it is the example's parent in one process group, and it
# kills that group when the example ends.
# Runs on any Python 3.6+, with -I -S (no site, no environment variables).
import json
import os
import signal
import socket
import struct
import sys
import threading
import time

NAMESPACED = sys.argv[1] == "1"
PLAN = json.loads(sys.argv[2])
WORKDIR = PLAN["workdir"]
REPORT_FD = 3
LIMITS = {}  # set by the run request: memoryBytes, processes, cpuSeconds, fileSizeBytes, openFiles


def close_descriptors(lowest):
    # Only the open ones: closing every number up to a high limit would cost tens of thousands of calls.
    for fd in sorted(int(name) for name in os.listdir("/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd")):
        if fd >= lowest:
            try:
                os.close(fd)
            except OSError:
                pass  # the descriptor listdir itself used


def copy_files(source, target):
    for name in os.listdir(source):
        with open(os.path.join(source, name), "rb") as data:
            content = data.read()
        with open(os.path.join(target, name), "wb") as out:
            out.write(content)
        os.chmod(os.path.join(target, name), os.stat(os.path.join(source, name)).st_mode & 0o777)


def start(argv, cwd, capture=None):
    """Fork and exec `argv` with the example's limits; returns the child's pid. With `capture` (an id),
    its stdout and stderr go to a pipe of their own, relayed as `output` reports under that id (a
    console session's commands: each command's output apart, not mixed with a server's)."""
    if capture is not None:
        output_read, output_write = os.pipe()
    pid = os.fork()
    if pid != 0:
        if capture is not None:
            os.close(output_write)
            threading.Thread(target=relay_output, args=(output_read, capture), daemon=True).start()
        return pid
    try:
        import resource

        def limit(name, soft, hard=None):
            resource.setrlimit(getattr(resource, name), (soft, soft if hard is None else hard))

        limit("RLIMIT_CORE", 0)
        limit("RLIMIT_DATA", LIMITS["memoryBytes"])
        # At the soft CPU limit the kernel sends SIGXCPU, which says what happened; the hard limit one
        # second later is the SIGKILL for a process that ignores it.
        limit("RLIMIT_CPU", LIMITS["cpuSeconds"], LIMITS["cpuSeconds"] + 1)
        limit("RLIMIT_FSIZE", LIMITS["fileSizeBytes"])
        limit("RLIMIT_NOFILE", LIMITS["openFiles"])
        if NAMESPACED:
            limit("RLIMIT_NPROC", LIMITS["processes"])  # counted per user namespace (not for root)
        # Python ignores SIGPIPE and SIGXFSZ, and an ignored signal stays ignored across exec: give the
        # example the defaults any program expects (`yes | head`, and SIGXFSZ at the file size limit).
        for number in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT):
            signal.signal(number, signal.SIG_DFL)
        if REPORT_PIPE is not None:
            os.dup2(REPORT_PIPE, 3)  # the port shim's own pipe: the supervisor forwards only its port reports
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        if capture is not None:
            os.dup2(output_write, 1)
            os.dup2(output_write, 2)
        # The report pipe is the supervisor's alone in namespaces; the process layer's port shim needs it.
        close_descriptors(3 if NAMESPACED else 4)
        os.chdir(cwd)
        os.execvp(argv[0], argv)
    except OSError as error:
        os.write(2, ("proofpress: cannot run %s: %s\n" % (argv[0], error.strerror)).encode())
    os._exit(127)


REPORT_LOCK = threading.Lock()


def report(message):
    # Several threads report (output relays, the port shim's forwarder): one line at a time, whole.
    data = (json.dumps(message) + "\n").encode()
    with REPORT_LOCK:
        try:
            while data:
                data = data[os.write(REPORT_FD, data):]
        except OSError:
            pass


def relay_output(pipe, capture):
    """Relay a captured command's output as `output` reports of at most 4 KiB (so a report line stays
    small however the text is escaped), then `output-end` once every process holding the pipe closed it."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    while True:
        try:
            data = os.read(pipe, 4096)
        except OSError:
            data = b""
        text = decoder.decode(data, final=not data)
        if text:
            report({"event": "output", "id": capture, "data": text})
        if not data:
            break
    os.close(pipe)
    report({"event": "output-end", "id": capture})


def exit_status(status):
    if os.WIFSIGNALED(status):
        return {"signal": signal.Signals(os.WTERMSIG(status)).name}
    return {"code": os.WEXITSTATUS(status)}


def end_sandbox():
    if NAMESPACED:
        os._exit(1)  # PID 1 exiting ends the namespace and every process in it
    os.killpg(0, signal.SIGKILL)  # without one, the sandbox is our process group (this one included)


def read_requests():
    """The secret, then requests, one JSON object a line: {"run": {argv, limits, copy_from}} once, then
    {"spawn": {id, argv, cwd}} or {"kill": {id}}."""
    secret.append(sys.stdin.readline().strip())
    secret_known.set()
    for line in sys.stdin:
        try:
            request = json.loads(line)
        except ValueError:
            continue
        if "run" in request and not run_request:
            run_request.append(request["run"])
            run_requested.set()
        else:
            requests.append(request)
    # End of input: proofpress is gone (killed, even by SIGKILL, which bubblewrap's parent-death
    # signal misses when the build dies before bubblewrap has set it up). Nobody will read what runs here.
    end_sandbox()


# sock_diag over netlink asks the kernel for listening TCP sockets only. /proc/net/tcp instead walks
# the established-connections table, which every namespace shares and which is sized by the machine's
# memory: ~7 ms a read on a 24 GiB host, too slow to notice a server that has just started.
NETLINK_SOCK_DIAG = 4
SOCK_DIAG_BY_FAMILY = 20
NLMSG_DONE = 3
NLMSG_ERROR = 2
TCP_LISTEN = 10


def listening_sockets(diag):
    """[(port, address, inode)] of TCP sockets in LISTEN state in this network namespace."""
    found = []
    for family in (socket.AF_INET, socket.AF_INET6):
        # struct inet_diag_req_v2: family, protocol, ext, pad, states, then a zeroed inet_diag_sockid.
        request = struct.pack("=BBBBI48x", family, socket.IPPROTO_TCP, 0, 0, 1 << TCP_LISTEN)
        diag.send(struct.pack("=IHHII", 16 + len(request), SOCK_DIAG_BY_FAMILY, 0x301, 0, 0) + request)  # REQUEST|DUMP
        done = False
        while not done:
            data = diag.recv(65536)
            offset = 0
            while offset + 16 <= len(data):
                length, kind = struct.unpack_from("=IH", data, offset)
                if kind in (NLMSG_DONE, NLMSG_ERROR) or length < 16:
                    done = True
                    break
                # struct inet_diag_msg: family, state, timer, retrans, sockid (sport, dport big-endian,
                # src[16], dst[16], if, cookie[2]), expires, rqueue, wqueue, uid, inode.
                body = offset + 16
                port = struct.unpack_from(">H", data, body + 4)[0]
                address = socket.inet_ntop(family, data[body + 8: body + 8 + (4 if family == socket.AF_INET else 16)])
                inode = struct.unpack_from("=I", data, body + 68)[0]
                found.append((port, address, inode))
                offset += (length + 3) & ~3
    return found


def socket_owners():
    """{socket inode: [pids holding it]} over our PID namespace. With the host's network shared, only
    these sockets are the example's; and the owner tells nginx's socket from another process's."""
    owners = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or pid == "1":
            continue
        try:
            for fd in os.listdir("/proc/%s/fd" % pid):
                target = os.readlink("/proc/%s/fd/%s" % (pid, fd))
                if target.startswith("socket:["):
                    owners.setdefault(int(target[8:-1]), []).append(int(pid))
        except OSError:
            continue
    return owners


PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def usage():
    """Tasks (threads included) and memory of every process of the namespace but this one. Memory is
    the proportional set size: a page shared by a forking server's workers counts once in all.

    The proportional size is read from smaps_rollup only when the resident sizes add up past the limit
    (a process's PSS is never more than its RSS, so below it no limit can be exceeded). smaps_rollup walks
    the process's page tables: ~215 µs a read of a Python server, against ~13 µs for statm's counters,
    which at one poll every 2 ms was a tenth of a core per running example, taken from the examples.
    (statm may lag the true RSS by a few pages per CPU, so a breach can be seen one poll later; each
    process's RLIMIT_DATA holds it meanwhile.)"""
    tasks = 0
    resident = 0
    pids = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or pid == "1":
            continue
        try:
            with open("/proc/%s/stat" % pid) as stat:
                tasks += int(stat.read().rsplit(")", 1)[1].split()[17])  # num_threads
            with open("/proc/%s/statm" % pid) as statm:
                resident += int(statm.read().split()[1]) * PAGE_SIZE
            pids.append(pid)
        except (OSError, IndexError, ValueError):
            continue
    if resident <= LIMITS["memoryBytes"]:
        return tasks, resident
    memory = 0
    for pid in pids:
        try:
            with open("/proc/%s/smaps_rollup" % pid) as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        memory += int(line.split()[1]) * 1024
                        break
        except (OSError, IndexError, ValueError):
            continue
    return tasks, memory


def relay(source, target):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            target.sendall(data)
    except OSError:
        pass
    for end in (source, target):
        try:
            end.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def forward(client):
    """Protocol: we greet, the client answers "SECRET PORT\\n", we connect to PORT here and say "ok\\n", then relay."""
    try:
        client.settimeout(HANDSHAKE_SECONDS)  # a client that never answers does not keep a thread forever
        client.sendall(b"proofpress-bridge\n")
        line = b""
        while not line.endswith(b"\n") and len(line) < 256:
            chunk = client.recv(1)
            if not chunk:
                break
            line += chunk
        words = line.decode("ascii", "replace").split()
        secret_known.wait()
        if len(words) != 2 or words[0] != secret[0]:
            client.close()
            return
        upstream = None
        for host in ("127.0.0.1", "::1"):
            try:
                upstream = socket.create_connection((host, int(words[1])))
                break
            except (OSError, ValueError):
                continue
        if upstream is None:
            client.close()
            return
        client.sendall(b"ok\n")
        client.settimeout(None)
    except OSError:
        client.close()
        return
    threading.Thread(target=relay, args=(upstream, client), daemon=True).start()
    relay(client, upstream)


# The bridge socket's folder is reachable from inside: the example can connect too. Its connections
# are capped, so it cannot grow the supervisor (which no limit counts) a thread at a time.
HANDSHAKE_SECONDS = 10
BRIDGE_CONNECTIONS = threading.BoundedSemaphore(16)


def serve_bridge(listener):
    report({"event": "bridge-ready"})
    while True:
        BRIDGE_CONNECTIONS.acquire()
        client, _ = listener.accept()
        threading.Thread(target=serve_connection, args=(client,), daemon=True).start()


def serve_connection(client):
    try:
        forward(client)
    finally:
        BRIDGE_CONNECTIONS.release()


def make_undumpable():
    # Other processes of the same uid could otherwise read our memory or descriptors through /proc/1.
    try:
        import ctypes

        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
    except (OSError, AttributeError):
        pass


requests = []
secret = []
secret_known = threading.Event()
run_request = []
run_requested = threading.Event()
if NAMESPACED:
    make_undumpable()
threading.Thread(target=read_requests, daemon=True).start()
if PLAN.get("bridge_fd"):
    # Made and bound on the host (bridge_exec.py): the socket's folder is not in the sandbox at all.
    bridge = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM, 0, PLAN["bridge_fd"])
    threading.Thread(target=serve_bridge, args=(bridge,), daemon=True).start()

# PID 1 receives from inside only the signals it handles, and Python handles SIGINT: make it a no-op.
signal.signal(signal.SIGINT, lambda number, frame: None)


def forward_port_reports(pipe):
    """The process layer's port shim writes to its own pipe; only its `listening` reports go on, so an
    example cannot write `exited` or `limit` reports of its own."""
    buffered = b""
    while True:
        data = os.read(pipe, 65536)
        if not data:
            return
        buffered = (buffered + data)[-65536:]
        *lines, buffered = buffered.split(b"\n")
        for line in lines:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if isinstance(message, dict) and message.get("event") == "listening":
                report({key: message.get(key) for key in ("event", "port", "asked_port", "asked_host", "address")})


REPORT_PIPE = None
if not NAMESPACED:
    REPORT_PIPE, shim_reports = (lambda pipe: (pipe[1], pipe[0]))(os.pipe())
    threading.Thread(target=forward_port_reports, args=(shim_reports,), daemon=True).start()

diag = None
if NAMESPACED:
    try:
        diag = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_SOCK_DIAG)
    except OSError:
        diag = None
shared_network = PLAN.get("shared_network", False)


def enforce_limits():
    """End the sandbox when its processes together hold more tasks or memory than the limits allow."""
    global peak_tasks
    if not NAMESPACED:
        return
    tasks, resident = usage()
    peak_tasks = max(peak_tasks, tasks)
    breach = "processes" if tasks > LIMITS["processes"] else "memory" if resident > LIMITS["memoryBytes"] else None
    if breach:
        report({"event": "limit", "what": breach, "tasks": tasks, "resident": resident})
        report({"event": "exited", "id": "main", "signal": "SIGKILL"})
        end_sandbox()


reported = set()
peak_tasks = 0
# Warm and idle until proofpress hands over an example (or goes away, see read_requests).
run_requested.wait()
RUN = run_request[0]
LIMITS.update(zip(("memoryBytes", "processes", "cpuSeconds", "fileSizeBytes", "openFiles"), RUN["limits"]))
if RUN.get("copy_from"):
    copy_files(RUN["copy_from"], WORKDIR)
MAIN = start(RUN["argv"], WORKDIR)
report({"event": "started", "id": "main", "pid": MAIN})
children = {MAIN: "main"}
started = time.time()
while True:
    enforce_limits()
    while requests:
        request = requests.pop(0)
        if "spawn" in request:
            spawn = request["spawn"]
            pid = start(spawn["argv"], spawn.get("cwd") or WORKDIR, spawn["id"] if spawn.get("capture") else None)
            children[pid] = request["spawn"]["id"]
            report({"event": "spawned", "id": request["spawn"]["id"], "pid": pid})
        for pid, name in list(children.items()):
            if name == request.get("kill", {}).get("id"):
                os.kill(pid, signal.SIGKILL)
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)  # as PID 1, orphans are ours to reap too
        except ChildProcessError:
            break
        if pid == 0:
            break
        name = children.pop(pid, None)
        if name is None:
            continue
        if name == "main":
            # Counted once more before the example's exit is told: what it forked and left running in the
            # moments since the last count (a scan of /proc takes a few ms) must not pass unseen.
            enforce_limits()
        outcome = exit_status(status)
        report(dict(event="exited", id=name, **outcome))
        if name == "main":
            report({"event": "usage", "peak_tasks": peak_tasks})
            end_sandbox()
    if diag is not None:
        fresh = [found for found in listening_sockets(diag) if found[2] not in reported]
        owners = socket_owners() if fresh else {}
        for port, address, inode in fresh:
            if shared_network and inode not in owners:
                continue  # a socket of the host's, not ours
            reported.add(inode)
            report({"event": "listening", "port": port, "asked_port": port, "address": address, "pids": owners.get(inode, [])})
    # Poll fast while a server is likely starting, then settle: most examples listen within 100 ms.
    time.sleep(0.002 if time.time() - started < 0.5 else 0.01)
