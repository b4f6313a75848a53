"""HTML: a standalone reading edition in one file (inline CSS, no script, no network).

Header facts, the text with its divisions and numbered paragraphs, figures, notes that
link to and from their markers, entities with their authority facts on hover and on
keyboard focus, dates with their normalised value, and an index of people,
organisations, places and events linking to every mention. Print CSS included.
"""
from __future__ import annotations

import re
from importlib.resources import files

from lxml import etree

from ..teitext import (XML_ID, XML_LANG, HeaderFacts, IndexEntry, Note, Record, TeiSource, authority_records,
                       date_attrs, date_label, entity_index, header_facts, holds_blocks, is_block, joined_tail, local,
                       notes_of, plain_text, reading_children, text_roots)
from ..writer import append_text
from . import Exporter

KIND_TITLES = {"person": "People", "org": "Organisations", "place": "Places", "event": "Events",
               "object": "Objects"}
KIND_NAMES = {"person": "person", "org": "organisation", "place": "place", "event": "event", "object": "object"}
MAX_VARIANTS = 3  # variant names shown in a tooltip or index entry
DIVS = frozenset(("div", "div1", "div2", "div3", "div4", "div5", "div6", "div7"))
HTML_DATETIME = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
# BCP 47 (HTML lang) wants the two-letter ISO 639-1 code where one exists; TEI files often use ISO 639-2.
ISO_639_1 = {
    "ara": "ar", "bul": "bg", "cat": "ca", "ces": "cs", "cze": "cs", "cym": "cy", "wel": "cy", "dan": "da",
    "deu": "de", "ger": "de", "ell": "el", "gre": "el", "eng": "en", "spa": "es", "est": "et", "fin": "fi",
    "fra": "fr", "fre": "fr", "gle": "ga", "heb": "he", "hrv": "hr", "hun": "hu", "ita": "it", "jpn": "ja",
    "lat": "la", "lit": "lt", "lav": "lv", "nld": "nl", "dut": "nl", "nor": "no", "pol": "pl", "por": "pt",
    "ron": "ro", "rum": "ro", "rus": "ru", "slk": "sk", "slo": "sk", "slv": "sl", "srp": "sr", "swe": "sv",
    "tur": "tr", "ukr": "uk", "yid": "yi", "zho": "zh", "chi": "zh",
}


def html_lang(code: str | None) -> str | None:
    """A TEI language code as an HTML ``lang`` value (None when it is not a language tag)."""
    if not code or not LANG_TAG.match(code):
        return None
    first, _, rest = code.partition("-")
    first = ISO_639_1.get(first.lower(), first)
    return f"{first}-{rest}" if rest else first
HI_TAGS = (("bold", "b"), ("italic", "i"), ("underline", "u"), ("superscript", "sup"), ("sup", "sup"),
           ("subscript", "sub"), ("sub", "sub"), ("strikethrough", "s"))
# TEI elements that become an HTML element of their own in running text.
PHRASING_TAGS = {"emph": "em", "title": "cite", "del": "del", "add": "ins", "abbr": "abbr", "code": "code"}
# Paragraph-like TEI elements rendered as an HTML <p> with a class.
PARAGRAPHS = frozenset(("p", "ab", "dateline", "salute", "signed", "byline", "docAuthor", "docDate",
                        "docImprint", "titlePart", "speaker", "stage", "trailer", "label", "bibl", "address"))


def css() -> str:
    """The edition's stylesheet (shipped as ``tei_toolkit/data/edition.css``)."""
    return files("tei_toolkit").joinpath("data/edition.css").read_text(encoding="utf-8")


def _h(tag: str, parent: etree._Element | None = None, text: str | None = None, **attrs: str | None) -> etree._Element:
    clean = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items() if v is not None}
    node = etree.Element(tag, clean) if parent is None else etree.SubElement(parent, tag, clean)
    if text:
        node.text = text
    return node


