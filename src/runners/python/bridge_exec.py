# proofpress's bridge socket, made on the host: binds SOCKET_PATH, puts the listening socket on fd 4 and execs COMMAND (bubblewrap).
#
# Usage: bridge_exec.py SOCKET_PATH -- COMMAND [ARG ...]. The sandbox's supervisor accepts proofpress's
# connections on the fd 4 it inherits, so the socket's folder is never mounted into the sandbox: an
# example can neither write files there nor swap the socket. Runs on the host, with -I -S, on Python 3 (the
# supervisor's interpreter: the build's helper Python 3 when the example runs on Python 2.7).
import os
import socket
import sys

path = sys.argv[1]
command = sys.argv[sys.argv.index("--") + 1:]
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
listener.bind(path)
listener.listen(16)
descriptor = listener.detach()
if descriptor != 4:  # with 0-3 taken by proofpress's pipes, the socket may already be fd 4
    os.dup2(descriptor, 4)
    os.close(descriptor)
os.set_inheritable(4, True)  # so it survives the exec
os.execvp(command[0], command)
