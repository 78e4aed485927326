"""Parsing and validation of the input notes, kept apart from rendering."""

from __future__ import annotations

from dataclasses import dataclass

import orjson

SEVERITIES = ("info", "warning", "error")


class NotesError(ValueError):
    """The input is not a list of notes; the message names the offending item."""


@dataclass(frozen=True)
class Note:
    title: str
    body: str
    severity: str = "info"


def parse_notes(data: bytes | str) -> list[Note]:
    """Parses a JSON array of {"title", "body", "severity"?} objects."""
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as err:
        raise NotesError(f"input is not JSON: {err}") from None
    if not isinstance(doc, list):
        raise NotesError("input must be a JSON array of notes")
    notes = []
    for index, item in enumerate(doc):
        if not isinstance(item, dict):
            raise NotesError(f"note {index} is not an object")
        unknown = set(item) - {"title", "body", "severity"}
        if unknown:
            raise NotesError(f"note {index} has unknown keys: {', '.join(sorted(unknown))}")
        title, body = item.get("title"), item.get("body", "")
        severity = item.get("severity", "info")
        if not isinstance(title, str) or not title:
            raise NotesError(f"note {index} needs a non-empty string 'title'")
        if not isinstance(body, str):
            raise NotesError(f"note {index}: 'body' must be a string")
        if severity not in SEVERITIES:
            raise NotesError(f"note {index}: 'severity' must be one of {', '.join(SEVERITIES)}")
        notes.append(Note(title, body, severity))
    return notes


def notes_to_json(notes: list[Note]) -> bytes:
    """Normalised JSON: sorted by severity (errors first), then title; stable bytes."""
    order = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}
    ordered = sorted(notes, key=lambda n: (order[n.severity], n.title))
    return orjson.dumps(
        [{"title": n.title, "body": n.body, "severity": n.severity} for n in ordered],
        option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS,
    )
