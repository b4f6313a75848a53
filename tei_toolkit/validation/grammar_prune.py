"""Cut a big RELAX NG grammar down to what one document can exercise.

libxml2 needs ~10 s to compile the whole of tei_all. A document can only match element
patterns whose names occur in it, so every reference to an element that is absent is
replaced by ``<notAllowed/>`` and the emptiness is propagated upwards by the RELAX NG
simplification rules (a choice loses the branch, a group dies, an optional becomes
empty). The result accepts exactly the documents of the original grammar that use only
the given element names, so the verdict for the document is unchanged; it is a few
hundred defines instead of 1,100 and compiles in milliseconds.

Expects a flat grammar (one ``<grammar>`` with ``<start>`` and ``<define>``s, no
``include``/``externalRef``/``combine``), which is what ODD-generated schemas are.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

RNG = "http://relaxng.org/ns/structure/1.0"
_R = "{%s}" % RNG
NAME_CLASSES = {_R + "name", _R + "anyName", _R + "nsName", _R + "choice"}
ElementName = tuple[str, str]  # (namespace URI, local name)


class GrammarError(Exception):
    """The grammar uses a construct the pruner does not handle."""


@dataclass
class Grammar:
    """An indexed flat grammar: its defines, which of them are single-name elements."""

    root: etree._Element
    defines: dict[str, etree._Element]
    element_names: dict[str, ElementName] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str) -> "Grammar":
        """Index a grammar file (annotations and embedded Schematron are dropped)."""
        parser = etree.XMLParser(remove_blank_text=True, remove_comments=True,
                                 resolve_entities=False, no_network=True)
        root = etree.parse(path, parser).getroot()
        if root.tag != _R + "grammar":
            raise GrammarError(f"{path}: the root is not a RELAX NG <grammar>")
        _strip_foreign(root)
        defines: dict[str, etree._Element] = {}
        for child in root:
            if child.tag == _R + "define":
                if child.get("combine"):
                    raise GrammarError(f"{path}: define/@combine is not supported")
                defines[child.get("name")] = child
            elif child.tag not in (_R + "start",):
                raise GrammarError(f"{path}: <{etree.QName(child).localname}> at the top "
                                   f"of the grammar is not supported")
        grammar = cls(root, defines)
        for name, define in defines.items():
            if len(define) == 1 and define[0].tag == _R + "element" and define[0].get("name"):
                grammar.element_names[name] = _element_name(define[0])
        return grammar

    def prune(self, present: set[ElementName]) -> bytes:
        """The grammar restricted to documents using only the ``present`` element names."""
        return _Pruner(self, present).run()


def _strip_foreign(root: etree._Element) -> None:
    """Remove annotations (documentation, Schematron) and foreign attributes."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or not element.tag.startswith(_R):
            element.getparent().remove(element)


def _element_name(element: etree._Element) -> ElementName:
    """The (namespace, local name) an ``<element name=…>`` matches (ns is inherited)."""
    name = element.get("name")
    if ":" in name:
        prefix, local = name.split(":", 1)
        return element.nsmap.get(prefix, ""), local
    node = element
    while node is not None:
        if node.get("ns") is not None:
            return node.get("ns"), name
        node = node.getparent()
    return "", name


