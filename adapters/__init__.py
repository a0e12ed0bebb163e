"""Base model provisioning, LoRA training and evaluation."""
