"""The LitAPI: LitServe's hooks for continuous batching, over the worker that drives the engine.

LitServe runs this object in a spawned worker process under its ContinuousBatchingLoop (here
`EngineLoop`, without the idle busy-wait): requests join and leave the engine's batch at token
boundaries, the loop calls `add_request` as requests arrive and `step` once per token. The work
lives in `worker.Worker`; admin commands (prefetch/reload/evict/forget), cancellations, the model
list and stats travel the same request queue as chat requests (`protocol.Command`), so they reach
the one process that holds the engine instead of a copy in the HTTP process.
"""
from __future__ import annotations

import litserve as ls
from litserve.loops.continuous_batching_loop import Output

from memlora.runtime.base import load_base
from memlora.settings import Settings

from .loop import EngineLoop


class MemloraAPI(ls.LitAPI):
    def __init__(self, settings: Settings, spec=None):
        super().__init__(max_batch_size=settings.serving.max_batch_size, spec=spec, loop=EngineLoop(), stream=True)
        self.settings = settings

    def setup(self, device) -> None:
        # torch and MLflow are heavy: the worker process loads them here, the HTTP process never imports them.
        from .worker import Worker

        self.worker = Worker(self.settings, load_base(self.settings))

    def add_request(self, uid, request) -> None:
        if uid is None:  # LitServe's shutdown sentinel
            return
        self.worker.add(str(uid), request)

    def has_active_requests(self) -> bool:
        return self.worker.active()

    def has_capacity(self) -> bool:
        # Admission control happens in `step` (so admin commands are never stuck behind a full batch).
        return True

    def step(self, prev_outputs) -> list[Output]:
        return self.worker.step()

    def encode_response(self, output):
        return output
