"""The staff console: a small Sanic web app of the project's own, on the bookings database (core/)."""
