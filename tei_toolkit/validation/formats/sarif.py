"""SARIF 2.1.0, the format code-scanning dashboards (GitHub, GitLab) read."""
from __future__ import annotations

import json

from ... import __version__

NAME = "sarif"
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "note": "note"}


def render(report, color: bool) -> str:
    rule_ids = sorted({p.rule for p in report.problems})
    results = []
    for p in report.problems:
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": p.file}}}
        if p.line:
            region = {"startLine": p.line}
            if p.column:
                region["startColumn"] = p.column
            location["physicalLocation"]["region"] = region
        results.append({"ruleId": p.rule, "ruleIndex": rule_ids.index(p.rule),
                        "level": LEVELS.get(p.severity, "error"),
                        "message": {"text": p.message}, "locations": [location]})
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "tei-toolkit", "version": __version__,
                "informationUri": "https://pypi.org/project/tei-toolkit/",
                "rules": [{"id": rule, "shortDescription": {"text": rule}} for rule in rule_ids],
            }},
            "artifacts": [{"location": {"uri": r.file}} for r in report.results],
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=1) + "\n"