class _Pruner:
    """One pruning run: simplify reachable defines until no more elements die."""

    def __init__(self, grammar: Grammar, present: set[ElementName]):
        self.grammar = grammar
        self.dead = {name for name, qname in grammar.element_names.items()
                     if qname not in present}
        self.memo: dict[str, etree._Element | None] = {}

    def run(self) -> bytes:
        while True:
            self.memo = {}
            start = self._simplify_children(self.grammar.root.find(_R + "start"))
            newly_dead = {name for name, body in self.memo.items()
                          if body is None and name in self.grammar.element_names}
            if not newly_dead - self.dead:
                break
            self.dead |= newly_dead
        out = etree.Element(_R + "grammar", nsmap=self.grammar.root.nsmap)
        for attr in ("ns", "datatypeLibrary"):
            if self.grammar.root.get(attr) is not None:
                out.set(attr, self.grammar.root.get(attr))
        start_element = etree.SubElement(out, _R + "start")
        _append_content(start_element,
                        start if start is not None else etree.Element(_R + "notAllowed"))
        for name in sorted(self.memo):
            body = self.memo[name]
            if body is not None:
                define = etree.SubElement(out, _R + "define", name=name)
                _append_content(define, body)
        _inline_attribute_refs(out)
        return etree.tostring(out)

    def _define(self, name: str) -> etree._Element | None:
        """Simplified body of a define (None = notAllowed), computed once per round."""
        if name in self.memo:
            return self.memo[name]
        if name in self.dead:
            self.memo[name] = None
            return None
        define = self.grammar.defines.get(name)
        if define is None:
            raise GrammarError(f"reference to undefined pattern {name!r}")
        self.memo[name] = _PLACEHOLDER  # recursion through elements is allowed
        body = self._simplify_children(define)
        self.memo[name] = body
        return body

    def _simplify_children(self, parent: etree._Element) -> etree._Element | None:
        """Children of a define/start/group: an implicit group."""
        return self._group(_R + "group", list(parent))

    def _group(self, tag: str, children: list[etree._Element]) -> etree._Element | None:
        kept = []
        for child in children:
            simple = self._simplify(child)
            if simple is None:
                return None
            if simple.tag != _R + "empty":
                kept.append(simple)
        if not kept:
            return etree.Element(_R + "empty")
        if len(kept) == 1:
            return kept[0]
        node = etree.Element(tag)
        node.extend(kept)
        return node

    def _simplify(self, node: etree._Element) -> etree._Element | None:
        """A copy of ``node`` with dead references removed; None when it is notAllowed."""
        tag = node.tag
        if tag == _R + "ref":
            body = self._define(node.get("name"))
            return None if body is None else etree.Element(_R + "ref", name=node.get("name"))
        if tag == _R + "notAllowed":
            return None
        if tag in (_R + "text", _R + "empty", _R + "value"):
            return _copy(node)
        if tag == _R + "data":
            copy = _shallow(node)
            for child in node:
                if child.tag == _R + "param":
                    copy.append(_copy(child))
                else:  # <except>: a dead exception excludes nothing
                    excluded = self._choice(list(child))
                    if excluded is not None:
                        except_node = etree.SubElement(copy, _R + "except")
                        except_node.append(excluded)
            return copy
        if tag == _R + "choice":
            return self._choice(list(node))
        if tag in (_R + "group", _R + "interleave"):
            return self._group(tag, list(node))
        if tag in (_R + "optional", _R + "zeroOrMore"):
            inner = self._group(_R + "group", list(node))
            if inner is None or inner.tag == _R + "empty":
                return etree.Element(_R + "empty")
            return _wrap(tag, inner)
        if tag in (_R + "oneOrMore", _R + "list"):
            inner = self._group(_R + "group", list(node))
            return None if inner is None else _wrap(tag, inner)
        if tag in (_R + "element", _R + "attribute"):
            children = list(node)
            copy = _shallow(node)
            if node.get("name") is None:
                copy.append(_copy(children.pop(0)))
            if tag == _R + "attribute" and not children:
                return copy  # default content is <text/>
            content = self._group(_R + "group", children)
            if content is None:
                return None
            _append_content(copy, content)
            return copy
        raise GrammarError(f"unsupported RELAX NG construct <{etree.QName(node).localname}>")

    def _choice(self, children: list[etree._Element]) -> etree._Element | None:
        kept = [simple for simple in map(self._simplify, children) if simple is not None]
        if not kept:
            return None
        if len(kept) == 1:
            return kept[0]
        node = etree.Element(_R + "choice")
        node.extend(kept)
        return node


_PLACEHOLDER = etree.Element(_R + "empty")


def _shallow(node: etree._Element) -> etree._Element:
    copy = etree.Element(node.tag, nsmap=node.nsmap)
    for key, value in node.attrib.items():
        copy.set(key, value)
    copy.text = node.text
    return copy


def _copy(node: etree._Element) -> etree._Element:
    copy = _shallow(node)
    copy.extend(_copy(child) for child in node)
    return copy


def _append_content(parent: etree._Element, content: etree._Element) -> None:
    """Add a pattern as the content of element/define/start/optional/…: a group is given
    as its members, which is the same pattern but lets libxml2 see an element's attributes
    apart from its content (its fast path; wrapped in a group they cost ~3x)."""
    if content.tag == _R + "group":
        parent.extend(list(content))
    else:
        parent.append(content)


def _inline_attribute_refs(grammar: etree._Element) -> None:
    """Put the attributes of attribute-class refs (``att.global.attributes`` …) directly
    in the elements that use them: the same pattern, but libxml2 then checks an element's
    attributes in one pass instead of walking nested groups (~25% faster validation).
    Defines left unused stay; they cost nothing."""
    defines = {d.get("name"): d for d in grammar if d.tag == _R + "define"}
    members: dict[str, list[etree._Element] | None] = {}

    def attributes_of(name: str) -> list[etree._Element] | None:
        """The attribute patterns of an attributes-only define, or None."""
        if name not in members:
            members[name] = None
            found: list[etree._Element] | None = []
            for child in defines[name]:
                if child.tag == _R + "ref":
                    inner = attributes_of(child.get("name"))
                    found = None if inner is None else found + inner
                elif child.tag == _R + "attribute" or (
                        child.tag == _R + "optional" and len(child) == 1
                        and child[0].tag == _R + "attribute"):
                    found.append(child)
                elif child.tag != _R + "empty":
                    found = None
                if found is None:
                    break
            members[name] = found
        return members[name]

    for define in defines.values():
        if len(define) != 1 or define[0].tag != _R + "element":
            continue
        element = define[0]
        for child in list(element):
            if child.tag == _R + "ref" and child.get("name") in defines:
                attributes = attributes_of(child.get("name"))
                if attributes is not None:
                    index = element.index(child)
                    element.remove(child)
                    for offset, attribute in enumerate(attributes):
                        element.insert(index + offset, _copy(attribute))


def _wrap(tag: str, inner: etree._Element) -> etree._Element:
    node = etree.Element(tag)
    _append_content(node, inner)
    return node
