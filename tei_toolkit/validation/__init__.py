"""Validation library: TEI against schemas (engines) plus checks, reported in formats.

    from tei_toolkit.validation import validate, Options
    report = validate(["corpus/"], Options(schemas=("tei_all",)))
    report.exit_code, report.problems

Engines live in ``engines/``, checks beyond grammars in ``checks/``, report formats in
``formats/``; each is a plug-in (adding one is adding a file).
"""
from .problem import ERROR, NOTE, WARNING, FileResult, Problem
from .runner import Options, Report, validate, validate_chunk

__all__ = ["validate", "validate_chunk", "Options", "Report", "FileResult", "Problem",
           "ERROR", "WARNING", "NOTE"]
