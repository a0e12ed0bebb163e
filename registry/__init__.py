"""Adapter versions in MLflow: register, promote, rollback, resolve, forget."""
