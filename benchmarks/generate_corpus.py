"""Build a synthetic corpus of N editions of the seed letter's family, for benchmarks.

Each edition is the seed rewritten: another author, date, recipients, people and places
named, another archival reference, a random subset of the letter's numbered paragraphs
(renumbered), of its image captions and of its note markers (notes renumbered to
match). What is varied and the lists it is drawn from live in ``corpus-data.toml``;
the same seed and N give byte-identical editions.

    python benchmarks/generate_corpus.py 1000 build/bench/corpus-1000
"""
from __future__ import annotations

import argparse
import datetime
import random
import re
import shutil
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "corpus-data.toml"

NUMBERED = re.compile(r"^(\d+)\.\s")
NOTE_LABEL = re.compile(r"^\[(\d+)\]$")
MARKER = re.compile(r" ?\[(\d+)\]")
SOURCE_LINE = re.compile(r"^\[.*\]$")


@dataclass
class Seed:
    """The seed edition cut into the parts the generator varies."""

    top: list[str]          # page boilerplate before the title
    title: str
    front: list[str]        # introduction and captions before the letter
    dateline: str
    classification: str | None
    salute: str
    units: list[list[str]]  # each numbered paragraph with the unnumbered ones after it
    signature: str
    closing_date: str
    source_line: str
    notes: dict[str, str]   # "n" -> note text
    bottom: list[str]       # page boilerplate after the notes


def date_forms(date: datetime.date, formats: list[str], months: list[str]) -> list[str]:
    return [f.format(month=months[date.month - 1], day=date.day, year=date.year) for f in formats]


