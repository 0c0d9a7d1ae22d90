# proofpress's WSGI host for run=wsgi examples: imports the example module, serves its callable with
# wsgiref on a port the sandbox chooses (see site/sitecustomize.py), and answers until killed.
# Runs on the example's own Python, 2.7 and 3.x alike: no f-strings, no print(flush=).
import importlib
import sys
from wsgiref.simple_server import make_server

module_name, app_name = sys.argv[1], sys.argv[2]
sys.path.insert(0, ".")
module = importlib.import_module(module_name)
app = getattr(module, app_name, None)
if app is None:
    sys.exit("proofpress: module %r has no attribute %r (app=%s)" % (module_name, app_name, app_name))
if not callable(app):
    sys.exit("proofpress: %s.%s is not callable, so it is not a WSGI application" % (module_name, app_name))
httpd = make_server("", 8000, app)
sys.stdout.write("proofpress: hosting %s.%s with wsgiref\n" % (module_name, app_name))
sys.stdout.flush()
httpd.serve_forever()
