import json

from matrix_app import runtime

print(json.dumps(runtime(), sort_keys=True))
