"""The scale-out test (`make test-scale`): two Rasa replicas and two action servers behind nginx,
on real PostgreSQL and Redis, under concurrent conversations, with one replica killed midway.

- `services.py` starts and stops PostgreSQL, Redis, nginx, the action servers and the replicas;
- `load.py` holds the conversations, the client's bounded retries and the kill;
- `checks.py` reads the trackers and bookings back from PostgreSQL and checks them;
- `run.py` is the entry point: `python -m harness.scale.run`.
"""
