"""A user's W3C XML Schema (.xsd) with lxml."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from ...errors import ToolkitError
from ..document import XMLDocument
from ..problem import Problem
from . import Validator
from .relaxng import libxml2_problems


def handles(schema: str, engine: str) -> bool:
    return schema.lower().endswith(".xsd")


def create(schema: str, engine: str) -> list[Validator]:
    return [XSDValidator(Path(schema))]


class XSDValidator(Validator):
    def __init__(self, path: Path):
        if not path.is_file():
            raise ToolkitError(f"--schema {path}: no such schema file")
        self.path = path
        self.name = f"xsd:{path.name}"
        self.schema = self._compile()

    def _compile(self) -> etree.XMLSchema:
        try:
            return etree.XMLSchema(etree.parse(str(self.path)))
        except (etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
            raise ToolkitError(f"{self.path}: not a usable XML Schema: {exc}") from None

    def validate(self, doc: XMLDocument) -> list[Problem]:
        if self.schema.validate(doc.tree):
            return []
        return libxml2_problems(doc, self.schema.error_log, self.name)
