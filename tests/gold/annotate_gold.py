"""Insert hand-chosen gold annotations into the converter's TEI, without touching the text.

The gold data is written by hand, one mention a line, in ``*.ann`` files (format in
``tests/gold/README.md``). This script only does the mechanical part: it converts the
edition with the converter, drops every inline element that is not structural (so no
automatic entity markup leaks into the gold), finds each hand-written mention in its
block by exact string and occurrence, nests the elements by their character ranges,
adds a ``<standOff>`` with the records the mentions point to (from ``records.tsv``) and
checks that the plain text of ``<text>`` is unchanged.

    python tests/gold/annotate_gold.py EDITION.txt ANNOTATIONS.ann -o GOLD.xml
    python tests/gold/annotate_gold.py EDITION.txt --blocks    # block keys and their text
    python tests/gold/annotate_gold.py --all                   # rebuild every gold file
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tei_toolkit.convert import convert_file, read_source
from tei_toolkit.reader import paragraphs
from tei_toolkit.document import Block, Span
from tei_toolkit.writer import inline, serialize

TEI = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
T = "{%s}" % TEI
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RECORDS = HERE / "records.tsv"

# Inline elements the converter adds for structure, with their nesting layer; all
# other inline elements of the converter's output are dropped before the gold goes in.
STRUCTURAL_LAYER = {"label": 10, "bibl:credit": 10, "supplied": 20, "ref": 90}
BLOCK_TAGS = {"titlePart", "p", "head", "dateline", "seg", "salute", "signed"}
# Nesting of gold mentions over the same characters: lower layer = outer element.
GOLD_LAYER = {"bibl": 30, "name": 40, "title": 40, "orgName": 45, "persName": 45,
              "placeName": 45, "idno": 50, "citedRange": 50, "date": 60}
STANDOFF = {"person": ("listPerson", "person", "persName"), "org": ("listOrg", "org", "orgName"),
            "place": ("listPlace", "place", "placeName"), "event": ("listEvent", "event", "label")}
MARKED = re.compile(r"«([^«»]+)»")
# Calendars that @datingMethod may point to, declared in profileDesc/calendarDesc.
CALENDARS = {"julian": "Julian calendar (Old Style), used in Russia until 31 January 1918."}


@dataclass
class Mention:
    key: str
    surface: str
    tag: str
    attrs: dict[str, str]
    occurrence: int  # 1-based; 0 = every occurrence not already inside a same-tag mention
    line: int


def attr_name(name: str) -> str:
    """Clark name -> TEI attribute name (``{xml-ns}id`` -> ``xml:id``)."""
    return "xml:" + name.split("}")[1] if name.startswith("{%s}" % XML_NS) else name


def to_block(element: etree._Element) -> Block:
    """A block element's text and its structural inline elements as stand-off spans."""
    block = Block("gold", "")

    def walk(node: etree._Element) -> None:
        block.text += node.text or ""
        for child in node:
            if not isinstance(child.tag, str):
                block.text += child.tail or ""
                continue
            start = len(block.text)
            walk(child)
            name = etree.QName(child).localname
            kind = f"{name}:{child.get('type')}" if name == "bibl" else name
            if kind in STRUCTURAL_LAYER:
                attrs = {attr_name(k): v for k, v in child.attrib.items()}
                block.spans.append(Span(start, len(block.text), name, attrs, STRUCTURAL_LAYER[kind]))
            block.text += child.tail or ""

    walk(element)
    return block


