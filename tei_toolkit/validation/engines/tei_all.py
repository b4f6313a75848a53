"""The official TEI P5 ``tei_all`` with libxml2, fast and with jing's verdicts.

libxml2 would need ~10 s to compile all of tei_all, so each batch of documents gets a
grammar pruned to the element names that occur in it (``grammar_prune``), cached on disk;
that compiles in milliseconds and gives the same verdict. Errors are then located and
worded the way jing words them (``rng_diagnose``), because libxml2's own messages blame
the wrong element on the wrong line.
"""
from __future__ import annotations

from collections import OrderedDict
from functools import cached_property

from lxml import etree

from ...resources import TEI_ALL_VERSION, tei_all_path
from ..cache import cached_bytes
from ..document import TEI_NS, XMLDocument
from ..grammar_prune import Grammar
from ..problem import ERROR, Problem
from ..rng_diagnose import Diagnoser
from . import Validator
from .relaxng import libxml2_problems


def handles(schema: str, engine: str) -> bool:
    return schema == "tei_all" and engine == "lxml"


def create(schema: str, engine: str) -> list[Validator]:
    return [TeiAllValidator()]


PRUNED_FORMAT = "attributes-inlined"  # changes with the pruned grammar's shape (cache key)


class TeiAllValidator(Validator):
    """tei_all via pruned grammars; one compiled grammar per batch of documents."""

    name = "tei_all"
    compiled_limit = 8
    union_limit = 450

    def __init__(self) -> None:
        self.path = tei_all_path()
        self.compiled: OrderedDict[frozenset, etree.RelaxNG] = OrderedDict()
        self.seen: frozenset = frozenset()

    @cached_property
    def grammar(self) -> Grammar:
        return Grammar.load(str(self.path))

    @cached_property
    def diagnoser(self) -> Diagnoser:
        return Diagnoser(self.grammar.root, id_namespaces=(TEI_NS,))

    def schema_for(self, names: frozenset) -> etree.RelaxNG:
        """A compiled pruned grammar valid for documents using only ``names``.

        A grammar pruned for a superset of the names gives the same verdicts, and
        compiling costs more than validating (~0.25 s for 200 names), so a grammar
        already compiled for a superset is reused, and new ones are compiled for every
        name met so far in this process (up to ``union_limit`` names, ~0.5 s to compile;
        beyond it a new union starts), so that the
        chunks of one corpus soon share one grammar.
        """
        for known in reversed(self.compiled):
            if names <= known:
                self.compiled.move_to_end(known)
                return self.compiled[known]
        union = names | self.seen
        self.seen = names = union if len(union) <= self.union_limit else names
        stat = self.path.stat()
        key = [TEI_ALL_VERSION, PRUNED_FORMAT, str(self.path), str(stat.st_size), str(stat.st_mtime_ns)]
        key += sorted("{%s}%s" % name for name in names)
        rng = cached_bytes("tei_all-pruned", key, ".rng", lambda: self.grammar.prune(set(names)))
        schema = self.compiled[names] = etree.RelaxNG(etree.fromstring(rng))
        if len(self.compiled) > self.compiled_limit:
            self.compiled.popitem(last=False)
        return schema

    def prepare(self, names: frozenset) -> None:
        """Compile, before ``-j`` workers fork, one grammar for the element names a whole run is
        expected to use (read off the files by ``runner``), so that every worker inherits it
        instead of pruning and compiling its own; names it lacks are compiled as usual."""
        if len(names) <= self.union_limit:
            self.schema_for(names)

    def validate(self, doc: XMLDocument) -> list[Problem]:
        return self.validate_many([doc])[0]

    def validate_many(self, docs: list[XMLDocument]) -> list[list[Problem]]:
        names = frozenset().union(*(doc.element_names for doc in docs))
        schema = self.schema_for(names)
        results = []
        for doc in docs:
            if schema.validate(doc.tree):
                results.append([])
                continue
            try:
                found = [Problem(doc.name, d.line, d.column, ERROR, self.name, d.message)
                         for d in self.diagnoser.diagnose(doc.tree, doc.positions)]
            except RecursionError:  # absurdly deep nesting: libxml2's own words will do
                found = []
            results.append(found or libxml2_problems(doc, schema.error_log, self.name))
        return results
