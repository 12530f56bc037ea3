"""Making staff accounts: no built-in account, the password's length, the command for the terminal and for
scripts; the hash is argon2id."""

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from console import create_account
from console.accounts import AccountError, Accounts
from core.database import BookingStore, staff_accounts

from .conftest import PASSWORD, SETTINGS

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def accounts(tmp_path):
    store = BookingStore(f"sqlite:///{tmp_path / 'bookings.db'}")
    yield Accounts(store.engine, SETTINGS)
    store.dispose()


@pytest.mark.parametrize("password", ["", " ", "short", "x" * 11])
def test_an_empty_or_short_password_is_refused(accounts, password):
    with pytest.raises(AccountError, match="at least 12 characters"):
        accounts.create("alice", password)
    assert accounts.names() == []


@pytest.mark.parametrize("name", ["", "  ", " alice", "x" * 65, "tab\there"])
def test_a_bad_name_is_refused(accounts, name):
    with pytest.raises(AccountError):
        accounts.create(name, PASSWORD)
    assert accounts.names() == []


def test_a_name_is_taken_once(accounts):
    accounts.create("alice", PASSWORD)
    with pytest.raises(AccountError, match="already"):
        accounts.create("alice", PASSWORD + "2")
    assert accounts.names() == ["alice"]


def test_the_password_is_stored_as_an_argon2id_hash(accounts):
    accounts.create("alice", PASSWORD)
    with accounts.engine.connect() as connection:
        stored = connection.execute(select(staff_accounts.c.password_hash)).scalar()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_a_new_database_has_no_account_and_no_password_works(accounts):
    assert accounts.names() == []
    for name, password in (("admin", "admin"), ("admin", ""), ("staff", "password"), ("", "")):
        assert accounts.sign_in(name, password, "127.0.0.1") is None


def test_the_command_takes_the_name_and_the_password_from_the_environment(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'bookings.db'}"
    monkeypatch.setenv("STAFF_PASSWORD", "short")
    assert create_account.main(["--name", "alice", "--bookings-url", url]) == 1
    assert "at least 12 characters" in capsys.readouterr().err
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD)
    assert create_account.main(["--name", "alice", "--bookings-url", url]) == 0
    assert create_account.main(["--name", "alice", "--bookings-url", url]) == 1
    with create_engine(url).connect() as connection:
        assert list(connection.execute(select(staff_accounts.c.name)).scalars()) == ["alice"]


def test_the_command_asks_twice_on_the_terminal(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'bookings.db'}"
    monkeypatch.delenv("STAFF_PASSWORD", raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "bob")
    answers = iter([PASSWORD, PASSWORD + "typo"])
    monkeypatch.setattr(create_account.getpass, "getpass", lambda prompt: next(answers))
    assert create_account.main(["--bookings-url", url]) == 1  # the two differ
    answers = iter([PASSWORD, PASSWORD])
    assert create_account.main(["--bookings-url", url]) == 0
    with create_engine(url).connect() as connection:
        assert list(connection.execute(select(staff_accounts.c.name)).scalars()) == ["bob"]


def test_make_staff_account_runs_the_command():
    makefile = (PROJECT_DIR / "Makefile").read_text(encoding="utf-8")
    assert "staff-account:" in makefile and "-m console.create_account" in makefile


def test_make_run_serves_the_console_and_says_how_to_sign_in():
    run = (PROJECT_DIR / "ops" / "run.sh").read_text(encoding="utf-8")
    assert "-m console" in run and "8081" in run and "make staff-account" in run


def test_the_console_module_runs(tmp_path):
    done = subprocess.run([sys.executable, "-m", "console", "--help"], cwd=PROJECT_DIR, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and "--port" in done.stdout