def block_keys(text_el: etree._Element) -> dict[str, etree._Element]:
    """Readable keys for every block of ``<text>``: title, intro1, cap1, dateline, class,
    salute, s3 / s3.2 (first / second paragraph of section 3; s0 = unnumbered section),
    signed, closedate, source, notes-head, note7."""
    keys: dict[str, etree._Element] = {}
    counts: Counter = Counter()

    def add(key: str, element: etree._Element) -> None:
        counts[key] += 1
        keys[key if counts[key] == 1 else f"{key}.{counts[key]}"] = element

    for element in text_el.iter(*(T + t for t in BLOCK_TAGS)):
        name = etree.QName(element).localname
        parent = element.getparent()
        pname = etree.QName(parent).localname
        if name == "titlePart":
            add("title", element)
        elif name == "head" and pname == "figure":
            counts["cap#"] += 1
            keys[f"cap{counts['cap#']}"] = element
        elif name == "head":
            add("notes-head", element)
        elif name == "dateline":
            add("dateline" if pname == "opener" else "closedate", element)
        elif name == "seg":
            add("class", element)
        elif name in ("salute", "signed"):
            add(name, element)
        elif pname == "note":
            add(f"note{parent.get('n')}", element)
        elif pname == "div" and parent.get("type") == "introduction":
            counts["intro#"] += 1
            keys[f"intro{counts['intro#']}"] = element
        elif pname == "div" and parent.get("type") == "source":
            add("source", element)
        elif pname == "div" and parent.get("type") == "section":
            add(f"s{parent.get('n') or 0}", element)
        else:
            raise SystemExit(f"unexpected block element {name} in {pname}")
    return keys


def line_keys(text_el: etree._Element, source: str) -> dict[str, etree._Element]:
    """Key every block by the source line its text starts on ("L17"): the keys survive any
    change in how the reader classifies paragraphs, since every block is a source paragraph
    (a note's text may be several paragraphs; it is keyed by its first)."""
    paras = paragraphs(source)
    keys: dict[str, etree._Element] = {}
    index = 0
    for element in block_keys(text_el).values():
        text = to_block(element).text
        while index < len(paras) and not (text == paras[index].text or text.startswith(paras[index].text + "\n")):
            index += 1
        if index == len(paras):
            raise SystemExit(f"block “{text[:40]}…” not found in the source: not a lossless conversion?")
        keys[f"L{paras[index].line}"] = element
        index += 1
    return keys


def read_mentions(path: Path) -> list[Mention]:
    """``key | surface | element | attr=value ... | occurrence`` a line; # comments."""
    mentions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split(" | ")]
        if len(fields) < 3:
            raise SystemExit(f"{path}:{number}: need key | surface | element [| attrs [| occurrence]]")
        attrs = dict(pair.split("=", 1) for pair in (fields[3].split() if len(fields) > 3 else []))
        occurrence = 1 if len(fields) < 5 or not fields[4] else 0 if fields[4] == "*" else int(fields[4])
        mentions.append(Mention(fields[0], fields[1], fields[2], attrs, occurrence, number))
    return mentions


def locate(text: str, mention: Mention) -> list[tuple[int, int]]:
    """Character ranges of the mention: the n-th whole-token occurrence of the surface
    (all of them for ``*``); ``left «mention» right`` searches the whole string and
    marks the part in guillemets."""
    marked = MARKED.search(mention.surface)
    plain = MARKED.sub(r"\1", mention.surface)
    inner_start = marked.start() if marked else 0
    inner_len = len(marked.group(1)) if marked else len(plain)
    hits = [m.start() for m in re.finditer(re.escape(plain), text)
            if not (m.start() > 0 and text[m.start() - 1].isalnum() and plain[0].isalnum())
            and not (m.end() < len(text) and text[m.end()].isalnum() and plain[-1].isalnum())]
    if len(hits) < max(mention.occurrence, 1):
        raise SystemExit(f"line {mention.line}: “{plain}” occurs {len(hits)} time(s) in {mention.key}, "
                         f"not {mention.occurrence}")
    chosen = hits if mention.occurrence == 0 else [hits[mention.occurrence - 1]]
    return [(h + inner_start, h + inner_start + inner_len) for h in chosen]


