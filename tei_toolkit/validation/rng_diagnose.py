"""jing-style error reports for a document libxml2 found invalid.

libxml2 gives the right verdict but poor errors: it blames the parent of the faulty
element ("Element TEI has extra content: text") on the parent's line. This module walks
the document with James Clark's derivative algorithm for RELAX NG
(https://relaxng.org/jclark/derivative.html) over the (pruned) grammar, so it stops where
jing stops, at jing's line and column, with jing's kind of message ("element "x" not
allowed here; expected …"), and recovers to report later errors too. Datatypes are
delegated to libxml2 through one tiny compiled schema per datatype, so values are judged
exactly as the verdict judged them.
"""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .positions import DocumentPositions

RNG = "http://relaxng.org/ns/structure/1.0"
_R = "{%s}" % RNG
XML_NS = "http://www.w3.org/XML/1998/namespace"


@dataclass(frozen=True)
class Diagnosis:
    line: int
    column: int
    message: str


class _Pat:
    """An interned pattern: equal patterns are the same object (ids make memo keys)."""

    __slots__ = ("kind", "a", "b", "nullable", "uid")

    def __init__(self, kind, a, b, nullable, uid):
        self.kind, self.a, self.b, self.nullable, self.uid = kind, a, b, nullable, uid


class _Patterns:
    """Smart constructors with interning, and the derivative functions."""

    def __init__(self, datatypes: "_Datatypes"):
        self.table: dict[tuple, _Pat] = {}
        self.datatypes = datatypes
        self.EMPTY = self._make("empty", None, None, True)
        self.NOT = self._make("notAllowed", None, None, False)
        self.TEXT = self._make("text", None, None, True)
        self.memo: dict[tuple, _Pat] = {}

    def _make(self, kind, a, b, nullable) -> _Pat:
        key = (kind, a.uid if isinstance(a, _Pat) else a, b.uid if isinstance(b, _Pat) else b)
        pat = self.table.get(key)
        if pat is None:
            pat = self.table[key] = _Pat(kind, a, b, nullable, len(self.table))
        return pat

    # -- constructors -------------------------------------------------------------
    def choice(self, p: _Pat, q: _Pat) -> _Pat:
        if p is self.NOT:
            return q
        if q is self.NOT or p is q:
            return p
        members = self._members(p) | self._members(q)
        return self._choice_of(members)

    def choice_all(self, patterns) -> _Pat:
        """One choice of many patterns (built once, not pairwise)."""
        members: set = set()
        for p in patterns:
            if p is not self.NOT:
                members |= self._members(p)
        return self._choice_of(frozenset(members)) if members else self.NOT

    def _members(self, p: _Pat) -> frozenset:
        return p.a if p.kind == "choice" else frozenset([p])

    def _choice_of(self, members: frozenset) -> _Pat:
        if len(members) == 1:
            return next(iter(members))
        key = ("choice", frozenset(m.uid for m in members), None)
        pat = self.table.get(key)
        if pat is None:
            pat = self.table[key] = _Pat("choice", members, None,
                                         any(m.nullable for m in members), len(self.table))
        return pat

    def _sequence(self, kind: str, p: _Pat, q: _Pat) -> _Pat:
        """group and interleave simplify alike: notAllowed absorbs, empty vanishes."""
        if p is self.NOT or q is self.NOT:
            return self.NOT
        if p is self.EMPTY:
            return q
        if q is self.EMPTY:
            return p
        return self._make(kind, p, q, p.nullable and q.nullable)

    def group(self, p: _Pat, q: _Pat) -> _Pat:
        return self._sequence("group", p, q)

    def interleave(self, p: _Pat, q: _Pat) -> _Pat:
        return self._sequence("interleave", p, q)

    def after(self, p: _Pat, q: _Pat) -> _Pat:
        if p is self.NOT or q is self.NOT:
            return self.NOT
        return self._make("after", p, q, False)

    def one_or_more(self, p: _Pat) -> _Pat:
        if p is self.NOT:
            return self.NOT
        return self._make("oneOrMore", p, None, p.nullable)

    def simple(self, kind: str, a, b=None, nullable: bool = False) -> _Pat:
        return self._make(kind, a, b, nullable)

    # -- derivatives --------------------------------------------------------------
    def start_tag_open(self, p: _Pat, qname: tuple[str, str]) -> _Pat:
        key = ("sto", p.uid, qname)
        hit = self.memo.get(key)
        if hit is not None:
            return hit
        kind = p.kind
        if kind == "choice":
            result = self.choice_all(self.start_tag_open(member, qname) for member in p.a)
        elif kind == "element":
            name_class, content = p.a, p.b
            result = (self.after(content.pattern(), self.EMPTY)
                      if name_class.contains(qname) else self.NOT)
        elif kind == "interleave":
            left = self._apply_after(lambda x: self.interleave(x, p.b),
                                     self.start_tag_open(p.a, qname))
            right = self._apply_after(lambda x: self.interleave(p.a, x),
                                      self.start_tag_open(p.b, qname))
            result = self.choice(left, right)
        elif kind == "oneOrMore":
            result = self._apply_after(
                lambda x: self.group(x, self.choice(p, self.EMPTY)),
                self.start_tag_open(p.a, qname))
        elif kind == "group":
            first = self._apply_after(lambda x: self.group(x, p.b),
                                      self.start_tag_open(p.a, qname))
            result = (self.choice(first, self.start_tag_open(p.b, qname))
                      if p.a.nullable else first)
        elif kind == "after":
            result = self._apply_after(lambda x: self.after(x, p.b),
                                       self.start_tag_open(p.a, qname))
        else:
            result = self.NOT
        self.memo[key] = result
        return result

    def _apply_after(self, func, p: _Pat) -> _Pat:
        if p.kind == "after":
            return self.after(p.a, func(p.b))
        if p.kind == "choice":
            result = self.choice_all(self._apply_after(func, member) for member in p.a)
            return result
        return self.NOT

    def attribute(self, p: _Pat, qname: tuple[str, str], value: str) -> _Pat:
        """Derivative by one attribute. Memoised on which attribute patterns accept the
        value, not on the value itself, so different ids or dates share one result."""
        leaves = self._leaves(p, "attribute", qname)
        ok = frozenset(leaf for leaf in leaves if self._value_ok(leaf.b, value))
        key = ("att", p.uid, qname, ok)
        hit = self.memo.get(key)
        if hit is None:
            hit = self.memo[key] = self._attribute_by(p, qname, ok)
        return hit

    def _leaves(self, p: _Pat, kind: str, qname=None) -> frozenset:
        """Patterns of ``kind`` a derivative can reach (attributes: those matching qname)."""
        key = ("leaves", p.uid, kind, qname)
        hit = self.memo.get(key)
        if hit is not None:
            return hit
        found: set = set()
        stack, seen = [p], set()
        while stack:
            q = stack.pop()
            if q.uid in seen:
                continue
            seen.add(q.uid)
            if q.kind == "choice":
                stack.extend(q.a)
            elif q.kind in ("group", "interleave"):
                stack.append(q.a)
                if kind == "attribute" or q.kind == "interleave" or q.a.nullable:
                    stack.append(q.b)
            elif q.kind in ("oneOrMore", "after"):
                stack.append(q.a)
            elif kind == "attribute" and q.kind == "attribute":
                if q.a.contains(qname):
                    found.add(q)
            elif kind == "text" and q.kind in ("data", "value", "dataExcept", "list"):
                found.add(q)
        result = self.memo[key] = frozenset(found)
        return result

    def _value_ok(self, content: _Pat, value: str) -> bool:
        key = ("val", content.uid, value)
        hit = self.memo.get(key)
        if hit is None:
            hit = self.memo[key] = self.value_matches(content, value)
        return hit

    def _attribute_by(self, p: _Pat, qname: tuple[str, str], ok: frozenset) -> _Pat:
        key = ("att", p.uid, qname, ok)
        hit = self.memo.get(key)
        if hit is not None:
            return hit
        kind = p.kind
        if kind == "after":
            result = self.after(self._attribute_by(p.a, qname, ok), p.b)
        elif kind == "choice":
            result = self.choice_all(self._attribute_by(m, qname, ok) for m in p.a)
        elif kind == "group":
            result = self.choice(self.group(self._attribute_by(p.a, qname, ok), p.b),
                                 self.group(p.a, self._attribute_by(p.b, qname, ok)))
        elif kind == "interleave":
            result = self.choice(self.interleave(self._attribute_by(p.a, qname, ok), p.b),
                                 self.interleave(p.a, self._attribute_by(p.b, qname, ok)))
        elif kind == "oneOrMore":
            result = self.group(self._attribute_by(p.a, qname, ok), self.choice(p, self.EMPTY))
        elif kind == "attribute" and p in ok:
            result = self.EMPTY
        else:
            result = self.NOT
        self.memo[key] = result
        return result

    def value_matches(self, p: _Pat, value: str) -> bool:
        return (p.nullable and not value.strip()) or self.text(p, value).nullable

    def start_tag_close(self, p: _Pat, lenient: bool = False) -> _Pat:
        key = ("stc", p.uid, lenient)
        hit = self.memo.get(key)
        if hit is None:
            hit = self.memo[key] = self._start_tag_close_uncached(p, lenient)
        return hit

    def _start_tag_close_uncached(self, p: _Pat, lenient: bool = False) -> _Pat:
        """Attributes still required become notAllowed (or empty when recovering)."""
        kind = p.kind
        if kind == "after":
            return self.after(self.start_tag_close(p.a, lenient), p.b)
        if kind == "choice":
            result = self.choice_all(self.start_tag_close(member, lenient) for member in p.a)
            return result
        if kind == "group":
            return self.group(self.start_tag_close(p.a, lenient),
                              self.start_tag_close(p.b, lenient))
        if kind == "interleave":
            return self.interleave(self.start_tag_close(p.a, lenient),
                                   self.start_tag_close(p.b, lenient))
        if kind == "oneOrMore":
            return self.one_or_more(self.start_tag_close(p.a, lenient))
        if kind == "attribute":
            return self.EMPTY if lenient else self.NOT
        return p

    def text(self, p: _Pat, text: str) -> _Pat:
        """Derivative by a text node, memoised on which datatype patterns accept it."""
        leaves = self._leaves(p, "text")
        ok = frozenset(leaf for leaf in leaves if self._leaf_accepts(leaf, text))
        return self._text_by(p, ok)

    def _leaf_accepts(self, leaf: _Pat, text: str) -> bool:
        key = ("leaf", leaf.uid, text)
        hit = self.memo.get(key)
        if hit is not None:
            return hit
        if leaf.kind in ("data", "value"):
            result = self.datatypes.allows(leaf.a, text)
        elif leaf.kind == "dataExcept":
            result = self.datatypes.allows(leaf.a, text) and not self.value_matches(leaf.b, text)
        else:  # list
            inner = leaf.a
            for word in text.split():
                inner = self.text(inner, word)
            result = inner.nullable
        self.memo[key] = result
        return result

    def _text_by(self, p: _Pat, ok: frozenset) -> _Pat:
        key = ("txt", p.uid, ok)
        hit = self.memo.get(key)
        if hit is not None:
            return hit
        kind = p.kind
        if kind == "choice":
            result = self.choice_all(self._text_by(m, ok) for m in p.a)
        elif kind == "interleave":
            result = self.choice(self.interleave(self._text_by(p.a, ok), p.b),
                                 self.interleave(p.a, self._text_by(p.b, ok)))
        elif kind == "group":
            first = self.group(self._text_by(p.a, ok), p.b)
            result = self.choice(first, self._text_by(p.b, ok)) if p.a.nullable else first
        elif kind == "after":
            result = self.after(self._text_by(p.a, ok), p.b)
        elif kind == "oneOrMore":
            result = self.group(self._text_by(p.a, ok), self.choice(p, self.EMPTY))
        elif kind == "text":
            result = p
        elif kind in ("data", "value", "dataExcept", "list"):
            result = self.EMPTY if p in ok else self.NOT
        else:
            result = self.NOT
        self.memo[key] = result
        return result

    def end_tag(self, p: _Pat, lenient: bool = False) -> _Pat:
        if p.kind == "choice":
            result = self.choice_all(self.end_tag(member, lenient) for member in p.a)
            return result
        if p.kind == "after":
            return p.b if (p.a.nullable or lenient) else self.NOT
        return self.NOT

    # -- what was expected (for messages) -------------------------------------------
    def expected(self, p: _Pat) -> tuple[set[str], bool, bool]:
        """Element names that could start here, whether text may, whether the end may."""
        key = ("expected", p.uid)
        if key not in self.memo:
            self.memo[key] = self._expected(p)
        return self.memo[key]

    def _expected(self, p: _Pat) -> tuple[set[str], bool, bool]:
        names: set[str] = set()
        state = {"text": False}
        seen: set[int] = set()

        def first(q: _Pat) -> None:
            if q.uid in seen:
                return
            seen.add(q.uid)
            if q.kind == "choice" or q.kind == "interleave":
                for member in (q.a if q.kind == "choice" else (q.a, q.b)):
                    first(member)
            elif q.kind in ("group",):
                first(q.a)
                if q.a.nullable:
                    first(q.b)
            elif q.kind in ("oneOrMore", "after"):
                first(q.a)
            elif q.kind == "element":
                names.update(q.a.describe())
            elif q.kind in ("text", "data", "value", "dataExcept", "list"):
                state["text"] = True

        first(p)
        end = self.end_tag(p).kind != "notAllowed"
        return names, state["text"], end

    def required_attributes(self, p: _Pat) -> list[str]:
        """Attribute names that must still be given (for "missing required attribute")."""
        names: list[str] = []

        def walk(q: _Pat) -> None:
            if q.nullable:
                return
            if q.kind == "attribute":
                names.extend(q.a.describe())
            elif q.kind in ("group", "interleave", "after"):
                walk(q.a)
                if q.kind != "after":
                    walk(q.b)
            elif q.kind == "oneOrMore":
                walk(q.a)
            elif q.kind == "choice":
                for member in q.a:
                    walk(member)

        walk(p)
        return sorted(set(names))


