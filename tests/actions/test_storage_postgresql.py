"""The booking store on a real PostgreSQL server (tests/postgres.py), started on loopback."""
import pytest

from actions.storage import BookingStore
from tests.actions.test_storage import REQUEST


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