def annotate(root: etree._Element, mentions: list[Mention], source: str) -> Counter:
    """Put every mention into its block; returns counts per element (and @type)."""
    text_el = root.find(T + "text")
    keys = line_keys(text_el, source)
    by_key: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.key not in keys:
            raise SystemExit(f"line {mention.line}: no block {mention.key}")
        by_key.setdefault(mention.key, []).append(mention)
    counts: Counter = Counter()
    for key, element in keys.items():
        block = to_block(element)
        gold: list[Span] = []
        for mention in by_key.get(key, []):
            for start, end in locate(block.text, mention):
                inside = [s for s in gold if s.tag == mention.tag and (s.contains(Span(start, end, ""))
                                                                      or Span(start, end, "").contains(s))]
                if inside and mention.occurrence == 0:
                    continue  # "*": this occurrence is part of a longer mention of the same kind
                if inside:
                    raise SystemExit(f"line {mention.line}: “{block.text[start:end]}” nests in another {mention.tag}")
                span = block.add_span(start, end, mention.tag, GOLD_LAYER.get(mention.tag, 55), **mention.attrs)
                if span is None:
                    raise SystemExit(f"line {mention.line}: “{block.text[start:end]}” crosses or repeats a span in {key}")
                gold.append(span)
                counts[mention.tag + (f"[{mention.attrs['type']}]" if "type" in mention.attrs else "")] += 1
        tail = element.tail
        for child in list(element):
            element.remove(child)
        element.text = None
        inline(element, block)
        element.tail = tail
    return counts


def plain_text(root: etree._Element) -> str:
    return "".join(root.find(T + "text").itertext())


def read_records(path: Path = RECORDS) -> dict[str, tuple[str, str, str]]:
    """``id <TAB> person|org|place|event <TAB> preferred name <TAB> authority|provisional``."""
    records = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ident, kind, name, status = line.split("\t")
            records[ident] = (kind, name, status)
    return records


def add_standoff(root: etree._Element, records: dict[str, tuple[str, str, str]]) -> None:
    """One record per id the gold points to, grouped by kind, in id order."""
    used = sorted({ref[1:] for ref in root.find(T + "text").xpath(".//@ref") if ref.startswith("#")})
    missing = [i for i in used if i not in records]
    if missing:
        raise SystemExit(f"no record in {RECORDS.name} for: {', '.join(missing)}")
    standoff = etree.SubElement(root, T + "standOff")
    lists: dict[str, etree._Element] = {}
    for kind in STANDOFF:
        for ident in used:
            if records[ident][0] != kind:
                continue
            list_tag, rec_tag, name_tag = STANDOFF[kind]
            if kind not in lists:
                lists[kind] = etree.SubElement(standoff, T + list_tag)
            record = etree.SubElement(lists[kind], T + rec_tag)
            record.set("{%s}id" % XML_NS, ident)
            etree.SubElement(record, T + name_tag).text = records[ident][1]
            if records[ident][2] == "provisional":
                record.set("cert", "low")
                note = etree.SubElement(record, T + "note", type="status")
                note.text = "provisional: not in the authority list; to be reviewed"


def declare_calendars(root: etree._Element) -> None:
    """Give every ``@datingMethod="#x"`` of the text its ``<calendar xml:id="x">``."""
    used = sorted({v[1:] for v in root.find(T + "text").xpath(".//@datingMethod") if v.startswith("#")})
    if not used:
        return
    profile = root.find(f"{T}teiHeader/{T}profileDesc")
    if profile is None:
        profile = etree.SubElement(root.find(T + "teiHeader"), T + "profileDesc")
    declared = set(root.xpath("//@xml:id"))
    used = [ident for ident in used if ident not in declared]  # the converter may declare them already
    if not used:
        return
    calendars = etree.SubElement(profile, T + "calendarDesc")
    for ident in used:
        calendar = etree.SubElement(calendars, T + "calendar")
        calendar.set("{%s}id" % XML_NS, ident)
        etree.SubElement(calendar, T + "p").text = CALENDARS[ident]


