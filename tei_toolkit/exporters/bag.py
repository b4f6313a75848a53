"""BagIt: a Library of Congress bag (zip) for repository deposit, made and checked by PyPI's ``bagit``.

The payload holds the TEI exactly as read, the schemas it validates against (the
project's ``schemas/`` and the official ``tei_all.rng``) and every other export of the
document, with SHA-256 and SHA-512 manifests. The zip is deterministic: sorted entries,
fixed timestamps, and a Bagging-Date taken from the TEI's publication date.
"""
from __future__ import annotations

import io
import re
import tempfile
import zipfile
from pathlib import Path

import bagit

from .. import __version__
from ..resources import schemas_dir, tei_all_path
from ..teitext import TeiSource, header_facts
from . import Exporter, export_all

CHECKSUMS = ["sha256", "sha512"]
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def schema_files() -> dict[str, Path]:
    """Bag path -> file for every schema the TEI is validated against."""
    found = {"schemas/tei_all.rng": tei_all_path()}
    folder = schemas_dir()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
            found[f"schemas/{path.relative_to(folder).as_posix()}"] = path
    return found


def bag_info(source: TeiSource) -> dict[str, str]:
    facts = header_facts(source.tree)
    info = {
        "Source-Organization": facts.publisher or "unknown",
        "External-Description": facts.title,
        "External-Identifier": Path(source.name).name,
        "Bag-Software-Agent": f"tei-toolkit {__version__} with bagit {bagit.VERSION}",
    }
    if facts.publication_date and re.match(r"^\d{4}-\d{2}-\d{2}$", facts.publication_date):
        info["Bagging-Date"] = facts.publication_date
    return info


def build_bag(source: TeiSource, folder: Path) -> bagit.Bag:
    """Lay out the payload in ``folder`` and make it a bag (bagit moves it under ``data/``)."""
    payload = {f"tei/{Path(source.name).name}": source.data}
    files, _skipped = export_all(source, skip=(EXPORTER.name,))
    payload.update({f"exports/{name}": data for name, data in files.items()})
    for name, path in schema_files().items():
        payload[name] = path.read_bytes()
    for name, data in payload.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return bagit.make_bag(str(folder), bag_info(source), checksums=CHECKSUMS)


def zip_folder(folder: Path, prefix: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def export_bag(source: TeiSource) -> bytes:
    with tempfile.TemporaryDirectory(prefix="tei-toolkit-bag-") as tmp:
        folder = Path(tmp) / "bag"
        folder.mkdir()
        bag = build_bag(source, folder)
        bag.validate()
        return zip_folder(folder, f"{source.stem}-bag")


EXPORTER = Exporter("bagit", "bag.zip", "application/zip",
                    "BagIt bag (zip): the TEI, its schemas and every other export, with checksums", export_bag)
