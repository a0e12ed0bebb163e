"""One metrics snapshot for the whole fleet, from each replica's own (the shape `metrics.render` reads).

Counts and gauges add up across replicas (requests, tokens, slot hits, disk loads, bytes); lists are
the union (resident tenants, running adapters); per-load latencies and usage ratios are not additive,
so the fleet reports the worst replica's.
"""
from __future__ import annotations

WORST_OF = ("_median", "_last", "usage")


def merge_stats(snaps: list[dict]) -> dict:
    out: dict = {}
    for snap in snaps:
        _merge_into(out, snap)
    return out


def _merge_into(out: dict, snap: dict) -> None:
    for key, value in snap.items():
        have = out.get(key)
        if isinstance(value, dict):
            _merge_into(out.setdefault(key, {}), value)
        elif isinstance(value, list):
            out[key] = sorted(set(have or []) | set(value))
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            out[key] = value if have is None else have
        elif have is None:
            out[key] = value
        elif key.endswith(WORST_OF):
            out[key] = max(have, value)
        else:
            out[key] = have + value