def build_gold(edition: Path, annotations: Path) -> tuple[bytes, Counter]:
    conversion = convert_file(edition)
    source = read_source(edition)
    root = etree.fromstring(conversion.tei, etree.XMLParser(resolve_entities=False, no_network=True))
    for old in root.findall(T + "standOff"):
        root.remove(old)
    before = plain_text(root)
    counts = annotate(root, read_mentions(annotations), source)
    if plain_text(root) != before:
        raise SystemExit("the text of <text> changed: the gold would not be comparable by offsets")
    add_standoff(root, read_records())
    declare_calendars(root)
    return serialize(root), counts


def unmarked_repeats(data: bytes) -> list[str]:
    """Surfaces marked somewhere that also occur unmarked elsewhere (a hint for misses)."""
    root = etree.fromstring(data)
    text_el = root.find(T + "text")
    names = {"persName", "orgName", "placeName", "name"}
    surfaces = {"".join(e.itertext()) for e in text_el.iter() if isinstance(e.tag, str)
                and etree.QName(e).localname in names}
    hints = []
    for key, element in block_keys(text_el).items():
        block = to_block(element)
        marked = [(s, s + len(t)) for s, t in _marked_ranges(element)]
        for surface in surfaces:
            for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", block.text):
                if not any(a <= m.start() and m.end() <= b for a, b in marked):
                    hints.append(f"{key}: unmarked “{surface}” at {m.start()}: …{block.text[max(0, m.start()-30):m.end()+30]}…")
    return hints


def _marked_ranges(element: etree._Element) -> list[tuple[int, str]]:
    """(start, text) of every name element inside a block."""
    out = []
    pos = 0

    def walk(node):
        nonlocal pos
        pos += len(node.text or "")
        for child in node:
            start = pos
            walk(child)
            if etree.QName(child).localname in {"persName", "orgName", "placeName", "name", "title"}:
                out.append((start, "".join(child.itertext())))
            pos += len(child.tail or "")

    walk(element)
    return out


def gold_sets() -> list[tuple[Path, Path, Path]]:
    """(edition, annotations, gold) of every gold file: the corpus letter's live in
    tests/gold/, the test editions' beside them in tests/data/editions/."""
    sets = [(ROOT / "corpus" / (ann.stem + ".txt"), ann, ann.with_suffix(".gold.xml"))
            for ann in sorted(HERE.glob("*.ann"))]
    sets += [(txt, txt.with_suffix(".ann"), txt.with_suffix(".gold.xml"))
             for txt in sorted((ROOT / "tests" / "data" / "editions").glob("*.txt"))]
    return sets


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="rebuild every gold file")
    parser.add_argument("edition", type=Path, nargs="?")
    parser.add_argument("annotations", type=Path, nargs="?")
    parser.add_argument("-o", "--output", type=Path)
    parser.add_argument("--blocks", action="store_true", help="list block keys and their text")
    args = parser.parse_args(argv)
    if args.all:
        for edition, annotations, gold in gold_sets():
            data, counts = build_gold(edition, annotations)
            gold.write_bytes(data)
            print(gold.relative_to(ROOT), dict(sorted(counts.items())))
        return
    if args.blocks:
        root = etree.fromstring(convert_file(args.edition).tei)
        text_el = root.find(T + "text")
        roles = {e.getroottree().getpath(e): k for k, e in block_keys(text_el).items()}
        for key, element in line_keys(text_el, read_source(args.edition)).items():
            print(f"== {key} ({roles[element.getroottree().getpath(element)]})\n{to_block(element).text}\n")
        return
    data, counts = build_gold(args.edition, args.annotations)
    for hint in unmarked_repeats(data):
        print("hint:", hint, file=sys.stderr)
    if args.output:
        args.output.write_bytes(data)
    for tag, number in sorted(counts.items()):
        print(f"{tag}\t{number}")


if __name__ == "__main__":
    main()
