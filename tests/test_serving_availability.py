"""Who may be served: one Availability object, asked by the worker's registry view (catalog)."""
from __future__ import annotations

from memlora.serving.availability import Availability
from memlora.serving.champions import RegistryView


def _view(champions: dict[str, str]) -> RegistryView:
    return RegistryView(champions, frozenset(champions))


def test_forgotten_gone_and_returned_tenants_through_registry_snapshots(settings):
    """One catalog over a real (empty) registry store, fed the polls a watcher would post."""
    from memlora.serving.catalog import Catalog

    av = Availability()
    cat = Catalog(settings, "fp", av, post=lambda *a: None)

    # forgotten by the operator: stays unserved when the registry promotes a new champion
    cat.apply(1, _view({"alice": "1", "bob": "1"}), None)
    av.forget("alice")
    applied = cat.apply(2, _view({"alice": "2", "bob": "1"}), None)
    assert applied.reload == ["alice"]  # the engine drops the old version's copies either way
    assert cat.champion("alice") is None and cat.resolve("alice") is None and cat.refetch("alice") is None
    assert cat.is_known("alice") and cat.champion("bob") == "1"
    av.unforget("alice")
    assert cat.champion("alice") == "2"

    # deleted from the registry: purged; registered again: reloaded (a first registration needs no reload)
    gone = cat.apply(3, _view({"alice": "2"}), None)
    assert gone.purge == ["bob"] and gone.reload == [] and cat.champion("bob") is None and not cat.is_known("bob")
    back = cat.apply(4, _view({"alice": "2", "bob": "3", "carol": "1"}), None)
    assert back.reload == ["bob"] and back.purge == [] and cat.champion("bob") == "3" and cat.champion("carol") == "1"

    # a failed poll keeps the last snapshot and says so in /health
    failed = cat.apply(5, None, "ConnectionError: down")
    assert failed.reload == [] and failed.purge == [] and cat.champion("alice") == "2"
    assert cat.health()["registry"] == "unavailable" and cat.seq_applied == 5