class _NameClass:
    """A RELAX NG name class: name, anyName, nsName (with except), choice."""

    def __init__(self, kind: str, ns: str = "", local: str = "", children=(), exclude=None):
        self.kind, self.ns, self.local = kind, ns, local
        self.children, self.exclude = tuple(children), exclude

    def contains(self, qname: tuple[str, str]) -> bool:
        if self.kind == "name":
            return qname == (self.ns, self.local)
        if self.kind == "choice":
            return any(child.contains(qname) for child in self.children)
        inside = self.kind == "anyName" or qname[0] == self.ns
        return inside and not (self.exclude and self.exclude.contains(qname))

    def describe(self) -> list[str]:
        if self.kind == "name":
            return [self.local]
        if self.kind == "choice":
            return [name for child in self.children for name in child.describe()]
        return []


class _LazyContent:
    """An element's content pattern, built when the element is first met (recursion)."""

    def __init__(self, builder: "_Builder", nodes: list[etree._Element]):
        self.builder, self.nodes, self.built = builder, nodes, None

    def pattern(self) -> _Pat:
        if self.built is None:
            self.built = self.builder.group_of(self.nodes)
        return self.built


class _Datatypes:
    """Datatype checks delegated to libxml2, one tiny compiled schema per datatype."""

    def __init__(self, library: str):
        self.library = library
        self.schemas: dict[bytes, etree.RelaxNG] = {}

    def allows(self, node_key: bytes, text: str) -> bool:
        schema = self.schemas.get(node_key)
        if schema is None:
            wrapper = (b'<element xmlns="' + RNG.encode() + b'" name="v" datatypeLibrary="'
                       + self.library.encode() + b'">' + node_key + b"</element>")
            schema = self.schemas[node_key] = etree.RelaxNG(etree.fromstring(wrapper))
        probe = etree.Element("v")
        probe.text = text
        return schema.validate(probe)


