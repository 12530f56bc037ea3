"""Telling the clinic about a new booking request: an outbox in the bookings database
(`outbox.py`), filled in the booking's own transaction and emptied by a worker with
retries and back-off, and the channels it sends on (`senders.py`: email, webhook)."""
