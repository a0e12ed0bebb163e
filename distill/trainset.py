"""The training set's columns and its content hash, defined once for the writer (distill) and readers (adapters).

The hash names the data in the adapter manifest and the registry, so a recomputed hash must equal the one
distill recorded: both sides call `content_hash` on the same columns, never a look-alike of their own.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping

COLUMNS = ("prompt", "response", "kind", "system", "item_id")


def columns(rows: Iterable[Mapping]) -> dict[str, list]:
    """Rows -> the column dict a `datasets.Dataset` is built from; a column the rows lack reads as None."""
    rows = list(rows)
    return {c: [r.get(c) for r in rows] for c in COLUMNS}


def content_hash(train: Iterable[Mapping], validation: Iterable[Mapping]) -> str:
    """sha256 of both splits' columns, key-sorted JSON with non-ASCII kept as is."""
    body = json.dumps([columns(train), columns(validation)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()
