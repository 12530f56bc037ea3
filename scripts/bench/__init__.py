"""`make bench`: this assistant against the `rasa init` baseline (scripts/bench/run.py)."""
