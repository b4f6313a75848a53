"""Batch conversion of a directory: failures isolated, unchanged editions skipped, -j invariant."""
from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tei_toolkit.batch import CONVERT, MANIFEST_NAME, Outcome, Step, convert_directory, run_batch
from tei_toolkit.cli import main
from tei_toolkit.errors import ToolkitError
from tei_toolkit.progress import ProgressBar, summary_text, wants_progress

ROOT = Path(__file__).resolve().parents[1]
SHORT_EDITION = ROOT / "tests" / "fixtures" / "batch-edition.txt"  # the letter's family, two paragraphs
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate_corpus import generate  # noqa: E402


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the corpus data folder, so that tests may change it."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "corpus", data)
    monkeypatch.setenv("TEI_TOOLKIT_CORPUS", str(data))
    return data


@pytest.fixture
def editions(tmp_path: Path, edition: Path, data_dir: Path) -> Path:
    """Three short editions of the family (one in a sub-folder), the first with the letter's metadata file."""
    folder = tmp_path / "editions"
    (folder / "more").mkdir(parents=True)
    shutil.copyfile(SHORT_EDITION, folder / "a.txt")
    shutil.copyfile(edition.with_name(edition.stem + ".meta.toml"), folder / "a.meta.toml")
    text = SHORT_EDITION.read_text(encoding="utf-8")
    (folder / "c.txt").write_text(text.replace("Top secret", "Secret"), encoding="utf-8")
    (folder / "more" / "e.txt").write_text(text.replace("8 October 1923", "9 October 1923"), encoding="utf-8")
    return folder


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    return exit_info.value.code


