"""Datasette as the benchmarks' peer: its virtualenv, a loader for the same data, the server, HTTP timing."""
