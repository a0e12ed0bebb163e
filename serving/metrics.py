"""Prometheus metrics.

Two sources: the HTTP process counts requests, status codes and latency itself (prometheus_client,
one registry per server, no global default registry); the worker process owns the engine, so its
counters (tokens, cache hits and misses per tier, load time, adapters resident) are fetched from the
worker on each scrape and rendered next to them. No per-tenant labels: thousands of tenants would
explode the series count.
"""
from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


class HttpMetrics:
    def __init__(self):
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter("memlora_http_requests", "HTTP requests answered", ["endpoint", "code"], registry=self.registry)
        self.latency = Histogram(
            "memlora_request_latency_seconds", "Chat completion latency, request to last byte", ["stream"],
            buckets=LATENCY_BUCKETS, registry=self.registry,
        )
        self.ttft = Histogram(
            "memlora_time_to_first_token_seconds", "Chat completion time to the first generated text", buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )


def _num(x) -> float | None:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


class _WorkerCollector:
    """Renders one snapshot of the worker's counters (`worker` from the stats command)."""

    def __init__(self, snap: dict):
        self.snap = snap

    def collect(self):
        s = self.snap
        api = s.get("api", {})
        for name, help_ in (
            ("prompt_tokens", "Prompt tokens processed"),
            ("completion_tokens", "Completion tokens generated"),
            ("requests_finished", "Chat requests finished by the worker"),
            ("requests_failed", "Chat requests failed by the worker"),
        ):
            c = CounterMetricFamily(f"memlora_{name}", help_)
            c.add_metric([], float(api.get(name, 0)))
            yield c
        g = GaugeMetricFamily("memlora_requests_running", "Chat requests inside the engine")
        g.add_metric([], float(api.get("running", 0)))
        yield g
        g = GaugeMetricFamily("memlora_requests_waiting", "Chat requests waiting for a batch position")
        g.add_metric([], float(api.get("waiting", 0)))
        yield g
        g = GaugeMetricFamily("memlora_tenants_forgotten", "Tenants forgotten since start (never served again)")
        g.add_metric([], float(api.get("forgotten", 0)))
        yield g
        g = GaugeMetricFamily("memlora_champions", "Tenants with a champion adapter in the registry")
        g.add_metric([], float(api.get("champions", 0)))
        yield g
        g = GaugeMetricFamily("memlora_registry_up", "1 when the last registry poll succeeded, 0 while the registry is unreachable")
        g.add_metric([], float(api.get("registry_up", 1)))
        yield g

        eng = s.get("engine", {}) or {}
        hits = CounterMetricFamily("memlora_adapter_cache_hits", "Adapter lookups served from a tier", labels=["tier"])
        misses = CounterMetricFamily("memlora_adapter_cache_misses", "Adapter lookups that missed a tier", labels=["tier"])
        for tier, prefix in (("device", "slot"), ("host", "host")):
            hits.add_metric([tier], _num(eng.get(f"{prefix}_hits")) or 0.0)
            misses.add_metric([tier], _num(eng.get(f"{prefix}_misses")) or 0.0)
        yield hits
        yield misses
        res = GaugeMetricFamily("memlora_adapters_resident", "Adapters resident per tier", labels=["tier"])
        res.add_metric(["device"], _num(eng.get("slots_used")) or 0.0)
        res.add_metric(["host"], _num(eng.get("host_entries")) or 0.0)
        yield res
        rbytes = GaugeMetricFamily("memlora_adapter_bytes", "Adapter memory per tier (device: preallocated slots)", labels=["tier"])
        rbytes.add_metric(["device"], _num(eng.get("slot_bytes")) or 0.0)
        rbytes.add_metric(["host"], _num(eng.get("host_bytes")) or 0.0)
        yield rbytes
        for name, key, help_ in (
            ("memlora_adapter_disk_loads", "disk_loads", "Adapters read from the disk tier"),
            ("memlora_adapter_load_errors", "load_errors", "Adapters that failed validation or loading"),
            ("memlora_adapter_load_seconds", "load_seconds_total", "Seconds spent loading adapters from disk"),
            ("memlora_adapter_cache_heals", "cache_heals", "Cached adapter copies that failed their checks and were fetched again"),
        ):
            c = CounterMetricFamily(name, help_)
            c.add_metric([], _num(eng.get(key)) or 0.0)
            yield c
        # Any other number the engine reports, so new engine counters show up without code here.
        known = {"slot_hits", "slot_misses", "host_hits", "host_misses", "slots_used", "host_entries", "slot_bytes",
                 "host_bytes", "disk_loads", "load_errors", "load_seconds_total", "cache_heals"}
        for k, v in sorted(eng.items()):
            if k not in known and _num(v) is not None:
                g = GaugeMetricFamily(f"memlora_engine_{k}", f"engine stat {k}")
                g.add_metric([], _num(v))
                yield g


def render(http: HttpMetrics, worker_snapshot: dict | None) -> bytes:
    out = generate_latest(http.registry)
    if worker_snapshot is not None:
        reg = CollectorRegistry(auto_describe=False)
        reg.register(_WorkerCollector(worker_snapshot))
        out += generate_latest(reg)
    return out
