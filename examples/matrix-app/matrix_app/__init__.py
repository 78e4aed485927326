"""The matrix example: one small app tested and shipped with every CPython of examples/matrix/.

Its dependencies are pure-python wheels (packaging, typing_extensions), which the local mirror has for
every version; the demo app's compiled ones (markupsafe, orjson) are there for cp311 only.
"""

import sys
import sysconfig

from packaging.specifiers import SpecifierSet
from packaging.version import Version
from typing_extensions import TypedDict


class Runtime(TypedDict):
    python: str
    free_threaded: bool
    supported: bool


SUPPORTED = SpecifierSet(">=3.9,<3.15")


def runtime() -> Runtime:
    """What this interpreter is, and whether the app supports it."""
    version = Version(".".join(str(p) for p in sys.version_info[:3]))
    return {
        "python": str(version),
        "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "supported": version in SUPPORTED,
    }
