"""Delete conversations and booking requests older than a number of days.

    python -m ops.purge [--days N] [--endpoints endpoints.yml] [--dry-run]

N defaults to `retention_days` in the clinic's config (clinic.yml). Conversations
go whole, when their latest event is older than N days (the tracker store named in
the endpoints file, which must be `stores.tracker_store.ClinicTrackerStore` or
Rasa's `SQL`); booking requests go when they were made more than N days ago
(BOOKINGS_DATABASE_URL). `make purge` runs it; run it daily from cron or a
Kubernetes CronJob.
"""
import argparse
import datetime as dt
import sys
from typing import List, Optional

from core.database import BookingStore
from core.settings import bookings_database_url, clinic


def tracker_store_from(endpoints_path: str):
    from rasa.core.utils import read_endpoints_from_path

    from stores.tracker_store import ClinicTrackerStore

    config = read_endpoints_from_path(endpoints_path).tracker_store
    if config is None or config.type not in ("SQL", "sql", "stores.tracker_store.ClinicTrackerStore"):
        raise SystemExit(f"{endpoints_path}: the tracker store is not an SQL store; nothing purged")
    return ClinicTrackerStore(host=config.url, **config.kwargs)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=None)
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--bookings-url", default=None)
    args = parser.parse_args(argv)
    days = args.days if args.days is not None else clinic().retention_days
    if days < 1:
        print("--days must be at least 1", file=sys.stderr)
        return 2
    cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)
    conversations = tracker_store_from(args.endpoints).purge_before(cutoff.timestamp())
    store = BookingStore(args.bookings_url or bookings_database_url())
    try:
        requests = store.purge_before(cutoff)
    finally:
        store.dispose()
    print(f"purged {conversations} conversation(s) and {requests} booking request(s) older than {days} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
