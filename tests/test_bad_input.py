"""Bad input: a clear one-line message, exit code 2, no traceback, no output file."""
from __future__ import annotations

import subprocess
import sys

import pytest
from lxml import etree

from tei_toolkit import convert_text
from tei_toolkit.teitext import text_of, words_of


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tei_toolkit", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("name, content, message", [
    ("missing.txt", None, "no such file"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"\n\n   \n", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("latin1.txt", "Letter from Trotsky\n\nDzerzhinsky’s commission: café".encode("cp1252"), "not UTF-8"),
    ("control.txt", b"Title\n\nText with a \x07 bell", "control character"),
])
def test_bad_edition_files(tmp_path, name, content, message):
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    out = tmp_path / "out.xml"
    result = run("convert", str(source), "-o", str(out))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()
    assert list(tmp_path.glob(".out.xml*")) == []  # no temporary file left behind


def test_directory_is_not_an_edition(tmp_path):
    result = run("convert", str(tmp_path), "-o", str(tmp_path / "out.xml"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr


def test_missing_output_folder(tmp_path, edition):
    result = run("convert", str(edition), "-o", str(tmp_path / "no" / "such" / "out.xml"))
    assert result.returncode == 2 and "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_unstructured_edition_still_valid_tei_with_warning(tmp_path, tei_all):
    text = "Some words without any structure.\n\nMore words, still no dateline; nothing numbered.\n"
    result = convert_text(text)
    assert any("no title, dateline" in w for w in result.warnings)
    tree = etree.fromstring(result.tei)
    assert words_of(text_of(tree)) == words_of(text)
    assert etree.RelaxNG(etree.parse("schemas/tei-toolkit.rng")).validate(tree)


def test_cli_writes_warnings_to_stderr_and_tei_to_stdout(edition):
    result = run("convert", str(edition))
    assert result.returncode == 0
    assert result.stdout.startswith("<?xml")
    assert "warning: line" in result.stderr and "note 15 recovered" in result.stderr


def test_unpaired_markers_and_notes_are_warned_not_dropped():
    text = ("A Letter from A. Author to B. Body\n\n1 May 1920\n\nTo comrades:\n\n"
            "1. The first point.[1] And another.[3]\n\n2. The second point.\n\nA. Author\n\n"
            "[1]\n\nThe first note.\n\n[2]\n\nA note without a marker.\n")
    result = convert_text(text)
    assert any("marker [3] has no endnote" in w for w in result.warnings)
    assert any("endnote [2] has no marker" in w for w in result.warnings)
    tree = etree.fromstring(result.tei)
    assert words_of(text_of(tree)) == words_of(text)
    assert "[3]" in text_of(tree) and "A note without a marker." in text_of(tree)


def test_module_entry_point_version():
    result = run("--version")
    assert result.returncode == 0 and "tei-toolkit" in result.stdout
