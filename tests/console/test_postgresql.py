"""The console's tables and queries on a real PostgreSQL server (tests/postgres.py): accounts, sessions, the
limit on failed sign-ins, a status change with its audit entry, and a bookings table made before the console."""

import pytest
from sqlalchemy import create_engine, inspect

from console import requests as booking_requests
from console.accounts import Accounts, SignInRefused
from core.database import BookingStore

from .conftest import PASSWORD, SETTINGS, START, Clock, add_request
from .test_requests import OLD_BOOKINGS_TABLE


@pytest.fixture
def postgres_url(postgres):
    return postgres.new_database()


def test_the_console_on_postgresql(postgres_url):
    clock = Clock(START)
    store = BookingStore(postgres_url, now=clock)
    try:
        accounts = Accounts(store.engine, SETTINGS, now=clock)
        accounts.create("alice", PASSWORD)
        session_id = accounts.sign_in("alice", PASSWORD, "127.0.0.1")
        assert session_id and accounts.session(session_id).account == "alice"
        clock.advance(minutes=31)
        assert accounts.session(session_id) is None
        for _ in range(3):
            assert accounts.sign_in("alice", "wrong password", "127.0.0.1") is None
        with pytest.raises(SignInRefused):
            accounts.sign_in("alice", PASSWORD, "127.0.0.1")
        reference = add_request(store)
        detail = booking_requests.change(store.engine, reference, "alice", "booked", "a note", now=clock)
        assert detail == "status new -> booked; note changed"
        found = booking_requests.find(store.engine, reference)
        assert found["status_changed_by"] == "alice" and found["status_changed_at"] == clock()
        assert [row["first_name"] for row in booking_requests.listing(store.engine)] == ["Zoë"]
        assert accounts.audit_log()[-1]["reference"] == reference
        assert store.delete_for_conversation("conversation-1") == 1
        assert booking_requests.listing(store.engine) == []
    finally:
        store.dispose()


def test_a_bookings_table_made_before_the_console_gets_its_columns_on_postgresql(postgres_url):
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.exec_driver_sql(OLD_BOOKINGS_TABLE.replace("DATETIME", "TIMESTAMP WITH TIME ZONE")
                                   .replace("INTEGER PRIMARY KEY", "SERIAL PRIMARY KEY"))
    store = BookingStore(postgres_url)
    try:
        store.engine
        columns = {column["name"] for column in inspect(engine).get_columns("bookings")}
        assert {"status", "note", "status_changed_by", "status_changed_at"} <= columns
    finally:
        store.dispose()
        engine.dispose()