def record_facts(record: Record | None, kind: str, ref: str | None, with_name: bool = True) -> str:
    """One line of authority facts for a tooltip (with the preferred name) or the index (without)."""
    if record is None:
        if ref:
            return f"{KIND_NAMES.get(kind, kind)}; authority: {ref}"
        return f"{KIND_NAMES.get(kind, kind)} (no authority record)"
    details = [f"{key}: {value}" for key, value in record.facts.items() if key != "label"]
    names = [n for n in record.names[1:] if n != record.name]
    if names:
        shown = names[:MAX_VARIANTS] + (["…"] if len(names) > MAX_VARIANTS else [])
        details.insert(0, "also: " + ", ".join(shown))
    kind_name = KIND_NAMES.get(record.kind, record.kind)
    return "; ".join([f"{record.name} ({kind_name})" if with_name else kind_name] + details)


class HtmlRenderer:
    """Renders one TEI document; ids are derived from the document, so output is deterministic."""

    def __init__(self, source: TeiSource) -> None:
        self.root = source.root
        self.facts: HeaderFacts = header_facts(self.root)
        self.records = authority_records(self.root)
        text = plain_text(self.root)
        self.index: list[IndexEntry] = entity_index(text, self.records)
        self.used_ids: set[str] = {n.get(XML_ID) for n in self.root.iter() if isinstance(n.tag, str) and n.get(XML_ID)}
        self.mention_ids: dict[int, str] = {}
        self.mention_entry: dict[int, IndexEntry] = {}
        for number, (entry, mention) in enumerate(((e, m) for e in self.index for m in e.mentions), start=1):
            self.mention_ids[id(mention.annotation.node)] = self._new_id(f"m{number}")
            self.mention_entry[id(mention.annotation.node)] = entry
        self.notes: dict[int, Note] = {id(n.element): n for n in notes_of(self.root)}
        self.anchor_of: dict[int, Note] = {id(a): n for n in self.notes.values() for a in n.anchors}
        self.anchor_ids: dict[int, str] = {}
        self.note_ids: dict[int, str] = {}
        for note in self.notes.values():
            self.note_ids[id(note.element)] = note.element.get(XML_ID) or self._new_id(note.id)
            for anchor in note.anchors:
                self.anchor_ids[id(anchor)] = anchor.get(XML_ID) or self._new_id(f"{note.id}-ref")
        self.lifted: list[tuple[Note, str]] = []  # notes inside running text, shown at the end

    def _new_id(self, wanted: str) -> str:
        candidate, k = re.sub(r"[^\w.-]", "-", wanted), 1
        while candidate in self.used_ids:
            k += 1
            candidate = f"{wanted}-{k}"
        self.used_ids.add(candidate)
        return candidate

    # -- page ------------------------------------------------------------------------------
    def render(self) -> bytes:
        html = _h("html", lang=html_lang(self.facts.language) or "und")
        head = _h("head", html)
        _h("meta", head, charset="utf-8")
        _h("meta", head, name="viewport", content="width=device-width, initial-scale=1")
        _h("meta", head, name="generator", content="tei-toolkit")
        _h("title", head, self.facts.title)
        _h("style", head, css())
        body = _h("body", html)
        _h("a", body, "Skip to the text", href="#text", class_="skip")
        self._header(body)
        main = _h("main", body, id="text")
        for part in text_roots(self.root):
            self._flow(part, main, 2)
        self._lifted_notes(main)
        self._index(main)
        footer = _h("footer", body)
        footer.text = "Reading edition generated from TEI by tei-toolkit."
        return b"<!DOCTYPE html>\n" + etree.tostring(html, method="html", encoding="utf-8") + b"\n"

    def _header(self, body: etree._Element) -> None:
        facts = self.facts
        header = _h("header", body, class_="doc-header")
        _h("h1", header, facts.title)
        rows: list[tuple[str, str, str | None]] = []
        if facts.authors:
            rows.append(("Author", "; ".join(facts.authors), None))
        for action in facts.correspondence:
            if action.type == "received" and action.parties:
                rows.append(("Addressed to", "; ".join(p.name for p in action.parties), None))
        if facts.date:
            rows.append(("Date", f"{facts.date_text} ({facts.date})" if facts.date_text else facts.date, None))
        if facts.source:
            rows.append(("Source", facts.source, facts.source_url))
        if facts.archival:
            rows.append(("Archival original", facts.archival, None))
        if facts.publisher:
            rows.append(("Published by", facts.publisher, None))
        if facts.licence:
            rows.append(("Licence", facts.licence, facts.licence_url))
        if not rows:
            return
        dl = _h("dl", header, class_="facts")
        for label, value, url in rows:
            _h("dt", dl, label)
            dd = _h("dd", dl, value)
            if url and url not in value:
                dd.text = value + " "
                _h("a", dd, url, href=url)

    # -- flow content (divisions, paragraphs, figures, notes) -------------------------------------
    def _flow(self, node: etree._Element, parent: etree._Element, level: int) -> None:
        name = local(node)
        if name == "note" and id(node) in self.notes:
            self._note(self.notes[id(node)], parent)
        elif name == "head":
            self._heading(node, parent, level)
        elif name == "figure":
            self._figure(node, parent, level)
        elif name in ("list", "listBibl") and not (node.text or "").strip():
            self._list(node, parent, level)
        elif name == "table":
            self._table(node, parent)
        elif name in PARAGRAPHS or not holds_blocks(node):
            if not self._is_empty(node):
                tag = "p" if name != "l" else "div"
                self._phrasing_into(node, _h(tag, parent, class_=f"tei-{name}", id=self._id_of(node)))
        else:
            self._container(node, parent, level)

    def _is_empty(self, node: etree._Element) -> bool:
        return not "".join(node.itertext()).strip() and not any(local(n) in ("pb", "gap", "graphic")
                                                                for n in node.iter())

    def _container(self, node: etree._Element, parent: etree._Element, level: int) -> None:
        name = local(node)
        children = reading_children(node)
        titled = any(local(c) == "head" for c in children)
        untitled_notes = name in DIVS and not titled and children and all(local(c) == "note" for c in children)
        tag = "section" if name in DIVS else ("blockquote" if name in ("quote", "cit", "q") else "div")
        attrs = {"class": " ".join(filter(None, (f"tei-{name}", node.get("type") and f"type-{_token(node.get('type'))}"))),
                 "id": self._id_of(node)}
        if node.get("n"):
            attrs["data-n"] = node.get("n")
        element = _h(tag, parent, **attrs)
        if untitled_notes:
            _h(f"h{min(level, 6)}", element, "Notes")
        inner = level + 1 if titled or untitled_notes else level
        for child in children:
            if local(child) == "head":
                self._heading(child, element, level)
            else:
                self._flow(child, element, inner)

    def _heading(self, node: etree._Element, parent: etree._Element, level: int) -> None:
        if local(node.getparent()) in DIVS or local(node.getparent()) in ("front", "body", "back"):
            self._phrasing_into(node, _h(f"h{min(level, 6)}", parent, id=self._id_of(node)))
        else:
            self._phrasing_into(node, _h("p", parent, class_="tei-head"))

    def _figure(self, node: etree._Element, parent: etree._Element, level: int) -> None:
        figure = _h("figure", parent, id=self._id_of(node))
        for child in reading_children(node):
            if local(child) == "head":
                self._phrasing_into(child, _h("figcaption", figure))
            elif local(child) == "graphic":
                self._graphic(child, _h("p", figure, class_="graphic"))
            else:
                self._flow(child, figure, level)

    def _graphic(self, node: etree._Element, parent: etree._Element) -> None:
        url = node.get("url", "")
        parent.text = "Image: "
        if url:
            _h("a", parent, url, href=url)  # a link, never loaded: the page stays offline

    def _list(self, node: etree._Element, parent: etree._Element, level: int) -> None:
        ordered = node.get("rend") in ("numbered", "ordered") or node.get("type") in ("ordered", "numbered")
        holder = _h("ol" if ordered else "ul", parent, class_=f"tei-{local(node)}", id=self._id_of(node))
        for child in reading_children(node):
            if local(child) == "head":
                item = _h("li", holder, class_="tei-head")
                self._phrasing_into(child, item)
            elif holds_blocks(child):
                item = _h("li", holder)
                for grandchild in reading_children(child):
                    self._flow(grandchild, item, level)
            else:
                self._phrasing_into(child, _h("li", holder, id=self._id_of(child)))

    def _table(self, node: etree._Element, parent: etree._Element) -> None:
        table = _h("table", parent, id=self._id_of(node))
        heads = [c for c in node if local(c) == "head"]
        if heads:
            self._phrasing_into(heads[0], _h("caption", table))
        tbody = _h("tbody", table)
        for row in (r for r in node if local(r) == "row"):
            tr = _h("tr", tbody)
            for cell in (c for c in row if local(c) == "cell"):
                td = _h("th" if row.get("role") == "label" else "td", tr)
                if cell.get("cols", "").isdigit():
                    td.set("colspan", cell.get("cols"))
                self._phrasing_into(cell, td)

    def _note(self, note: Note, parent: etree._Element) -> None:
        aside = _h("aside", parent, class_="note", id=self.note_ids[id(note.element)], role="note")
        self._note_content(note, aside)
        self._backlinks(aside, [self.anchor_ids[id(a)] for a in note.anchors])

    def _note_content(self, note: Note, parent: etree._Element) -> None:
        """The note's own label (if it has one) beside its text."""
        if holds_blocks(note.element):
            children = reading_children(note.element)
            for label in (c for c in children if local(c) == "label"):
                self._phrasing_into(label, _h("span", parent, class_="note-label"))
            body = _h("div", parent, class_="note-body")
            for child in (c for c in children if local(c) != "label"):
                self._flow(child, body, 6)
        else:
            self._phrasing_into(note.element, _h("p", _h("div", parent, class_="note-body")))

    @staticmethod
    def _backlinks(parent: etree._Element, anchors: list[str]) -> None:
        for number, anchor in enumerate(anchors, start=1):
            label = "Back to the text" + (f" ({number})" if len(anchors) > 1 else "")
            _h("a", parent, "↩", href=f"#{anchor}", class_="backlink", aria_label=label, title=label)

    def _lifted_notes(self, main: etree._Element) -> None:
        if not self.lifted:
            return
        section = _h("section", main, class_="footnotes", id=self._new_id("footnotes"))
        _h("h2", section, "Footnotes")
        listing = _h("ul", section)
        for note, anchor in self.lifted:
            item = _h("li", listing, id=self.note_ids[id(note.element)], class_="note")
            _h("span", item, note.label, class_="note-label")
            self._note_content(note, item)
            self._backlinks(item, [anchor] + [self.anchor_ids[id(a)] for a in note.anchors])

    # -- phrasing content ------------------------------------------------------------------------
    def _phrasing_into(self, node: etree._Element, target: etree._Element, in_link: bool = False) -> None:
        append_text(target, node.text)
        for child in reading_children(node):
            self._phrasing(child, target, in_link)
            append_text(target, joined_tail(child))

    def _phrasing(self, node: etree._Element, parent: etree._Element, in_link: bool) -> None:
        name = local(node)
        if name == "note" and id(node) in self.notes and not in_link:
            self._note_marker(self.notes[id(node)], parent)
        elif id(node) in self.anchor_of and not in_link:
            note = self.anchor_of[id(node)]
            link = _h("a", parent, href=f"#{self.note_ids[id(note.element)]}", id=self.anchor_ids[id(node)],
                      class_="noteref", role="doc-noteref")
            self._phrasing_into(node, link, True)
            if not len(link) and not link.text:
                link.text = note.label
        elif id(node) in self.mention_ids:
            self._entity(node, parent, in_link)
        elif name in ("date", "time") and date_label(date_attrs(node)):
            self._date(node, parent, in_link)
        elif name in ("lb", "cb"):
            if node.get("break") != "no":
                _h("br", parent)
        elif name == "pb":
            _h("span", parent, class_="pb", data_n=node.get("n") or "")
        elif name == "space":
            append_text(parent, " ")
        elif name == "gap":
            _h("span", parent, "[…]", class_="gap", title=node.get("reason") or "gap in the text")
        elif name in ("ref", "ptr") and not in_link and self._link_target(node):
            link = _h("a", parent, href=self._link_target(node), class_=f"tei-{name}")
            self._phrasing_into(node, link, True)
            if name == "ptr":
                link.text = node.get("target")
        elif name == "choice":
            self._choice(node, parent, in_link)
        else:
            self._phrasing_into(node, self._phrasing_element(node, parent), in_link)

    def _phrasing_element(self, node: etree._Element, parent: etree._Element) -> etree._Element:
        name = local(node)
        tag, cls = PHRASING_TAGS.get(name, "span"), f"tei-{name}"
        if name == "hi":
            rend = node.get("rend", "")
            tag = next((t for key, t in HI_TAGS if key in rend), "span")
            cls += " " + " ".join(_token(r) for r in rend.split()) if rend else ""
        attrs = {"class": cls, "id": self._id_of(node)}
        if html_lang(node.get(XML_LANG)):
            attrs["lang"] = html_lang(node.get(XML_LANG))
        if name == "foreign" and tag == "span":
            tag = "i"
        if is_block(node):
            attrs["class"] += " block"
        return _h(tag, parent, **attrs)

    def _link_target(self, node: etree._Element) -> str | None:
        target = (node.get("target") or "").split()
        if not target:
            return None
        first = target[0]
        if re.match(r"^(https?|mailto):", first):
            return first
        if first.startswith("#") and first[1:] in self.used_ids:
            return first
        return None

    def _note_marker(self, note: Note, parent: etree._Element) -> None:
        anchor = self._new_id(f"{self.note_ids[id(note.element)]}-ref")
        sup = _h("sup", parent)
        _h("a", sup, note.label, href=f"#{self.note_ids[id(note.element)]}", id=anchor, class_="noteref",
           role="doc-noteref")
        self.lifted.append((note, anchor))

    def _entity(self, node: etree._Element, parent: etree._Element, in_link: bool) -> None:
        entry = self.mention_entry[id(node)]
        mention_id = self.mention_ids[id(node)]
        tip_id = f"{mention_id}-tip"
        attrs = {"class": f"ent ent-{entry.kind}", "id": mention_id, "data-ref": entry.ref}
        if not in_link:
            attrs.update({"tabindex": "0", "aria-describedby": tip_id})
        span = _h("span", parent, **attrs)
        self._phrasing_into(node, span, in_link)
        _h("span", span, record_facts(entry.record, entry.kind, entry.ref), class_="tip", role="tooltip", id=tip_id)

    def _date(self, node: etree._Element, parent: etree._Element, in_link: bool) -> None:
        attrs = date_attrs(node)
        value = date_label(attrs)
        shown = value + (f" (cert: {attrs['cert']})" if attrs.get("cert") else "")
        if attrs.get("when-custom"):
            shown += f"; {attrs.get('datingMethod', 'other calendar').lstrip('#')}: {attrs['when-custom']}"
        if HTML_DATETIME.match(value):
            element = _h("time", parent, datetime=value, data_norm=shown, class_="date", id=self._id_of(node))
        else:
            element = _h("span", parent, data_norm=shown, class_="date", id=self._id_of(node))
        self._phrasing_into(node, element, in_link)

    def _choice(self, node: etree._Element, parent: etree._Element, in_link: bool) -> None:
        shown = reading_children(node)
        others = [c for c in node if isinstance(c.tag, str) and c not in shown]
        title = "; ".join(f"{local(c)}: {' '.join(''.join(c.itertext()).split())}" for c in others) or None
        span = _h("span", parent, class_="tei-choice", title=title)
        for child in shown:
            self._phrasing_into(child, self._phrasing_element(child, span), in_link)

    def _id_of(self, node: etree._Element) -> str | None:
        xml_id = node.get(XML_ID)
        return xml_id if xml_id and re.match(r"^\S+$", xml_id) else None

    # -- index ---------------------------------------------------------------------------------
    def _index(self, main: etree._Element) -> None:
        if not self.index:
            return
        section = _h("section", main, class_="index", id=self._new_id("index"))
        _h("h2", section, "Index")
        for kind, title in KIND_TITLES.items():
            entries = [e for e in self.index if e.kind == kind]
            if not entries:
                continue
            part = _h("section", section, class_=f"index-{kind}")
            _h("h3", part, title)
            listing = _h("ul", part)
            for entry in entries:
                item = _h("li", listing)
                _h("span", item, entry.name, class_="index-name")
                facts = record_facts(entry.record, entry.kind, entry.ref, with_name=False)
                _h("span", item, f" — {facts}: ", class_="index-facts")
                for number, mention in enumerate(entry.mentions, start=1):
                    if number > 1:
                        append_text(item, ", ")
                    _h("a", item, str(number), href=f"#{self.mention_ids[id(mention.annotation.node)]}",
                       title=mention.text, aria_label=f"{entry.name}, mention {number}")


def _token(value: str) -> str:
    return re.sub(r"[^\w-]", "-", value)


def export_html(source: TeiSource) -> bytes:
    return HtmlRenderer(source).render()


EXPORTER = Exporter("html", "html", "text/html; charset=utf-8",
                    "standalone reading edition: one file, inline CSS, no script, no network", export_html)
