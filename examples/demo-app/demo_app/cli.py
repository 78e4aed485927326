"""Command line: `demo-app [--format html|json] [--title T] [FILE]` (FILE defaults to stdin)."""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .notes import NotesError, notes_to_json, parse_notes
from .render import render_html, speedups_in_use


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="demo-app", description=__doc__)
    parser.add_argument("file", nargs="?", help="JSON array of notes (default: stdin)")
    parser.add_argument("--format", choices=("html", "json"), default="html")
    parser.add_argument("--title", default="Notes")
    parser.add_argument("--self-check", action="store_true",
                        help="print the versions and whether MarkupSafe's C extension is in use")
    parser.add_argument("--version", action="version", version=f"demo-app {__version__}")
    args = parser.parse_args(argv)

    if args.self_check:
        from importlib.metadata import version

        print(f"demo-app {__version__}; markupsafe {version('markupsafe')}"
              f" speedups={'yes' if speedups_in_use() else 'no'}; orjson {version('orjson')}")
        return 0 if speedups_in_use() else 1

    try:
        if args.file:
            with open(args.file, "rb") as handle:
                data = handle.read()
        else:
            data = sys.stdin.buffer.read()
        notes = parse_notes(data)
    except (OSError, NotesError) as err:
        print(f"demo-app: error: {err}", file=sys.stderr)
        return 2

    if args.format == "json":
        sys.stdout.buffer.write(notes_to_json(notes) + b"\n")
    else:
        sys.stdout.write(render_html(notes, args.title))
    return 0
