"""The model runtime every layer shares: base loading and provisioning, chat-turn encoding, end ids and
padding, the one sampler, the steppers and batched generation.

It sits in the ground package so the teacher (distill/), the gate (adapters/) and the server (serving/)
decode with the same code: what is evaluated is what is served.
"""