class _Builder:
    """RELAX NG XML (a flat, simplified-enough grammar) -> interned patterns."""

    def __init__(self, grammar: etree._Element):
        self.library = grammar.get("datatypeLibrary", "")
        self.patterns = _Patterns(_Datatypes(self.library))
        self.defines = {d.get("name"): d for d in grammar.iter(_R + "define")}
        self.refs: dict[str, _Pat] = {}
        self.start = self.group_of(list(grammar.find(_R + "start")))

    def group_of(self, nodes: list[etree._Element]) -> _Pat:
        result = self.patterns.EMPTY
        for node in nodes:
            result = self.patterns.group(result, self.build(node))
        return result

    def build(self, node: etree._Element) -> _Pat:
        P = self.patterns
        tag = etree.QName(node).localname
        if tag == "ref":
            name = node.get("name")
            if name not in self.refs:
                self.refs[name] = P.NOT  # placeholder; recursion goes through elements
                self.refs[name] = self.group_of(list(self.defines[name]))
            return self.refs[name]
        if tag == "empty":
            return P.EMPTY
        if tag == "notAllowed":
            return P.NOT
        if tag == "text":
            return P.TEXT
        if tag in ("choice",):
            result = P.NOT
            for child in node:
                result = P.choice(result, self.build(child))
            return result
        if tag == "group":
            return self.group_of(list(node))
        if tag == "interleave":
            result = P.EMPTY
            for child in node:
                result = P.interleave(result, self.build(child))
            return result
        if tag == "optional":
            return P.choice(self.group_of(list(node)), P.EMPTY)
        if tag == "zeroOrMore":
            return P.choice(P.one_or_more(self.group_of(list(node))), P.EMPTY)
        if tag == "oneOrMore":
            return P.one_or_more(self.group_of(list(node)))
        if tag == "mixed":
            return P.interleave(self.group_of(list(node)), P.TEXT)
        if tag == "list":
            return P.simple("list", self.group_of(list(node)))
        if tag in ("data", "value"):
            return self._datatype(node)
        if tag in ("element", "attribute"):
            children = list(node)
            if node.get("name") is not None:
                name_class = self._name(node, tag == "attribute")
            else:
                name_class = self._name_class(children.pop(0), tag == "attribute")
            if tag == "element":
                return P.simple("element", name_class, _LazyContent(self, children))
            content = self.group_of(children) if children else P.TEXT
            return P.simple("attribute", name_class, content)
        raise ValueError(f"unsupported RELAX NG pattern <{tag}>")

    def _datatype(self, node: etree._Element) -> _Pat:
        P = self.patterns
        excepted = node.find(_R + "except")
        key_node = etree.Element(node.tag, nsmap={None: RNG})
        for name, value in node.attrib.items():
            key_node.set(name, value)
        key_node.set("ns", _inherited(node, "ns"))
        key_node.text = node.text
        for child in node:
            if child.tag == _R + "param":
                key_node.append(etree.fromstring(etree.tostring(child)))
        key = etree.tostring(key_node)
        if etree.QName(node).localname == "value" and node.get("type") is None:
            key = key.replace(b"<value", b'<value type="token"', 1)
        if excepted is not None:
            excluded = P.NOT
            for child in excepted:
                excluded = P.choice(excluded, self.build(child))
            return P.simple("dataExcept", key, excluded)
        return P.simple("value" if node.tag == _R + "value" else "data", key)

    def _name(self, node: etree._Element, attribute: bool) -> _NameClass:
        name = node.get("name")
        if ":" in name:
            prefix, local = name.split(":", 1)
            ns = XML_NS if prefix == "xml" else node.nsmap.get(prefix, "")
            return _NameClass("name", ns, local)
        ns = node.get("ns") if attribute else _inherited(node, "ns")
        return _NameClass("name", ns or "", name)

    def _name_class(self, node: etree._Element, attribute: bool) -> _NameClass:
        tag = etree.QName(node).localname
        if tag == "name":
            text = node.text.strip()
            if ":" in text:
                prefix, local = text.split(":", 1)
                return _NameClass("name", XML_NS if prefix == "xml" else node.nsmap.get(prefix, ""),
                                  local)
            return _NameClass("name", _inherited(node, "ns"), text)
        if tag == "choice":
            return _NameClass("choice", children=[self._name_class(c, attribute) for c in node])
        excepted = node.find(_R + "except")
        exclude = (_NameClass("choice", children=[self._name_class(c, attribute)
                                                  for c in excepted])
                   if excepted is not None else None)
        if tag == "anyName":
            return _NameClass("anyName", exclude=exclude)
        return _NameClass("nsName", ns=_inherited(node, "ns"), exclude=exclude)


