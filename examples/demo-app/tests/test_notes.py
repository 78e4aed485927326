import pytest

from demo_app.notes import Note, NotesError, notes_to_json, parse_notes


def test_parses_notes_with_default_severity():
    notes = parse_notes(b'[{"title": "a", "body": "x"}, {"title": "b", "severity": "error"}]')
    assert notes == [Note("a", "x", "info"), Note("b", "", "error")]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"{", "not JSON"),
        (b'{"title": "a"}', "JSON array"),
        (b'[{"title": ""}]', "non-empty string 'title'"),
        (b'[{"title": "a", "severity": "fatal"}]', "'severity' must be one of"),
        (b'[{"title": "a", "colour": "red"}]', "unknown keys: colour"),
    ],
)
def test_rejects_bad_input_naming_the_problem(data, message):
    with pytest.raises(NotesError, match=message):
        parse_notes(data)


def test_json_output_is_sorted_errors_first_and_stable():
    notes = [Note("z", "", "info"), Note("b", "", "error"), Note("a", "", "warning")]
    out = notes_to_json(notes)
    assert [n.title for n in parse_notes(out)] == ["b", "a", "z"]
    assert notes_to_json(list(reversed(notes))) == out
