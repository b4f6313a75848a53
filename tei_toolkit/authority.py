"""Authority data: people, organisations, places and events as TEI records.

The project's knowledge of names lives in ``corpus/authority.xml`` (a TEI file whose
``standOff`` holds ``listPerson``, ``listOrg``, ``listPlace``, ``listEvent``), never in
code. This module loads it into an index the entity tagger matches against, makes
provisional records for names the file does not know (flagged for review), and moves
records an archivist has confirmed into the file.
"""
from __future__ import annotations

import copy
import functools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import ToolkitError
from .xmlsafe import safe_parser
from .resources import corpus_dir

TEI_NS = "http://www.tei-c.org/ns/1.0"
T = "{%s}" % TEI_NS
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"tei": TEI_NS}

# kind -> (list element, record element, name element)
KINDS = {
    "person": ("listPerson", "person", "persName"),
    "org": ("listOrg", "org", "orgName"),
    "place": ("listPlace", "place", "placeName"),
    "event": ("listEvent", "event", "label"),
}
# The element that marks a mention of each kind in the text.
MENTION_TAGS = {"person": "persName", "org": "orgName", "place": "placeName", "event": "name"}
REVIEW_NOTE = "review"


def parse_xml(path: Path) -> etree._ElementTree:
    """Parse an XML file safely, with a one-line error for missing or broken files."""
    path = Path(path)
    if not path.is_file():
        raise ToolkitError(f"{path}: no such file")
    try:
        # bytes, not a file name: the safe parser's resolver reads no file, not even this one
        root = etree.fromstring(path.read_bytes(), safe_parser(internal_entities=False), base_url=str(path))
        return etree.ElementTree(root)
    except etree.XMLSyntaxError as exc:
        raise ToolkitError(f"{path}: not well-formed XML: {exc}") from None


def normalise(text: str) -> str:
    """Comparison form of a name: typographic apostrophes and quotes unified, spaces collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[’ʹ`´]", "'", text)
    text = re.sub(r"[“”„«»]", '"', text)
    return re.sub(r"\s+", " ", text).strip()


@functools.lru_cache(maxsize=65536)
def translit_key(name: str) -> str:
    """Comparison form across transliterations of one Russian name: "Trotskii" and "Trotsky",
    "Davydovich" and "Davidovich", "Zinov’ev" and "Zinovev" give one key."""
    key = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    key = re.sub(r"['’ʹ`]", "", key)
    return re.sub(r"[iy]+", "i", key)


def slug(text: str) -> str:
    """Lower-case ASCII id fragment of a name ("Lashevich" -> "lashevich")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


@dataclass
class Record:
    """One authority record and the name forms the tagger matches."""

    id: str
    kind: str
    preferred: str
    element: etree._Element
    names: list[str] = field(default_factory=list)
    surnames: list[str] = field(default_factory=list)
    forenames: list[str] = field(default_factory=list)
    patronymics: list[str] = field(default_factory=list)
    provisional: bool = False

    @property
    def forename_initials(self) -> set[str]:
        return {_initial(f) for f in self.forenames}

    @property
    def patronymic_initials(self) -> set[str]:
        return {_initial(p) for p in self.patronymics}


def _initial(name: str) -> str:
    """"Khristian" -> "Kh"; "Leon" -> "L": transliterated digraphs keep two letters."""
    return name[:2] if name[:2] in ("Kh", "Zh", "Ch", "Sh", "Iu", "Ia", "Yu", "Ya", "Ts") else name[:1]


def _text(node: etree._Element) -> str:
    return normalise("".join(node.itertext()))


def _read_person(record: Record) -> None:
    for name in record.element.findall(f"{T}persName"):
        surnames = [_text(s) for s in name.findall(f"{T}surname")]
        forenames = [_text(f) for f in name.findall(f"{T}forename") if f.get("type") != "patronymic"]
        patronymics = [_text(f) for f in name.findall(f"{T}forename") if f.get("type") == "patronymic"]
        if not surnames:
            words = _text(name).split()
            if not words:
                continue
            if len(words) == 1:
                surnames = words
            else:
                # A plain-text name: "I. Ivanov" / "Ivan Ivanov" -> forenames/initials + surname.
                surnames = [words[-1]]
                record.names.append(_text(name))
                for word in words[:-1]:
                    if re.fullmatch(r"[A-Z][a-z]?\.", word):
                        record.forenames.append(word.rstrip("."))
                    elif word[:1].isupper():
                        record.forenames.append(word)
        record.surnames += [s for s in surnames if s not in record.surnames]
        record.forenames += [f for f in forenames if f and f not in record.forenames]
        record.patronymics += [p for p in patronymics if p not in record.patronymics]


