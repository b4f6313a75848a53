"""What every validator, check and report format speaks: a Problem at a place in a file."""
from __future__ import annotations

from dataclasses import dataclass, field

ERROR, WARNING, NOTE = "error", "warning", "note"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding. ``line``/``column`` are 1-based (0 when the place is unknown)."""

    file: str
    line: int
    column: int
    severity: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]"


@dataclass
class FileResult:
    """Everything found in one input file, plus what cross-file checks need from it."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    schemas: list[str] = field(default_factory=list)
    skipped: bool = False
    unusable: bool = False
    facts: dict = field(default_factory=dict)

    def failed(self, strict: bool = False) -> bool:
        """Invalid: any error (with ``strict``, any warning too)."""
        bad = {ERROR, WARNING} if strict else {ERROR}
        return any(p.severity in bad for p in self.problems)