def _inherited(node: etree._Element, attr: str) -> str:
    while node is not None:
        if node.get(attr) is not None:
            return node.get(attr)
        node = node.getparent()
    return ""


class Diagnoser:
    """Reusable for many documents against one grammar (patterns and datatypes are cached)."""

    def __init__(self, grammar: etree._Element, id_namespaces: tuple[str, ...] = ()):
        self.builder = _Builder(grammar)
        self.patterns = self.builder.patterns
        self.id_namespaces = id_namespaces
        self.element_classes = [
            self.builder._name(node, False) if node.get("name") is not None
            else self.builder._name_class(node[0], False)
            for node in grammar.iter(_R + "element")]
        self.known_names: dict[tuple[str, str], bool] = {}

    def known(self, qname: tuple[str, str]) -> bool:
        """Whether any element pattern of the grammar could match this name."""
        if qname not in self.known_names:
            self.known_names[qname] = any(nc.contains(qname) for nc in self.element_classes)
        return self.known_names[qname]

    def diagnose(self, tree: etree._ElementTree, positions: DocumentPositions | None,
                 limit: int = 50) -> list[Diagnosis]:
        """Errors in document order, jing's way; at most ``limit``."""
        return _Walk(self, tree, positions, limit).run()


class _Enough(Exception):
    """Raised to stop a walk once ``limit`` errors are reported."""


