"""Writes: ingest, re-parse and reference data. Each letter is written in its own transaction."""
