"""demo_app: turns a list of review notes (JSON) into an HTML report or normalised JSON.

It exists to exercise a hermetic build: MarkupSafe's C extension (markupsafe._speedups) and orjson
(a compiled Rust extension) are both binary dependencies whose wheels must match the interpreter.
"""

__version__ = "1.0.0"
