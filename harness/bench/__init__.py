"""`make bench`: this assistant against the `rasa init` baseline (harness/bench/run.py)."""
