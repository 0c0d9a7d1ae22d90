# proofpress's FastCGI launcher for run=fastcgi: puts a listening socket on fd 0 and execs the example, as a web server launches a .fcgi file.
#
# flup's WSGIServer().run() (and every FastCGI library) serves FastCGI when fd 0 is a *listening*
# socket: that is how nginx's spawn-fcgi, lighttpd's bin-path and Apache's mod_fcgid start `.fcgi`
# files. A pipe on fd 0 makes flup fall back to CGI, a connected socket makes it hang. The example
# itself is exec'd unchanged: through its shebang when it has one, so `#!/usr/bin/env python` finds
# the interpreter first on the sandbox PATH.
import json
import os
import socket
import stat
import sys

script = sys.argv[1]

# sitecustomize.py also sees this bind (and reports a plain "listening" event); port 0 on loopback
# is what it would choose anyway, so the address is unchanged.
listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("127.0.0.1", 0))
listener.listen(socket.SOMAXCONN)
port = listener.getsockname()[1]
os.dup2(listener.fileno(), 0)  # dup2 makes fd 0 inheritable, so it survives the exec below
listener.close()


def flup_version():
    # Read flup's metadata file directly: importing importlib.metadata (email, zipfile, csv ...) takes
    # ~55 ms, half of a whole run, while listing sys.path takes well under a millisecond.
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            lower = name.lower()
            if lower.startswith("flup-") and lower.endswith((".dist-info", ".egg-info")):
                version = read_version(os.path.join(folder, name))
                if version:
                    return version
    return None  # flup missing, or installed without metadata: the record names no flup version


def read_version(info):
    for metadata in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(info, metadata), encoding="utf-8") as lines:
                for line in lines:
                    if line.startswith("Version:"):
                        return line.split(":", 1)[1].strip()
                    if not line.strip():
                        break  # the headers end at the first blank line
        except OSError:
            continue
    return None


def report(message):
    try:
        os.write(3, (json.dumps(message) + "\n").encode())  # the sandbox's report pipe
    except OSError:
        pass  # run by hand, outside a sandbox


with open(script, "rb") as source:
    has_shebang = source.read(2) == b"#!"
# A web server needs the file executable to run it; the post's text is left byte for byte as shown.
os.chmod(script, os.stat(script).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
path = os.path.join(".", script)
argv = [path] if has_shebang else [sys.executable, path]
print("proofpress: launching %s with a FastCGI listening socket on fd 0" % " ".join(argv), flush=True)
# Report only after listen(): connections wait in the backlog until the app calls accept().
report({"event": "fastcgi-listening", "port": port, "flup": flup_version()})
os.execv(argv[0], argv)
