"""A small on-disk cache for derived schema files (pruned grammars, converted .rnc).

Lives in ``$TEI_TOOLKIT_CACHE``, else ``$XDG_CACHE_HOME/tei-toolkit``, else
``~/.cache/tei-toolkit``. Entries are keyed by a hash of everything they derive from, so
they never go stale; a cache that cannot be written is silently skipped.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Callable


def cache_dir() -> Path:
    env = os.environ.get("TEI_TOOLKIT_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tei-toolkit"


def cached_bytes(kind: str, key: list[str], suffix: str, make: Callable[[], bytes]) -> bytes:
    """The cached value for ``key``, made (and stored) when absent."""
    digest = hashlib.sha256("\n".join(key).encode()).hexdigest()[:32]
    path = cache_dir() / kind / (digest + suffix)
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        pass
    return data
