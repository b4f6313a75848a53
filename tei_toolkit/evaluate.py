"""Compare the markup of two TEI files (gold and output) on the plain text of ``<text>``.

Mentions are compared by type and exact character offsets in the text of ``<text>``
(whitespace runs count as one space; if the two texts still differ, offsets of the
output are carried over to the gold text through their common stretches). Reported:
precision, recall and F1 per type; date normalisation (matched dates with identical
normalised attributes); linking (matched names with the same @ref, after mapping the
output's ids one-to-one onto the gold's by shared mentions, so different id spellings
do not count against it); archival structure (matched archival references with the
same repository, fond, opis, delo, call number and folios). Every difference (missed,
spurious, other date values, other links) is listed too, for the reviewer.
"""
from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .authority import parse_xml

TEI = "{http://www.tei-c.org/ns/1.0}"
TYPES = ["persName", "orgName", "placeName", "event", "date", "archival", "title", "bibl"]
NAME_TYPES = ["persName", "orgName", "placeName", "event"]
DATE_ATTRS = ("when", "from", "to", "notBefore", "notAfter", "when-custom")


@dataclass
class Mention:
    type: str
    start: int
    end: int
    element: etree._Element = field(repr=False)

    @property
    def key(self) -> tuple[str, int, int]:
        return self.type, self.start, self.end

    @property
    def ref(self) -> str | None:
        ref = self.element.get("ref")
        return ref.lstrip("#") if ref else None


def _type_of(element: etree._Element) -> str | None:
    tag = etree.QName(element).localname
    if tag in ("persName", "orgName", "placeName", "date", "title"):
        return tag
    if tag == "name" and element.get("type") == "event":
        return "event"
    if tag == "bibl":
        return "archival" if element.get("type") == "archival" else ("bibl" if element.get("type") != "credit" else None)
    return None


def extract(path: Path) -> tuple[str, list[Mention]]:
    """The whitespace-normalised plain text of ``<text>`` and the mentions in it."""
    root = parse_xml(path).getroot()
    text_el = root.find(f"{TEI}text")
    if text_el is None:
        from .errors import ToolkitError

        raise ToolkitError(f"{path}: no <text> element")
    chunks: list[str] = []
    raw: list[tuple[etree._Element, int, int]] = []
    length = 0

    def walk(node: etree._Element) -> None:
        nonlocal length
        start = length
        if node.text and isinstance(node.tag, str):
            chunks.append(node.text)
            length += len(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                chunks.append(child.tail)
                length += len(child.tail)
        if isinstance(node.tag, str):
            raw.append((node, start, length))

    walk(text_el)
    full = "".join(chunks)
    # Map raw offsets to offsets in the whitespace-collapsed text.
    positions, out, previous_space = [], [], False
    for ch in full:
        positions.append(len(out))
        if ch.isspace():
            if not previous_space:
                out.append(" ")
            previous_space = True
        else:
            out.append(ch)
            previous_space = False
    positions.append(len(out))
    normal = "".join(out)
    mentions = []
    for node, start, end in raw:
        kind = _type_of(node)
        if kind:
            s, e = positions[start], positions[end]
            while s < e and normal[s] == " ":
                s += 1
            while e > s and normal[e - 1] == " ":
                e -= 1
            mentions.append(Mention(kind, s, e, node))
    return normal, mentions


def _align(gold_text: str, out_text: str, mentions: list[Mention]) -> list[Mention]:
    """Carry output offsets over to the gold text when the two texts differ."""
    if gold_text == out_text:
        return mentions
    matcher = difflib.SequenceMatcher(None, out_text, gold_text, autojunk=False)
    blocks = matcher.get_matching_blocks()

    def move(pos: int, is_end: bool) -> int | None:
        for a, b, size in blocks:
            if a <= pos < a + size or (is_end and a < pos <= a + size):
                return b + (pos - a)
        return None

    moved = []
    for m in mentions:
        s, e = move(m.start, False), move(m.end, True)
        if s is not None and e is not None and e > s:
            moved.append(Mention(m.type, s, e, m.element))
    return moved


def _prf(tp: int, n_out: int, n_gold: int) -> dict:
    p = tp / n_out if n_out else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_out else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"gold": n_gold, "output": n_out, "matched": tp, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f, 4)}


def _id_map(pairs: list[tuple[Mention, Mention]]) -> dict[str, str]:
    """Output id -> gold id, one to one, by the number of mentions they share."""
    counts = Counter((o.ref, g.ref) for g, o in pairs if o.ref and g.ref)
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for (out_id, gold_id), _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0] != kv[0][1], kv[0])):
        if out_id not in mapping and gold_id not in taken:
            mapping[out_id] = gold_id
            taken.add(gold_id)
    return mapping


def _ratio(good: int, total: int) -> dict:
    return {"matched": total, "correct": good, "accuracy": round(good / total, 4) if total else None}


def _archival_parts(bibl: etree._Element, mapping: dict[str, str] | None) -> tuple:
    repo = bibl.find(f".//{TEI}orgName")
    ref = repo.get("ref", "").lstrip("#") if repo is not None else None
    if mapping is not None and ref:
        ref = mapping.get(ref, f"?{ref}")
    idnos = tuple(sorted((i.get("type"), "".join(i.itertext()).strip()) for i in bibl.iter(f"{TEI}idno")))
    folios = tuple((c.get("from"), c.get("to")) for c in bibl.iter(f"{TEI}citedRange") if c.get("unit") == "folio")
    return ref, idnos, folios


