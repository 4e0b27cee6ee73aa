"""Benchmarks of the archive at 5k and 50k synthetic letters, with Datasette as the peer: `python -m bench`."""
