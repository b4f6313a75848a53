"""`tei-toolkit validate`: inputs, exit codes, report formats, order, -j, --version."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

VALID = "real/cavriana__1570-08-17.xml"
INVALID = "broken/rng-unknown-element.xml"
NOT_WELL_FORMED = "broken/wf-unclosed-tag.xml"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (error|warning|note): .+ \[\S+\]$")


def run(*args, stdin: bytes | None = None, cwd=None):
    return subprocess.run([sys.executable, "-m", "tei_toolkit", "validate", *map(str, args)],
                          input=stdin, capture_output=True, cwd=cwd, timeout=300)


def test_exit_0_when_valid_1_when_invalid(samples):
    assert run("--schema", "tei_all", samples / VALID).returncode == 0
    invalid = run("--schema", "tei_all", samples / VALID, samples / INVALID)
    assert invalid.returncode == 1
    assert b"1 valid, 1 invalid" in invalid.stderr


def test_text_lines_are_file_line_col(samples):
    out = run("--schema", "tei_all", samples / INVALID, samples / NOT_WELL_FORMED)
    lines = out.stdout.decode().splitlines()
    assert lines and all(LINE.match(line) for line in lines)
    assert f"{samples / NOT_WELL_FORMED}:70:82: error: not well-formed" in out.stdout.decode()
    assert "\x1b[" not in out.stdout.decode()  # no colour into a pipe


@pytest.mark.parametrize("content, message", [
    (None, b"no such file"), (b"", b"empty file"), (b"\x00\x01\x02binary", b"not XML"),
    (b"plain text, not markup", b"not XML"),
])
def test_unusable_input_exits_2_with_one_line(tmp_path, content, message):
    path = tmp_path / "input.xml"
    if content is not None:
        path.write_bytes(content)
    out = run(path)
    assert out.returncode == 2
    assert message in out.stdout
    assert b"Traceback" not in out.stderr


def test_bad_options_exit_2(tmp_path, samples):
    out = run("--schema", tmp_path / "missing.rng", samples / VALID)
    assert out.returncode == 2 and b"no such schema file" in out.stderr
    assert b"Traceback" not in out.stderr
    assert run("--engine", "xmllint", samples / VALID).returncode == 2
    assert run().returncode == 2


def test_non_tei_named_is_an_error_found_in_a_folder_is_skipped(tmp_path, samples):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(samples / VALID, folder / "letter.xml")
    (folder / "pom.xml").write_text("<project><name>x</name></project>")
    named = run(folder / "pom.xml")
    assert named.returncode == 2 and b"not a TEI document" in named.stdout
    walked = run("--schema", "tei_all", folder)
    assert walked.returncode == 0
    assert b"note: skipped: not a TEI document" in walked.stdout
    assert run("--schema", "tei_all", "--strict", folder).returncode == 1


def test_strict_makes_warnings_fail(samples):
    # unresolved pointers into external registers: warnings under tei_all
    assert run("--schema", "tei_all", samples / VALID).returncode == 0
    assert run("--schema", "tei_all", "--strict", samples / VALID).returncode == 1


def test_json_has_one_object_per_problem(samples):
    out = run("--format", "json", "--schema", "tei_all", samples / INVALID)
    problems = json.loads(out.stdout)
    assert problems and all(set(p) == {"file", "line", "column", "severity", "rule", "message"}
                            for p in problems)
    assert {"rule": "tei_all", "line": 86, "column": 28}.items() <= \
        next(p for p in problems if p["severity"] == "error").items()


def test_github_annotations(samples):
    out = run("--format", "github", "--schema", "tei_all", samples / INVALID).stdout.decode()
    pattern = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=[^:,]+::.+$")
    assert out.splitlines() and all(pattern.match(line) for line in out.splitlines())
    assert "::error file=" in out


def test_junit_xml(samples, tmp_path):
    report = tmp_path / "report.xml"
    out = run("--format", "junit", "-o", report, "--schema", "tei_all", samples / VALID,
              samples / INVALID, samples / NOT_WELL_FORMED)
    assert out.returncode == 1 and out.stdout == b""
    root = etree.parse(str(report)).getroot()
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite.get("tests") == "3" and suite.get("failures") == "2"
    cases = suite.findall("testcase")
    assert [c.find("failure") is not None for c in cases] == [False, True, True]


def test_sarif_structure(samples):
    out = run("--format", "sarif", "--schema", "tei_all", samples / INVALID)
    log = json.loads(out.stdout)
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    run_ = log["runs"][0]
    assert run_["tool"]["driver"]["name"] == "tei-toolkit"
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    for result in run_["results"]:
        assert result["level"] in {"error", "warning", "note"}
        assert rules[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert any(r["ruleId"] == "tei_all" and r["level"] == "error" for r in run_["results"])


def test_directory_glob_and_stdin_inputs(samples, tmp_path):
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    shutil.copy(samples / VALID, folder / "one.xml")
    shutil.copy(samples / INVALID, tmp_path / "a" / "two.xml")
    by_dir = run("--format", "json", "--schema", "tei_all", tmp_path / "a")
    files = [p["file"] for p in json.loads(by_dir.stdout) if p["severity"] == "error"]
    assert files and all(f.endswith("two.xml") for f in files)
    assert b"2 file(s)" in by_dir.stderr
    by_glob = run("--schema", "tei_all", str(tmp_path / "a" / "**" / "*.xml"))
    assert b"2 file(s): 1 valid, 1 invalid" in by_glob.stderr
    piped = run("--schema", "tei_all", "-", stdin=(samples / INVALID).read_bytes())
    assert piped.returncode == 1 and piped.stdout.startswith(b"-:")


def test_jobs_give_the_same_report_in_the_same_order(samples):
    files = sorted((samples / "real").glob("*.xml"))[:12] + [samples / INVALID]
    one = run("--format", "json", "--schema", "tei_all", *files)
    two = run("--format", "json", "--schema", "tei_all", "-j", "2", *files)
    assert one.stdout == two.stdout and one.returncode == two.returncode == 1
    order = list(dict.fromkeys(p["file"] for p in json.loads(one.stdout)))
    assert order == sorted(order, key=lambda f: [str(x) for x in files].index(f))


def test_no_progress_bar_when_not_a_terminal(samples):
    out = run("--schema", "tei_all", samples / "real")
    assert b"\r" not in out.stderr and b"[#" not in out.stderr


def test_version_names_tei_all():
    out = run("--version")
    assert out.returncode == 0
    assert b"tei_all 4.3.0" in out.stdout and b"tei-toolkit" in out.stdout


def test_colour_and_progress_bar_on_a_terminal(samples):
    import os
    import pty

    primary, secondary = pty.openpty()
    files = sorted((samples / "real").glob("*.xml"))[:25]
    child = subprocess.Popen([sys.executable, "-m", "tei_toolkit", "validate", "--schema",
                              "tei_all", *map(str, files)], stdout=secondary, stderr=secondary)
    os.close(secondary)
    chunks = []
    while True:  # drain while it runs, or it blocks on a full terminal buffer
        try:
            data = os.read(primary, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(primary)
    output = b"".join(chunks)
    assert child.wait(timeout=300) == 1
    assert b"\r[" in output and b"] 25/25" in output  # the progress bar
    assert b"\x1b[31merror\x1b[0m" in output  # coloured severities


def test_grammar_for_the_whole_run_is_compiled_before_workers_fork(samples):
    from tei_toolkit.validation.engines import validators_for
    from tei_toolkit.validation.inputs import InputFile
    from tei_toolkit.validation.runner import Options, _prepare_workers

    files = sorted((samples / "real").glob("*.xml"))[:6]
    [validator] = validators_for("tei_all", "lxml")
    _prepare_workers([InputFile(str(f), True) for f in files], Options(schemas=("tei_all",)))
    prepared = list(validator.compiled)[-1]
    assert {("http://www.tei-c.org/ns/1.0", "teiHeader"), ("http://www.tei-c.org/ns/1.0", "TEI")} <= prepared
    for f in files:
        names = {(e.tag[1:].split("}")[0], e.tag.split("}")[1]) for e in etree.parse(str(f)).iter()
                 if isinstance(e.tag, str) and e.tag.startswith("{http://www.tei-c.org/ns/1.0}")}
        assert names <= prepared  # every worker finds a compiled grammar covering its file
