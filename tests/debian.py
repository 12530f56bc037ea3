"""Debian packages a test needs, installed when missing (as root, the way CI runs).

Every test that starts a server from a Debian package (PostgreSQL, Redis, nginx) comes through
here, and is a `services` test (tests/conftest.py). With TESTS_NO_SERVICES set, as `make unit`
sets it, such a test fails at once, whether or not the package is installed: nothing is
installed or started, and a test that should be marked `services` and is not is found.
"""
import os
import subprocess

import pytest

NO_SERVICES_VARIABLE = "TESTS_NO_SERVICES"


def ensure_installed(present: bool, package: str) -> None:
    """Install `package` with apt-get unless `present` says it is there already."""
    if os.environ.get(NO_SERVICES_VARIABLE):
        pytest.fail(f"this test needs {package} (a real server) but {NO_SERVICES_VARIABLE} is set: "
                    "mark it `services` (make services runs those)")
    if present:
        return
    if os.geteuid() != 0:
        pytest.fail(f"{package} is not installed and this test is not root: apt-get install {package}")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