def cut_seed(text: str, data: dict) -> Seed:
    """Find the parts of the seed by the family's layout: numbered paragraphs, note labels."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    seed = data["seed"]
    dates = date_forms(seed["date"], seed["date_formats"], data["generate"]["months"])
    first_note = next(i for i, p in enumerate(paras) if NOTE_LABEL.match(p))
    first_numbered = next(i for i, p in enumerate(paras) if NUMBERED.match(p) and p.startswith("1."))
    dateline = next(i for i in range(first_numbered) if paras[i] in dates)
    signature = next(i for i in range(first_numbered, first_note) if paras[i] == seed["author"]["short"])
    title = next(i for i in range(dateline) if seed["author"]["full"] in paras[i])
    opener = paras[dateline + 1:first_numbered]
    units: list[list[str]] = []
    for p in paras[first_numbered:signature]:
        if NUMBERED.match(p):
            units.append([p])
        else:
            units[-1].append(p)
    end = len(paras)
    while paras[end - 1] in seed["page_bottom"]:
        end -= 1
    notes: dict[str, str] = {}
    label = ""
    for p in paras[first_note:end]:
        match = NOTE_LABEL.match(p)
        if match:
            label = match.group(1)
            notes[label] = ""
        else:
            notes[label] = f"{notes[label]}\n\n{p}" if notes[label] else p
    source = next(p for p in paras[signature:first_note] if SOURCE_LINE.match(p))
    closing = next(p for p in paras[signature + 1:first_note] if p.rstrip(".") in dates)
    return Seed(paras[:title], paras[title], paras[title + 1:dateline], paras[dateline],
                opener[0] if len(opener) > 1 else None, opener[-1], units,
                paras[signature], closing, source, notes, paras[end:])


class Renamer:
    """Replaces the seed's author, recipients, people and date with an edition's own."""

    def __init__(self, data: dict, rng: random.Random) -> None:
        seed, gen = data["seed"], data["generate"]
        given, patronymic, surname = rng.choice(gen["authors"])
        new = {"full": f"{given} {surname}", "initials": f"{given[0]}.{patronymic}. {surname}",
               "short": f"{given[0]}. {surname}", "surname": surname}
        pairs = [(seed["author"][key], new[key]) for key in ("full", "initials", "short", "surname")]
        pairs.append((seed["recipients"], rng.choice(gen["recipients"])))
        others = rng.sample(gen["surnames"], len(seed["mentioned"]))
        pairs += [(old, other) for old, other in zip(seed["mentioned"], others) if old != surname]
        pairs += zip(seed["places"], rng.sample(gen["places"], len(seed["places"])))
        first = datetime.date(gen["first_year"], 1, 1).toordinal()
        last = datetime.date(gen["last_year"], 12, 31).toordinal()
        self.date = datetime.date.fromordinal(rng.randint(first, last))
        old_dates = date_forms(seed["date"], seed["date_formats"], gen["months"])
        pairs += zip(old_dates, date_forms(self.date, seed["date_formats"], gen["months"]))
        # Longest first, through placeholders, so that "Leon Trotsky" is not also hit as "Trotsky".
        self.pairs = sorted(pairs, key=lambda pair: -len(pair[0]))

    def __call__(self, text: str) -> str:
        for i, (old, _new) in enumerate(self.pairs):
            text = text.replace(old, f"\x00{i}\x00")
        return re.sub(r"\x00(\d+)\x00", lambda m: self.pairs[int(m.group(1))][1], text)


def _renumber_notes(parts: list[str], notes: dict[str, str], rng: random.Random,
                    drop: float) -> tuple[list[str], list[tuple[int, str]]]:
    """Keep some markers, number them 1, 2, ... in reading order, and keep their notes."""
    numbers: dict[str, int] = {}

    def marker(match: re.Match) -> str:
        old = match.group(1)
        if old not in notes:
            return match.group(0)
        if old not in numbers:
            if rng.random() < drop:
                numbers[old] = 0
            else:
                numbers[old] = sum(1 for n in numbers.values() if n) + 1
        if not numbers[old]:
            return ""
        return match.group(0).replace(f"[{old}]", f"[{numbers[old]}]")

    renumbered = [MARKER.sub(marker, part) for part in parts]
    kept = sorted((n, notes[old]) for old, n in numbers.items() if n)
    return renumbered, kept


def make_edition(seed: Seed, data: dict, number: int, base_seed: int) -> str:
    """Edition ``number`` of the corpus: a deterministic variation of the seed."""
    gen = data["generate"]
    rng = random.Random(f"{base_seed}:{number}")
    rename = Renamer(data, rng)
    front = seed.front[:1] + [p for p in seed.front[1:] if rng.random() < gen["caption_keep"]]
    count = rng.randint(min(gen["min_paragraphs"], len(seed.units)), len(seed.units))
    units = [seed.units[i] for i in sorted(rng.sample(range(len(seed.units)), count))]
    letter: list[str] = []
    for n, unit in enumerate(units, start=1):
        letter.append(NUMBERED.sub(f"{n}. ", unit[0], count=1))
        letter += [p for p in unit[1:] if rng.random() < gen["caption_keep"]]
    marker = MARKER.search(seed.salute)
    salute = rng.choice(gen["salutes"]) + (marker.group(0) if marker else "")
    opener = [seed.dateline]
    if seed.classification and rng.random() >= gen["classification_omit"]:
        opener.append(rng.choice(gen["classifications"]))
    opener.append(salute)
    archives = data["archives"]
    first_folio = rng.randint(1, 300)
    source = archives["template"].format(
        archive=rng.choice(archives["names"]), fond=rng.choice([17, 5, 325, 558, 33987, 4459]),
        opis=rng.randint(1, 180), delo=rng.randint(1, 3000), first=first_folio,
        last=first_folio + rng.randint(1, 20), form=rng.choice(archives["forms"]))
    body = [seed.title, *front, *opener, *letter, seed.signature, seed.closing_date, source]
    body, notes = _renumber_notes(body, seed.notes, rng, gen["marker_drop"])
    paragraphs = [*seed.top, *body]
    for n, text in notes:
        paragraphs += [f"[{n}]", text]
    paragraphs += seed.bottom
    return rename("\n\n".join(paragraphs) + "\n")


def generate(count: int, output: Path, base_seed: int = 1923, data_path: Path = DATA) -> list[Path]:
    """Write ``count`` editions (``edition-00001.txt`` ...) with their ``.meta.toml`` to ``output``."""
    with data_path.open("rb") as handle:
        data = tomllib.load(handle)
    seed_path = ROOT / data["seed"]["edition"]
    seed = cut_seed(seed_path.read_text(encoding="utf-8"), data)
    meta = seed_path.with_name(seed_path.stem + ".meta.toml")
    output.mkdir(parents=True, exist_ok=True)
    written = []
    width = max(5, len(str(count)))
    for number in range(1, count + 1):
        path = output / f"edition-{number:0{width}d}.txt"
        path.write_text(make_edition(seed, data, number, base_seed), encoding="utf-8")
        if meta.is_file():
            shutil.copyfile(meta, path.with_name(path.stem + ".meta.toml"))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of editions (1 to 10,000 or more)")
    parser.add_argument("output", type=Path, help="folder to write them to")
    parser.add_argument("--seed", type=int, default=1923, help="random seed (same seed, same corpus)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("count must be at least 1")
    paths = generate(args.count, args.output, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} editions, {size / 1e6:.1f} MB of text, in {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
