"""Debian packages a test needs, installed when missing (as root, the way CI runs)."""
import os
import subprocess

import pytest


def ensure_installed(present: bool, package: str) -> None:
    """Install `package` with apt-get unless `present` says it is there already."""
    if present:
        return
    if os.geteuid() != 0:
        pytest.fail(f"{package} is not installed and this test is not root: apt-get install {package}")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