class _Walk:
    """One document: the derivative walk with error recovery."""

    def __init__(self, diagnoser: Diagnoser, tree, positions, limit: int):
        self.d, self.P = diagnoser, diagnoser.patterns
        self.limit = limit
        self.found: list[Diagnosis] = []
        self.ids: set[str] = set()
        elements = [e for e in tree.iter() if isinstance(e.tag, str)]
        usable = positions is not None and len(positions.elements) == len(elements)
        self.places = ({id(e): positions.elements[i] for i, e in enumerate(elements)}
                       if usable else {})
        self.keep = elements  # keeps the proxies (and so their ids) alive
        self.positions = positions if usable else None
        self.root = tree.getroot()

    def run(self) -> list[Diagnosis]:
        try:
            result = self.element(self.P.after(self.d.builder.start, self.P.EMPTY), self.root)
        except _Enough:
            return self.found
        if result is self.P.NOT and not self.found:
            self.report(self.root, "start", "document is not valid")
        return self.found

    def report(self, element, where: str, message: str, offset: int | None = None) -> None:
        place = self.places.get(id(element))
        if place is None:
            line, column = element.sourceline or 0, 0
        else:
            if offset is None:
                offset = place.end_tag_end if where == "end" else place.start_tag_end
            line, column = self.positions.line_col(offset)
        if len(self.found) == self.limit:
            self.found.append(Diagnosis(line, column, f"{message} (further errors of this "
                                        f"schema in this file are not reported)"))
            raise _Enough
        self.found.append(Diagnosis(line, column, message))

    def element(self, p: _Pat, el) -> _Pat:
        P = self.P
        qname = _qname(el.tag)
        opened = P.start_tag_open(p, qname)
        if opened is P.NOT:
            self.report(el, "start", self.not_allowed(p, el, qname))
            return p
        for name, value in el.attrib.items():
            attr = _qname(name)
            after_attr = P.attribute(opened, attr, value)
            if after_attr is P.NOT:
                self.report(el, "start", self.bad_attribute(opened, el, attr))
            else:
                opened = after_attr
        self.check_id(el, qname)
        closed = P.start_tag_close(opened)
        if closed is P.NOT:
            missing = P.required_attributes(opened)
            self.report(el, "start", f'element "{_display(el)}" missing required attribute'
                        f'{"s" if len(missing) > 1 else ""} {_quoted_list(missing, "and")}')
            closed = P.start_tag_close(opened, lenient=True)
        inside = self.children(closed, el)
        ended = P.end_tag(inside)
        if ended is P.NOT:
            names, text, _ = P.expected(inside)
            self.report(el, "end", f'element "{_display(el)}" incomplete; expected '
                        f'{_expectation(names, text, False)}')
            ended = P.end_tag(inside, lenient=True)
        return ended

    def children(self, p: _Pat, el) -> _Pat:
        P = self.P
        items = _content(el)
        if not any(isinstance(item, etree._Element) for item in items):
            text = "".join(items)
            if not text.strip():
                return P.choice(p, P.text(p, text))
            return self.text(p, el, text, -1)
        index = 0
        for item in items:
            if isinstance(item, str):
                if item.strip():
                    p = self.text(p, el, item, index)
            else:
                p = self.element(p, item)
                index += 1
        return p

    def text(self, p: _Pat, el, text: str, index: int) -> _Pat:
        after = self.P.text(p, text)
        if after is not self.P.NOT:
            return after
        names, _, end = self.P.expected(p)
        place = self.places.get(id(el))
        offset = place.child_tag_starts[index] if place is not None else None
        self.report(el, "start", f"text not allowed here; expected {_expectation(names, False, end)}",
                    offset)
        return p

    def check_id(self, el, qname: tuple[str, str]) -> None:
        value = el.get("{%s}id" % XML_NS)
        if value is None or qname[0] not in self.d.id_namespaces:
            return
        value = value.strip()
        if value in self.ids:
            self.report(el, "start", f'ID "{value}" has already been defined')
        self.ids.add(value)

    def not_allowed(self, p: _Pat, el, qname) -> str:
        names, text, end = self.P.expected(p)
        where = "here" if self.d.known(qname) else "anywhere"
        return (f'element "{_display(el)}" not allowed {where}; expected '
                f"{_expectation(names, text, end)}")

    def bad_attribute(self, opened: _Pat, el, attr: tuple[str, str]) -> str:
        allowed = _attribute_names(opened)
        display = _attribute_display(el, attr)
        if attr in allowed:
            return f'value of attribute "{display}" is invalid'
        names = sorted(_attribute_display(el, a) for a in allowed)
        return (f'attribute "{display}" not allowed here; expected attribute '
                f'{_quoted_list(names, "or")}' if names else
                f'attribute "{display}" not allowed here')


