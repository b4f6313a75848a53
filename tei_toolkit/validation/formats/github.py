"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""
from __future__ import annotations

NAME = "github"
LEVELS = {"error": "error", "warning": "warning", "note": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report, color: bool) -> str:
    lines = []
    for p in report.problems:
        props = [f"file={_property(p.file)}"]
        if p.line:
            props.append(f"line={p.line}")
            if p.column:
                props.append(f"col={p.column}")
        props.append(f"title={_property(p.rule)}")
        lines.append(f"::{LEVELS.get(p.severity, 'error')} {','.join(props)}::{_data(p.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
