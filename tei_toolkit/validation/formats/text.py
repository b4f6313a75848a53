"""``file:line:col: severity: message [rule]``, one line per problem (jing's layout)."""
from __future__ import annotations

NAME = "text"
COLORS = {"error": "\033[31m", "warning": "\033[33m", "note": "\033[36m"}
RESET, BOLD = "\033[0m", "\033[1m"


def render(report, color: bool) -> str:
    lines = []
    for problem in report.problems:
        severity = problem.severity
        where = (f"{problem.file}:{problem.line}:{problem.column}:" if problem.line
                 else f"{problem.file}:")
        if color:
            where = f"{BOLD}{where}{RESET}"
            severity = f"{COLORS.get(severity, '')}{severity}{RESET}"
        lines.append(f"{where} {severity}: {problem.message} [{problem.rule}]")
    return "\n".join(lines) + ("\n" if lines else "")


def summary(report) -> str:
    results = report.results
    strict = report.options.strict
    skipped = sum(r.skipped for r in results)
    unusable = sum(r.unusable for r in results)
    invalid = sum(r.failed(strict) and not r.unusable and not r.skipped for r in results)
    checked = len(results) - skipped - unusable
    return (f"{len(results)} file(s): {checked - invalid} valid, {invalid} invalid"
            + (f", {skipped} skipped" if skipped else "")
            + (f", {unusable} unusable" if unusable else ""))