def evaluate(gold_path: Path, output_path: Path) -> dict:
    """All scores of ``output_path`` against ``gold_path`` as a dictionary."""
    gold_text, gold = extract(Path(gold_path))
    out_text, output = extract(Path(output_path))
    output = _align(gold_text, out_text, output)
    gold_by_key = {m.key: m for m in gold}
    out_by_key = {m.key: m for m in output}
    result: dict = {"gold": str(gold_path), "output": str(output_path), "same_text": gold_text == out_text,
                    "types": {}}
    pairs: dict[str, list[tuple[Mention, Mention]]] = {}
    for kind in TYPES:
        g = {k for k in gold_by_key if k[0] == kind}
        o = {k for k in out_by_key if k[0] == kind}
        both = sorted(g & o)
        pairs[kind] = [(gold_by_key[k], out_by_key[k]) for k in both]
        result["types"][kind] = _prf(len(both), len(o), len(g))
    dates = pairs["date"]
    same = sum(1 for g, o in dates if all(g.element.get(a) == o.element.get(a) for a in DATE_ATTRS))
    result["date_normalisation"] = _ratio(same, len(dates))
    name_pairs = [p for kind in NAME_TYPES for p in pairs[kind]]
    mapping = _id_map(name_pairs)
    result["linking"] = {}
    for kind in NAME_TYPES + ["all"]:
        chosen = name_pairs if kind == "all" else pairs[kind]
        good = sum(1 for g, o in chosen if g.ref and o.ref and mapping.get(o.ref) == g.ref)
        result["linking"][kind] = _ratio(good, len(chosen))
    archival = pairs["archival"]
    good = sum(1 for g, o in archival if _archival_parts(g.element, None) == _archival_parts(o.element, mapping))
    result["archival_structure"] = _ratio(good, len(archival))
    result["differences"] = _differences(gold_text, gold_by_key, out_by_key, pairs, mapping)
    return result


def _differences(text: str, gold: dict, output: dict, pairs: dict, mapping: dict[str, str]) -> list[dict]:
    """What a reviewer looks at: each missed and each spurious mention, each matched date with
    other values and each matched name linked elsewhere,
    each matched archival reference with other parts, in text order."""
    found = []

    def note(what: str, mention: Mention, gold_value: str = "", output_value: str = "") -> None:
        found.append({"what": what, "type": mention.type, "start": mention.start, "end": mention.end,
                      "text": text[mention.start:mention.end], "gold": gold_value, "output": output_value})

    for key in sorted(set(gold) - set(output)):
        note("missed", gold[key])
    for key in sorted(set(output) - set(gold)):
        note("spurious", output[key])
    for g, o in pairs["date"]:
        values = [" ".join(f"{a}={m.element.get(a)}" for a in DATE_ATTRS if m.element.get(a)) for m in (g, o)]
        if values[0] != values[1]:
            note("date value", g, *values)
    for kind in NAME_TYPES:
        for g, o in pairs[kind]:
            if g.ref and o.ref and mapping.get(o.ref) != g.ref:
                note("link", g, "#" + g.ref, "#" + o.ref)
    for g, o in pairs["archival"]:
        parts = [_archival_parts(g.element, None), _archival_parts(o.element, mapping)]
        if parts[0] != parts[1]:
            note("parts", g, *(_describe_parts(p) for p in parts))
    return sorted(found, key=lambda d: (d["start"], d["end"], d["type"], d["what"]))


def _describe_parts(parts: tuple) -> str:
    ref, idnos, folios = parts
    return " ".join([f"#{ref}" if ref else "no repository", *(f"{k}={v}" for k, v in idnos),
                     *(f"folios={a}-{b}" for a, b in folios)])


def format_table(result: dict) -> str:
    """A plain-text report of ``evaluate``'s result."""
    lines = [f"gold:   {result['gold']}", f"output: {result['output']}"]
    if not result["same_text"]:
        lines.append("note: the texts differ; output offsets were aligned to the gold text")
    lines.append(f"{'type':<10} {'gold':>5} {'output':>6} {'match':>5} {'P':>7} {'R':>7} {'F1':>7}")
    for kind, s in result["types"].items():
        lines.append(f"{kind:<10} {s['gold']:>5} {s['output']:>6} {s['matched']:>5} "
                     f"{s['precision']:>7.4f} {s['recall']:>7.4f} {s['f1']:>7.4f}")

    def acc(label: str, r: dict) -> str:
        value = "n/a" if r["accuracy"] is None else f"{r['accuracy']:.4f}"
        return f"{label:<28} {value:>7}  ({r['correct']}/{r['matched']})"

    lines.append(acc("date normalisation", result["date_normalisation"]))
    for kind, r in result["linking"].items():
        lines.append(acc(f"linking {kind}", r))
    lines.append(acc("archival structure", result["archival_structure"]))
    return "\n".join(lines)


def format_differences(result: dict) -> str:
    """One line per difference: what, type, offset, the text, and the two values where they differ."""
    lines = []
    for d in result["differences"]:
        values = f"  gold: {d['gold']}  output: {d['output']}" if d["gold"] or d["output"] else ""
        lines.append(f"{d['what']:<10} {d['type']:<9} @{d['start']:<6} “{d['text']}”{values}")
    return "\n".join(lines) or "no differences"
