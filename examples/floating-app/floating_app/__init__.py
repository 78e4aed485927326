"""A greeting, escaped for HTML and serialised with orjson: enough code to build, test and ship."""

import orjson
from markupsafe import escape


def greeting(name: str) -> bytes:
    return orjson.dumps({"html": str(escape(f"hello, {name}"))})
