"""From plaintext memory records to per-tenant profiles and training sets."""
