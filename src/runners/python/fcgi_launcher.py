# proofpress's FastCGI launcher for run=fastcgi: puts a listening socket on fd 0 and execs the example, as a web server launches a .fcgi file.
#
# Usage: fcgi_launcher.py PORT SCRIPT. flup's WSGIServer().run() (and every FastCGI library) serves
# FastCGI when fd 0 is a *listening* socket: that is how nginx's spawn-fcgi, lighttpd's bin-path and
# Apache's mod_fcgid start `.fcgi` files. A pipe on fd 0 makes flup fall back to CGI, a connected
# socket makes it hang. The example itself is exec'd unchanged: through its shebang when it has one,
# so `#!/usr/bin/env python` finds the interpreter first on the sandbox PATH. proofpress learns that
# the socket listens from the sandbox (its port report, or the port shim's when PORT is 0). Runs on the
# example's own Python, 2.7 and 3.x alike (no f-strings, no print(flush=)); on 2.7 every descriptor is
# inheritable already.
import os
import socket
import stat
import sys

port, script = int(sys.argv[1]), sys.argv[2]

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", port))
listener.listen(socket.SOMAXCONN)
os.dup2(listener.fileno(), 0)  # dup2 makes fd 0 inheritable, so it survives the exec below
listener.close()

with open(script, "rb") as source:
    has_shebang = source.read(2) == b"#!"
# A web server needs the file executable to run it; the post's text is left byte for byte as shown.
os.chmod(script, os.stat(script).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
path = os.path.join(".", script)
argv = [path] if has_shebang else [sys.executable, path]
sys.stdout.write("proofpress: launching %s with a FastCGI listening socket on fd 0\n" % " ".join(argv))
sys.stdout.flush()
os.execv(argv[0], argv)
