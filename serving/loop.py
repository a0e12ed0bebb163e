"""LitServe's continuous batching loop, minus its idle busy-wait.

The stock loop re-enters `run` in a tight `asyncio.sleep(0)` cycle when no request is active,
which burns a CPU core for nothing; on a 2-core CPU server that core is half the machine.
"""
from __future__ import annotations

import asyncio

from litserve.loops.continuous_batching_loop import ContinuousBatchingLoop

IDLE_SLEEP = 0.002


class EngineLoop(ContinuousBatchingLoop):
    async def run(self, lit_api, *args, **kwargs):
        if not lit_api.has_active_requests():
            await asyncio.sleep(IDLE_SLEEP)
            return
        await super().run(lit_api, *args, **kwargs)

    async def step(self, prev_outputs, lit_api, lit_spec):
        # An engine that is only waiting for an adapter load produces nothing; wait instead of spinning.
        while True:
            out = await asyncio.to_thread(lit_api.step, prev_outputs)
            if out or not lit_api.has_active_requests():
                return out
            await asyncio.sleep(IDLE_SLEEP)
