import subprocess
import sys

from demo_app.notes import Note
from demo_app.render import render_html, speedups_in_use


def test_markupsafe_uses_its_c_extension():
    # The package ships markupsafe's compiled _speedups module; the pure-Python fallback would hide
    # a broken binary, so the demo insists on the extension.
    assert speedups_in_use()


def test_html_escapes_every_value():
    html = render_html([Note("<script>alert(1)</script>", "a & b", "warning")], title='"T"')
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a &amp; b" in html
    assert "<title>&#34;T&#34;</title>" in html
    assert "<p>1 warning</p>" in html


def test_cli_renders_json_from_stdin():
    proc = subprocess.run(
        [sys.executable, "-m", "demo_app", "--format", "json"],
        input=b'[{"title": "t", "body": "<b>", "severity": "error"}]',
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert b'"body": "<b>"' in proc.stdout


def test_cli_reports_bad_input_with_exit_2():
    proc = subprocess.run([sys.executable, "-m", "demo_app"], input=b"[1]", capture_output=True, check=False)
    assert proc.returncode == 2
    assert b"note 0 is not an object" in proc.stderr


def test_cli_self_check_passes():
    proc = subprocess.run([sys.executable, "-m", "demo_app", "--self-check"], capture_output=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert b"speedups=yes" in proc.stdout
