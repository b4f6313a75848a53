"""A JSON array with one object per problem: file, line, column, severity, rule, message."""
from __future__ import annotations

import json
from dataclasses import asdict

NAME = "json"


def render(report, color: bool) -> str:
    return json.dumps([asdict(p) for p in report.problems], ensure_ascii=False, indent=1) + "\n"