class Authority:
    """All records of an authority file, indexed by id, surname and name form."""

    def __init__(self, records: list[Record] | None = None, source: Path | None = None):
        self.source = source
        self.records: dict[str, Record] = {}
        self.by_surname: dict[str, list[Record]] = {}
        self.by_surname_key: dict[str, list[Record]] = {}  # by translit_key of the surname
        self.by_name: dict[str, list[Record]] = {}
        for record in records or []:
            self.add(record)

    def add(self, record: Record) -> Record:
        if record.id in self.records:
            raise ToolkitError(f"{self.source or 'authority'}: duplicate record id {record.id!r}")
        self.records[record.id] = record
        for surname in record.surnames:
            self.by_surname.setdefault(surname, []).append(record)
        for key in {translit_key(surname) for surname in record.surnames}:
            self.by_surname_key.setdefault(key, []).append(record)
        for name in record.names:
            self.by_name.setdefault(normalise(name), []).append(record)
        return record

    def copy(self) -> "Authority":
        """A copy whose indexes can take provisional records without touching this one."""
        clone = Authority(source=self.source)
        clone.records = dict(self.records)
        clone.by_surname = {key: list(found) for key, found in self.by_surname.items()}
        clone.by_surname_key = {key: list(found) for key, found in self.by_surname_key.items()}
        clone.by_name = {key: list(found) for key, found in self.by_name.items()}
        return clone

    def get(self, record_id: str) -> Record | None:
        return self.records.get(record_id.lstrip("#"))

    def people_named(self, surname: str) -> list[Record]:
        """The people with this surname, or else with a surname that is another transliteration of it."""
        return self.by_surname.get(surname) or [r for r in self.by_surname_key.get(translit_key(surname), [])
                                                if r.kind == "person"]

    def lookup(self, name: str, kind: str | None = None) -> Record | None:
        """The record whose name (or, for people, surname) is exactly ``name``."""
        key = normalise(name)
        found = [r for r in self.by_name.get(key, []) if kind in (None, r.kind)]
        if not found and kind in (None, "person"):
            found = list(self.by_surname.get(key.split()[-1] if key else "", []))
            words = key.split()
            if len(words) > 1:
                found = [r for r in found if compatible(r, words[:-1])]
        return found[0] if found else None

    def forenames(self) -> set[str]:
        return {f for r in self.records.values() for f in r.forenames if len(f) > 2}

    def unique_id(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self.records:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def provisional(self, kind: str, name: str, rule: str, surname: str | None = None,
                    forenames: list[str] | None = None, base_id: str | None = None) -> Record:
        """A new record for a name the authority file does not know, flagged for review."""
        _, tag, name_tag = KINDS[kind]
        record_id = self.unique_id(base_id or slug(surname or name))
        element = etree.Element(T + tag, {"cert": "low"})
        element.set(XML_ID, record_id)
        etree.SubElement(element, T + name_tag, {"type": "preferred"}).text = name
        for idno in ("wikidata", "viaf"):
            etree.SubElement(element, T + "idno", {"type": idno})
        note = etree.SubElement(element, T + "note", {"type": REVIEW_NOTE})  # notes come last in org/place
        note.text = (f"Provisional record made by tei-toolkit from the mention “{name}” (rule: {rule}). "
                     f"Confirm it into the authority file with: tei-toolkit entities --confirm {record_id} FILE.xml")
        record = Record(record_id, kind, name, element, names=[name] if kind != "person" else [],
                        surnames=[surname] if surname else [], forenames=list(forenames or []),
                        provisional=True)
        return self.add(record)


# Transliterations of one Cyrillic letter: "Iu.Kh. Lutovinov" is "Yuri Khrisanfovich".
_TRANSLITERATIONS = {"Iu": "Yu", "Ju": "Yu", "Ia": "Ya", "Ja": "Ya", "Ie": "E", "Ye": "E", "Je": "E",
                     "Io": "E", "Yo": "E", "Ë": "E"}


def _letter(name: str) -> str:
    """The first letter of a forename or initial, transliteration variants made one."""
    for variant, common in _TRANSLITERATIONS.items():
        if name.startswith(variant):
            return common[:1]
    return name[:1]


def compatible(record: Record, given: list[str]) -> bool:
    """Do the forenames/initials written before a surname fit the record?"""
    tokens = re.findall(r"[A-Z][^\W\d_]*\.?", " ".join(given))
    names = set(record.forenames)
    forenames = [t for t in tokens if not t.endswith(".") and len(t) > 2]
    if forenames:
        if forenames[0] in names or not names:
            return True
        # a record known only by initials ("I. N. Smilga") fits "Ivan N. Smilga"
        return all(len(n) <= 2 for n in names) and _letter(forenames[0]) in {_letter(n) for n in names}
    initials = [t.rstrip(".") for t in tokens]
    if not initials:
        return True
    firsts = record.forename_initials
    if firsts and _letter(initials[0]) not in {_letter(f) for f in firsts}:
        return False
    if len(initials) > 1 and record.patronymics:
        if _letter(initials[-1]) not in {_letter(p) for p in record.patronymic_initials}:
            return False
    return True


def record_from_element(element: etree._Element) -> Record | None:
    """A Record for one ``person``/``org``/``place``/``event`` element (None if it has no id)."""
    record_id = element.get(XML_ID)
    tag = etree.QName(element).localname
    kind = next((k for k, (_, t, _) in KINDS.items() if t == tag), None)
    if not record_id or kind is None:
        return None
    name_tag = KINDS[kind][2]
    names = [_text(n) for n in element.findall(f"{T}{name_tag}")]
    preferred = next((_text(n) for n in element.findall(f"{T}{name_tag}") if n.get("type") == "preferred"),
                     names[0] if names else record_id)
    record = Record(record_id, kind, preferred, element, provisional=element.get("cert") == "low")
    if kind == "person":
        _read_person(record)
        # Whole-name variants that are not split into parts ("Lord Curzon") are matched as they are.
        for name in element.findall(f"{T}persName"):
            if not len(name) and len(_text(name).split()) > 1 and _text(name) not in record.names:
                record.names.append(_text(name))
    else:
        record.names = [n for n in names if n]
    return record


def load_authority(path: Path | None = None) -> Authority:
    """Load an authority file (default: ``$TEI_TOOLKIT_AUTHORITY`` or ``corpus/authority.xml``)."""
    path = Path(path) if path else authority_path()
    authority = Authority(source=path)
    if not path.exists():
        return authority
    tree = parse_xml(path)
    for kind, (list_tag, tag, _) in KINDS.items():
        for element in tree.iter(T + tag):
            record = record_from_element(element)
            if record is not None:
                authority.add(record)
    return authority


def authority_path() -> Path:
    env = os.environ.get("TEI_TOOLKIT_AUTHORITY")
    return Path(env) if env else corpus_dir() / "authority.xml"


def standoff(records: list[Record]) -> etree._Element:
    """``<standOff>`` with copies of the records, grouped in lists, in authority order."""
    element = etree.Element(T + "standOff")
    for kind, (list_tag, _, _) in KINDS.items():
        chosen = [r for r in records if r.kind == kind]
        if chosen:
            listing = etree.SubElement(element, T + list_tag)
            for record in chosen:
                listing.append(_clean_copy(record.element))
    return element


def _clean_copy(element: etree._Element) -> etree._Element:
    copied = copy.deepcopy(element)
    for node in copied.iter():
        node.tail = None
        if len(node) and node.text and not node.text.strip():
            node.text = None
    return copied


def confirm(tei_path: Path, record_id: str, authority_file: Path, merge_into: str | None = None) -> str:
    """Move provisional record ``record_id`` of a converted file into the authority file.

    With ``merge_into`` the record's name becomes a variant of that existing record
    instead. Returns a one-line description of what was done.
    """
    from .convert import write_atomically

    tree = parse_xml(tei_path)
    found = [e for e in tree.iter() if e.get(XML_ID) == record_id and etree.QName(e).localname in
             {t for _, t, _ in KINDS.values()}]
    if not found:
        raise ToolkitError(f"{tei_path}: no record with xml:id {record_id!r} in its standOff")
    source = found[0]
    if source.get("cert") != "low":
        raise ToolkitError(f"{tei_path}: record {record_id!r} is not provisional (it is already in the authority file)")
    auth_tree = parse_xml(authority_file)
    existing = {e.get(XML_ID): e for e in auth_tree.iter() if e.get(XML_ID)}
    kind = record_from_element(source).kind
    list_tag, tag, name_tag = KINDS[kind]
    if merge_into:
        target = existing.get(merge_into)
        if target is None:
            raise ToolkitError(f"{authority_file}: no record {merge_into!r} to merge {record_id!r} into")
        name = source.find(f"{T}{name_tag}")
        variant = etree.Element(T + name_tag, {"type": "variant"})
        variant.text = _text(name)
        anchor = target.findall(f"{T}{name_tag}")[-1]
        anchor.addnext(variant)
        variant.tail = anchor.tail
        message = f"added “{variant.text}” as a name variant of {merge_into}"
    else:
        if record_id in existing:
            raise ToolkitError(f"{authority_file}: a record {record_id!r} exists already; use --as {record_id} to merge")
        record = _clean_copy(source)
        del record.attrib["cert"]
        for note in record.findall(f"{T}note[@type='{REVIEW_NOTE}']"):
            record.remove(note)
        note = etree.Element(T + "note", {"type": "confirmed"})
        note.text = f"Confirmed by an archivist from the provisional record in {Path(tei_path).name}."
        record.append(note)
        stand_off = auth_tree.getroot().find(f"{T}standOff")
        if stand_off is None:
            stand_off = etree.SubElement(auth_tree.getroot(), T + "standOff")
        listing = stand_off.find(f"{T}{list_tag}")
        if listing is None:
            listing = etree.SubElement(stand_off, T + list_tag)
        listing.append(record)
        etree.indent(listing, space="  ", level=2)
        message = f"confirmed {record_id} into {authority_file}"
    data = etree.tostring(auth_tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    write_atomically(Path(authority_file), data)
    return message
