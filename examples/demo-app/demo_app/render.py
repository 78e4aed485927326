"""HTML rendering: every value goes through MarkupSafe, so notes cannot inject markup."""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup, escape

from .notes import SEVERITIES, Note


def speedups_in_use() -> bool:
    """True when MarkupSafe escapes with its C extension (the binary dependency under test)."""
    import markupsafe

    return getattr(markupsafe, "_escape_inner").__module__ == "markupsafe._speedups"


def render_html(notes: list[Note], title: str = "Notes") -> str:
    counts = Counter(n.severity for n in notes)
    summary = Markup(", ").join(
        Markup("{} {}").format(counts[s], s) for s in SEVERITIES if counts[s]
    ) or Markup("no notes")
    items = Markup("").join(
        Markup('<li class="{}"><b>{}</b> {}</li>\n').format(n.severity, n.title, n.body)
        for n in notes
    )
    page = Markup(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head>\n"
        "<body><h1>{}</h1>\n<p>{}</p>\n<ul>\n{}</ul></body></html>\n"
    ).format(title, title, summary, items)
    return str(page)


__all__ = ["escape", "render_html", "speedups_in_use"]
