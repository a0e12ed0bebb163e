"""The model runtime every layer shares: base loading and provisioning, chat-turn encoding, end ids and
padding, the one sampler, the steppers and batched generation, and the multi-LoRA slot layers
(per-row adapter slots: the server decodes with them, training trains several tenants' adapters through them).

It sits in the ground package so the teacher (distill/), the gate (adapters/) and the server (serving/)
decode with the same code: what is evaluated is what is served.
"""
