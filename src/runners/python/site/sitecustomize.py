# proofpress port isolation for the process layer (no network namespace), loaded by Python at start-up
# because this folder is on PYTHONPATH. In a network namespace it is not used: the example binds its
# own port for real there.
#
# Articles hard-code ports (`make_server('', 8000, app)`). So that examples can run side by side and
# never meet whatever already listens on 8000, every TCP bind is moved to 127.0.0.1 on an ephemeral
# port. getsockname() keeps answering the port the code asked for, so servers report and log the
# port the article shows. After listen(), the real address is reported to proofpress as one JSON line on
# file descriptor 3 (the sandbox's report pipe). The example's code itself is never changed.
#
# Runs inside the example's own Python, 2.7 and 3.x alike: on 2.7, bind, listen and getsockname are
# methods of the socket class too (socket._socketobject), so patching the class reaches every socket.
import json
import os
import socket
import weakref

_REPORT_FD = 3
_asked = weakref.WeakKeyDictionary()  # socket -> (host, port) the code asked for
_original_bind = socket.socket.bind
_original_listen = socket.socket.listen
_original_getsockname = socket.socket.getsockname


def _is_ip(sock):
    return sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(sock, socket.socket)


def _bind(self, address):
    if _is_ip(self) and isinstance(address, tuple) and len(address) >= 2:
        loopback = "::1" if self.family == socket.AF_INET6 else "127.0.0.1"
        _asked[self] = (address[0], address[1])
        return _original_bind(self, (loopback, 0) + tuple(address[2:]))
    return _original_bind(self, address)


def _getsockname(self):
    real = _original_getsockname(self)
    asked = _asked.get(self)
    if asked is not None and asked[1] != 0:
        return (real[0], asked[1]) + tuple(real[2:])
    return real


def _listen(self, *args):
    result = _original_listen(self, *args)
    asked = _asked.get(self)
    if asked is not None:
        real = _original_getsockname(self)
        _report({"event": "listening", "asked_host": asked[0], "asked_port": asked[1], "port": real[1], "address": real[0]})
    return result


def _report(message):
    try:
        os.write(_REPORT_FD, (json.dumps(message) + "\n").encode())
    except OSError:
        pass  # proofpress is not listening (the code ran outside a sandbox): nothing to report.


socket.socket.bind = _bind
socket.socket.getsockname = _getsockname
socket.socket.listen = _listen