def _qname(tag: str) -> tuple[str, str]:
    if tag[0] == "{":
        ns, local = tag[1:].split("}", 1)
        return ns, local
    return "", tag


def _content(el) -> list:
    """Children as merged text runs and elements (comments and PIs only split nothing)."""
    items: list = []
    text = el.text or ""
    for child in el:
        if isinstance(child.tag, str):
            items.append(text)
            items.append(child)
            text = ""
        text += child.tail or ""
    items.append(text)
    return [item for item in items if not isinstance(item, str) or item]


def _attribute_names(p: _Pat) -> set[tuple[str, str]]:
    names: set[tuple[str, str]] = set()
    seen: set[int] = set()

    def walk(q: _Pat) -> None:
        if q.uid in seen:
            return
        seen.add(q.uid)
        if q.kind == "attribute":
            if q.a.kind == "name":
                names.add((q.a.ns, q.a.local))
            elif q.a.kind == "choice":
                names.update((c.ns, c.local) for c in q.a.children if c.kind == "name")
        elif q.kind == "choice":
            for member in q.a:
                walk(member)
        elif q.kind in ("group", "interleave"):
            walk(q.a)
            walk(q.b)
        elif q.kind in ("oneOrMore", "after"):
            walk(q.a)

    walk(p)
    return names


def _display(el) -> str:
    local = etree.QName(el).localname
    return f"{el.prefix}:{local}" if el.prefix else local


def _attribute_display(el, attr: tuple[str, str]) -> str:
    ns, local = attr
    if not ns:
        return local
    if ns == XML_NS:
        return f"xml:{local}"
    prefix = next((k for k, v in el.nsmap.items() if v == ns and k), None)
    return f"{prefix}:{local}" if prefix else f"{{{ns}}}{local}"


def _quoted_list(names: list[str], last: str) -> str:
    quoted = [f'"{name}"' for name in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + f" {last} " + quoted[-1]


def _expectation(names: set[str], text: bool, end: bool) -> str:
    parts = []
    if end:
        parts.append("the element end-tag")
    if text:
        parts.append("text")
    if names:
        ordered = sorted(names)
        parts.append(("element " if len(ordered) == 1 else "element ")
                     + _quoted_list(ordered, "or"))
    if not parts:
        return "nothing"
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " or " + parts[-1]
