"""OpenAI-compatible LitServe server with slot-based multi-tenant LoRA."""
