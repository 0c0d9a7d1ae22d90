# proofpress's WSGI host for run=wsgi examples: imports the example module, serves its callable with
# wsgiref on a port the sandbox chooses (see site/sitecustomize.py), and answers until killed.
import importlib
import sys
from wsgiref.simple_server import make_server

module_name, app_name = sys.argv[1], sys.argv[2]
sys.path.insert(0, ".")
module = importlib.import_module(module_name)
app = getattr(module, app_name, None)
if app is None:
    sys.exit(f"proofpress: module {module_name!r} has no attribute {app_name!r} (app={app_name})")
if not callable(app):
    sys.exit(f"proofpress: {module_name}.{app_name} is not callable, so it is not a WSGI application")
httpd = make_server("", 8000, app)
print(f"proofpress: hosting {module_name}.{app_name} with wsgiref", flush=True)
httpd.serve_forever()
