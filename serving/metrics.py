"""Prometheus metrics, named and typed as Prometheus and vLLM users expect.

Two sources: the HTTP process measures each request itself (prometheus_client histograms in seconds and
tokens, one registry per server plus the standard `process_*` collector); the worker process owns the
engine, so its counters (tokens, finish reasons, cache hits and misses per tier, loads, adapters
resident, KV cache) are fetched from the worker on each scrape and rendered next to them. Monotonic
values are counters (`_total`), levels are gauges, each series is exported once. No per-tenant labels,
except the one vLLM-compatible `vllm:lora_requests_info` series that LoRA-aware routers read (it names
the adapters in use right now, as vLLM does).
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Histogram, ProcessCollector, disable_created_metrics, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
TOKEN_TIME_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2.5)
LENGTH_BUCKETS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)


@dataclass
class Timing:
    """When a request arrived and when its first answer event came back (perf_counter seconds)."""

    start: float
    first: float


class HttpMetrics:
    def __init__(self):
        disable_created_metrics()  # `_created` gauges would double every counter and histogram in the text format (vLLM drops them too)
        r = self.registry = CollectorRegistry(auto_describe=True)
        ProcessCollector(registry=r)
        self.requests = Counter("memlora_http_requests", "HTTP requests answered, by endpoint and status code", ["endpoint", "code"], registry=r)
        self.latency = Histogram(
            "memlora_request_latency_seconds", "Completion latency, request received to last byte", ["stream"],
            buckets=LATENCY_BUCKETS, registry=r,
        )
        self.ttft = Histogram("memlora_time_to_first_token_seconds", "Completion time to the first generated text",
                              buckets=LATENCY_BUCKETS, registry=r)
        self.tpot = Histogram("memlora_time_per_output_token_seconds", "Time per generated token after the first",
                              buckets=TOKEN_TIME_BUCKETS, registry=r)
        self.queue = Histogram("memlora_request_queue_time_seconds", "Time a request waited between admission and the engine",
                               buckets=LATENCY_BUCKETS, registry=r)
        self.prompt_len = Histogram("memlora_request_prompt_tokens", "Prompt length of finished requests, in tokens",
                                    buckets=LENGTH_BUCKETS, registry=r)
        self.enforced = Counter("memlora_residual_enforced_items", "Residual items enforced while decoding (not left to the "
                                "prompt), by kind: one per item per answered request", ["kind"], registry=r)
        self.added = Counter("memlora_residual_added_items", "Residual items served that the tenant's newest profile added "
                             "since its served version's training: one per item per answered request", registry=r)
        self.gen_len = Histogram("memlora_request_generation_tokens", "Generated length of finished requests, in tokens",
                                 buckets=LENGTH_BUCKETS, registry=r)

    def enforced_items(self, kinds: list[str]) -> None:
        for k in kinds:
            self.enforced.labels(k).inc()

    def finished(self, t: Timing, done: dict, stream: bool) -> None:
        """Record one answered request from its DONE event (usage, queue time)."""
        now = time.perf_counter()
        usage = done.get("usage") or {}
        n = int(usage.get("completion_tokens", 0))
        self.latency.labels("true" if stream else "false").observe(now - t.start)
        self.ttft.observe(t.first - t.start)
        if n > 1:
            self.tpot.observe((now - t.first) / (n - 1))
        self.queue.observe(float(done.get("queued_seconds", 0.0)))
        self.prompt_len.observe(int(usage.get("prompt_tokens", 0)))
        self.gen_len.observe(n)


def _num(x) -> float:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else 0.0


def _one(kind, name: str, help_: str, value) -> object:
    m = kind(name, help_)
    m.add_metric([], _num(value))
    return m


class _WorkerCollector:
    """Renders one snapshot of the worker's counters (`worker` from the stats command)."""

    def __init__(self, snap: dict):
        self.snap = snap

    def collect(self):
        api = self.snap.get("api", {})
        eng = self.snap.get("engine", {}) or {}
        yield from self._requests(api)
        yield from self._adapters(eng)
        yield from self._engine(eng)
        yield self._lora_info(api, eng)

    @staticmethod
    def _requests(api: dict):
        C, G = CounterMetricFamily, GaugeMetricFamily
        yield _one(C, "memlora_prompt_tokens", "Prompt tokens processed", api.get("prompt_tokens"))
        yield _one(C, "memlora_completion_tokens", "Completion tokens generated", api.get("completion_tokens"))
        yield _one(C, "memlora_residual_tokens", "Residual prefix tokens (memory the adapter does not carry) in finished requests' prompts",
                   api.get("residual_tokens"))
        fin = C("memlora_requests_finished", "Requests the worker finished, by finish_reason", labels=["finish_reason"])
        for reason in ("stop", "length"):
            fin.add_metric([reason], _num((api.get("finish_reasons") or {}).get(reason)))
        yield fin
        yield _one(C, "memlora_requests_failed", "Requests the worker answered with an error", api.get("requests_failed"))
        yield _one(G, "memlora_requests_running", "Requests inside the engine's batch", api.get("running"))
        yield _one(G, "memlora_requests_waiting", "Requests waiting for a batch position or their adapter", api.get("waiting"))
        yield _one(G, "memlora_tenants_forgotten", "Tenants forgotten since start (never served again)", api.get("forgotten"))
        yield _one(G, "memlora_champions", "Tenants with a champion adapter in the registry", api.get("champions"))
        yield _one(G, "memlora_registry_up", "1 when the last registry poll succeeded, 0 while the registry is unreachable",
                   api.get("registry_up", 1))

    @staticmethod
    def _adapters(eng: dict):
        C, G = CounterMetricFamily, GaugeMetricFamily
        hits = C("memlora_adapter_cache_hits", "Adapter lookups served from a tier", labels=["tier"])
        misses = C("memlora_adapter_cache_misses", "Adapter lookups that missed a tier", labels=["tier"])
        for tier, prefix in (("device", "slot"), ("host", "host")):
            hits.add_metric([tier], _num(eng.get(f"{prefix}_hits")))
            misses.add_metric([tier], _num(eng.get(f"{prefix}_misses")))
        yield hits
        yield misses
        res = G("memlora_adapters_resident", "Adapters resident per tier", labels=["tier"])
        res.add_metric(["device"], _num(eng.get("slots_used")))
        res.add_metric(["host"], _num(eng.get("host_entries")))
        yield res
        nbytes = G("memlora_adapter_bytes", "Adapter memory per tier (device: preallocated slots and their cached residual prefix KV)",
                   labels=["tier"])
        nbytes.add_metric(["device"], _num(eng.get("slot_bytes")))
        nbytes.add_metric(["host"], _num(eng.get("host_bytes")))
        yield nbytes
        yield _one(G, "memlora_adapter_slots", "Device adapter slots (max_lora)", eng.get("slots_total"))
        yield _one(G, "memlora_adapter_slots_pinned", "Device slots held by running requests", eng.get("slots_pinned"))
        yield _one(G, "memlora_adapter_host_budget_bytes", "Host adapter cache budget", eng.get("host_budget_bytes"))
        yield _one(G, "memlora_adapter_loading", "Adapter loads in progress", eng.get("loading"))
        yield _one(C, "memlora_adapter_disk_loads", "Adapters read from the disk tier", eng.get("disk_loads"))
        yield _one(C, "memlora_adapter_load_errors", "Adapters that failed validation or loading", eng.get("load_errors"))
        yield _one(C, "memlora_adapter_load_seconds", "Seconds spent loading adapters from disk (divide by disk loads for the mean)",
                   eng.get("load_seconds_total"))
        yield _one(C, "memlora_adapter_cache_heals", "Cached adapter copies that failed their checks and were fetched again",
                   eng.get("cache_heals"))

    @staticmethod
    def _engine(eng: dict):
        C, G = CounterMetricFamily, GaugeMetricFamily
        yield _one(C, "memlora_engine_steps", "Batched decode steps run", eng.get("steps"))
        yield _one(C, "memlora_engine_tokens_generated", "Tokens sampled by the engine, cancelled requests included",
                   eng.get("tokens_generated"))
        yield _one(C, "memlora_residual_prefix_cache_hits", "Requests that started from a residual prefix KV cached in the slot tier",
                   eng.get("residual_prefix_hits"))
        yield _one(C, "memlora_residual_prefix_cache_misses", "Residual prefix KVs computed (once per installed adapter version)",
                   eng.get("residual_prefix_misses"))
        yield _one(G, "memlora_residual_prefix_bytes", "Bytes of residual prefix KV held in the slot tier", eng.get("residual_prefix_bytes"))
        yield _one(G, "memlora_kv_cache_bytes", "Bytes held by the running batch's KV cache", eng.get("kv_cache_bytes"))
        yield _one(G, "memlora_kv_cache_usage_ratio", "KV positions held over the most the batch can hold (max_batch_size x context)",
                   eng.get("kv_cache_usage"))

    @staticmethod
    def _lora_info(api: dict, eng: dict):
        """vLLM's `vllm:lora_requests_info`: the adapters of running and waiting requests as comma-joined label
        values and the slot count as `max_lora`; the value is the time of this reading, as vLLM sets it."""
        g = GaugeMetricFamily("vllm:lora_requests_info", "Running stats on LoRA requests (vLLM-compatible)",
                              labels=["running_lora_adapters", "waiting_lora_adapters", "max_lora"])
        g.add_metric([",".join(api.get("running_adapters") or []), ",".join(api.get("waiting_adapters") or []),
                      str(int(_num(eng.get("slots_total"))))], time.time())
        return g


def render(http: HttpMetrics, worker_snapshot: dict | None) -> bytes:
    out = generate_latest(http.registry)
    if worker_snapshot is not None:
        reg = CollectorRegistry(auto_describe=False)
        reg.register(_WorkerCollector(worker_snapshot))
        out += generate_latest(reg)
    return out
