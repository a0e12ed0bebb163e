"""The nightly job: changed tenants only, resumable, failure-isolated, local or Ray."""
