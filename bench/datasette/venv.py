"""Datasette's own virtualenv under var/bench/, created on demand from bench/datasette/requirements.txt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REQUIREMENTS = Path(__file__).with_name("requirements.txt")


def ensure_datasette(var: Path) -> Path:
    """The `datasette` executable, installing it first if the virtualenv is missing or its requirements changed."""
    venv = var / "datasette-venv"
    executable = venv / "bin" / "datasette"
    stamp = venv / ".requirements"
    wanted = REQUIREMENTS.read_text()
    if executable.exists() and stamp.exists() and stamp.read_text() == wanted:
        return executable
    print(f"datasette: creating {venv}", file=sys.stderr, flush=True)
    subprocess.run(["python3", "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True)
    stamp.write_text(wanted)
    return executable
