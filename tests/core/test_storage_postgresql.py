"""The booking store on a real PostgreSQL server (tests/postgres.py), started on loopback."""
import pytest

from core.database import BookingStore
from tests.core.test_storage import REQUEST


@pytest.fixture
def postgres_url(postgres):
    return postgres.new_database()


def test_bookings_round_trip_through_postgresql(postgres_url):
    store = BookingStore(postgres_url)
    try:
        reference = store.save(REQUEST)
        second = store.save(REQUEST.__class__(**{**REQUEST.__dict__, "name": "Zoë Ñúñez-O'Brien"}))
        assert store.find(reference)["name"] == "'; DROP TABLE bookings; --"
        assert store.find(second)["name"] == "Zoë Ñúñez-O'Brien"
        assert store.find(reference)["preferred_start"] == REQUEST.preferred_start  # the zone is kept
        assert len(store.all()) == 2
    finally:
        store.dispose()


def test_two_servers_creating_the_tables_at_once_both_succeed(postgres_url):
    import threading

    stores = [BookingStore(postgres_url) for _ in range(4)]
    errors = []

    def open_store(store):
        try:
            store.engine
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=open_store, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in stores:
        store.dispose()
    assert errors == []
