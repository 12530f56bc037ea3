"""The test and bench harness: the real servers started for tests and reports (servers.py), the scale stack
(scale/) and the benchmark against Rasa's default configuration (bench/)."""