def test_broken_editions_in_the_middle_fail_alone(editions: Path, tmp_path: Path, capsys) -> None:
    (editions / "b1-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (editions / "b2-latin1.txt").write_bytes("Lettre de Trotsky, écrite à Moscou".encode("latin-1"))
    (editions / "b3-empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    code = run_cli(["convert", str(editions), "-o", str(out), "-j", "2"])
    captured = capsys.readouterr()
    assert code == 1
    assert sorted(outputs(out)) == [MANIFEST_NAME, "a.xml", "c.xml", "more/e.xml"]
    assert re.search(r"converted\s+3\b", captured.out) and re.search(r"failed\s+3\b", captured.out)
    assert "b1-binary.txt: this looks like a binary file" in captured.out
    assert "b2-latin1.txt: not UTF-8 text (invalid byte 0xe9" in captured.out
    assert "b3-empty.txt: the edition is empty" in captured.out
    assert "Traceback" not in captured.out + captured.err
    assert captured.err == ""  # no progress bar when not on a terminal
    manifest = json.loads((out / MANIFEST_NAME).read_text())["steps"]["convert"]
    assert sorted(manifest["failures"]) == ["b1-binary.txt", "b2-latin1.txt", "b3-empty.txt"]
    assert sorted(manifest["files"]) == ["a.txt", "c.txt", "more/e.txt"]


def test_all_good_exits_zero_and_unusable_input_exits_two(editions: Path, tmp_path: Path, capsys) -> None:
    assert run_cli(["convert", str(editions), "-o", str(tmp_path / "out")]) == 0
    assert run_cli(["convert", str(editions)]) == 2                      # no -o for a directory
    assert run_cli(["convert", str(tmp_path / "absent"), "-o", str(tmp_path / "x")]) == 2
    (tmp_path / "empty").mkdir()
    assert run_cli(["convert", str(tmp_path / "empty"), "-o", str(tmp_path / "x")]) == 2
    assert run_cli(["convert", str(editions), "-o", str(editions / "a.txt")]) == 2
    assert run_cli(["convert", str(editions), "-o", str(tmp_path / "x"), "-j", "0"]) == 2
    assert "no input files (*.txt)" in capsys.readouterr().err


def test_rerun_skips_unchanged_and_redoes_what_changed(editions: Path, tmp_path: Path, data_dir: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    first = convert_directory(editions, out, jobs=1)
    assert (first.converted, first.skipped, first.failed) == (3, 0, 0)
    before = outputs(out)

    again = convert_directory(editions, out, jobs=2)
    assert (again.converted, again.skipped) == (0, 3)
    assert outputs(out) == before

    (editions / "c.txt").write_text((editions / "c.txt").read_text() + "\nA new closing paragraph.\n")
    assert (convert_directory(editions, out, jobs=1).converted) == 1
    meta = editions / "a.meta.toml"
    meta.write_text(meta.read_text().replace('url = ""', 'url = "https://example.org/letter"'))
    changed = convert_directory(editions, out, jobs=1)
    assert (changed.converted, changed.skipped) == (1, 2)
    assert b"https://example.org/letter" in (out / "a.xml").read_bytes()

    (out / "more" / "e.xml").write_bytes(b"edited by hand")          # an output changed behind our back
    assert convert_directory(editions, out, jobs=1).converted == 1
    assert (out / "more" / "e.xml").read_bytes() == before["more/e.xml"]

    (data_dir / "trotsky-1923-10-08.txt").write_text("an edition, not data")  # editions in the data folder
    assert convert_directory(editions, out, jobs=1).converted == 0

    layout = data_dir / "layout.toml"
    layout.write_text(layout.read_text() + "\n# a comment is still a change of data\n")
    assert convert_directory(editions, out, jobs=1).converted == 3
    (data_dir / "authority").mkdir()
    (data_dir / "authority" / "persons.toml").write_text("[persons]\n")
    assert convert_directory(editions, out, jobs=1).converted == 3
    assert convert_directory(editions, out, jobs=1).converted == 0
    authority = tmp_path / "elsewhere" / "authority.xml"                # authority data outside the corpus
    authority.parent.mkdir()
    shutil.copyfile(data_dir / "authority.xml", authority)
    monkeypatch.setenv("TEI_TOOLKIT_AUTHORITY", str(authority))
    assert convert_directory(editions, out, jobs=1).converted == 0      # same content, same outputs
    authority.write_text(authority.read_text().replace("</TEI>", "<!-- revised --></TEI>"))
    assert convert_directory(editions, out, jobs=1).converted == 3
    forced = convert_directory(editions, out, jobs=1, force=True)
    assert (forced.converted, forced.skipped) == (3, 0)


def test_parallel_output_is_byte_identical_to_serial(editions: Path, tmp_path: Path) -> None:
    serial, parallel = tmp_path / "j1", tmp_path / "j2"
    convert_directory(editions, serial, jobs=1)
    convert_directory(editions, parallel, jobs=2)
    assert outputs(serial) == outputs(parallel)
    assert len(outputs(serial)) == 4


def _explode_on_c(path: Path, context: None) -> Outcome:
    if path.stem == "c":
        raise RuntimeError("a bug in a tagger")
    return Outcome(path.read_bytes().upper(), ["looked at it"])


def _nothing() -> None:
    return None


def _no_sidecars(path: Path) -> list[Path]:
    return []


def _no_data() -> list[Path]:
    return []


UPPER = Step(name="upper", pattern="*.txt", suffix=".up", prepare=_nothing, run=_explode_on_c,
             sidecars=_no_sidecars, data_dirs=_no_data)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_unexpected_error_is_reported_and_the_batch_goes_on(editions: Path, tmp_path: Path, jobs: int) -> None:
    seen = []
    summary = run_batch(UPPER, editions, tmp_path / "out", jobs=jobs, on_start=seen.append,
                        on_result=lambda result: seen.append(result.name))
    assert seen == [3, "a.txt", "c.txt", "more/e.txt"]
    assert (summary.converted, summary.failed, summary.warnings) == (2, 1, 2)
    assert summary.failures == [("c.txt", f"{editions / 'c.txt'}: internal error: RuntimeError: a bug in a tagger")]
    assert "c.txt: internal error: RuntimeError: a bug in a tagger" in summary_text(summary)
    manifest = json.loads((tmp_path / "out" / MANIFEST_NAME).read_text())
    assert set(manifest["steps"]) == {"upper"}


def test_steps_sharing_an_output_folder_keep_their_own_records(editions: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert_directory(editions, out, jobs=1)
    run_batch(UPPER, editions, out, jobs=1)
    assert convert_directory(editions, out, jobs=1).skipped == 3
    assert CONVERT.name in json.loads((out / MANIFEST_NAME).read_text())["steps"]


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wants_progress(Terminal()) and not wants_progress(io.StringIO())
    monkeypatch.setenv("CI", "true")
    assert not wants_progress(Terminal())

    screen = Terminal()
    bar = ProgressBar("convert", screen)
    bar.start(4)
    for _ in range(4):
        bar.advance(None)
    assert re.search(r"convert \[#{24}\] 4/4 files  [\d.]+/s  0:00 left", bar.line())
    bar.close()
    assert screen.getvalue().endswith("\r\x1b[2K")


def test_generated_editions_differ_convert_and_are_valid_tei(tmp_path: Path, tei_all: Path, data_dir: Path) -> None:
    corpus = generate(4, tmp_path / "corpus")
    again = generate(4, tmp_path / "again")
    assert [p.read_bytes() for p in corpus] == [p.read_bytes() for p in again]   # deterministic
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    assert len(set(texts)) == 4
    dates = {re.search(r"^\d{1,2} \w+ \d{4}$", t, re.M).group(0) for t in texts}
    assert len(dates) == 4
    summary = convert_directory(tmp_path / "corpus", tmp_path / "tei", jobs=2)
    assert (summary.converted, summary.failed) == (4, 0)
    for text, tei in zip(texts, sorted((tmp_path / "tei").glob("*.xml"))):
        numbered = len(re.findall(r"^\d+\. ", text, re.M))
        assert tei.read_text(encoding="utf-8").count('<div type="section"') == numbered
        markers = set(re.findall(r"(?<!^)\[(\d+)\]", text, re.M))
        labels = set(re.findall(r"^\[(\d+)\]$", text, re.M))
        assert markers == labels == {str(n) for n in range(1, len(labels) + 1)}
    for tei in sorted((tmp_path / "tei").glob("*.xml")):                 # every pointer resolves
        root = etree.parse(str(tei)).getroot()
        ids = set(root.xpath("//@xml:id"))
        pointers = {token[1:] for value in root.xpath("//@ref | //@corresp | //@target")
                    for token in value.split() if token.startswith("#")}
        assert pointers and pointers <= ids, (tei.name, sorted(pointers - ids))
    jing = Path(sys.executable).with_name("pyjing")
    files = sorted(str(p) for p in (tmp_path / "tei").glob("*.xml"))
    done = subprocess.run([str(jing), str(tei_all), *files], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[:2000]


def test_an_output_folder_inside_the_input_folder_is_not_read_as_input(editions: Path) -> None:
    same_suffix = dataclasses.replace(UPPER, name="same-suffix", suffix=".txt")
    first = run_batch(same_suffix, editions, editions / "out", jobs=1)
    again = run_batch(same_suffix, editions, editions / "out", jobs=1)
    assert first.total == again.total == 3
    assert (editions / "out" / "a.txt").read_bytes().isupper()


def test_export_directory_writes_one_file_per_tei_and_isolates_bad_ones(editions: Path, tmp_path: Path) -> None:
    pytest.importorskip("tei_toolkit.exporters")
    from tei_toolkit.batch import export_directory

    tei = tmp_path / "tei"
    convert_directory(editions, tei, jobs=1)
    (tei / "broken.xml").write_bytes(b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><unclosed></TEI>")
    html = tmp_path / "html"
    summary = export_directory("html", tei, html, jobs=2)
    assert (summary.converted, summary.failed) == (3, 1)
    assert "not well-formed" in summary.failures[0][1]
    assert sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")) == ["a.html", "c.html", "more/e.html"]
    assert b"<html" in (html / "a.html").read_bytes()
    assert export_directory("html", tei, html, jobs=1).skipped == 3
    with pytest.raises(ToolkitError, match="unknown export format"):
        export_directory("no-such-format", tei, html)


def test_export_command_takes_a_directory(editions: Path, tmp_path: Path, capsys) -> None:
    tei = tmp_path / "tei"
    convert_directory(editions, tei, jobs=1)
    assert run_cli(["export", "txt", str(tei), "-o", str(tmp_path / "txt"), "-j", "2"]) == 0
    assert sorted(p.name for p in (tmp_path / "txt").rglob("*.txt")) == ["a.txt", "c.txt", "e.txt"]
    assert re.search(r"written\s+3\b", capsys.readouterr().out)
    (tei / "empty.xml").write_bytes(b"")
    assert run_cli(["export", "txt", str(tei), "-o", str(tmp_path / "txt")]) == 1
    out = capsys.readouterr().out
    assert re.search(r"skipped\s+3\b", out) and "empty.xml: the file is empty" in out
    assert run_cli(["export", "txt", str(tei)]) == 2
