"""What several parts of the clinic assistant share: the clinic's settings (`settings`), the booking
parsers (`booking`), the words those parsers and the NLU components share (`words`), the booking
database's tables and store (`database`), and the bearer-token check (`auth`).

The rule: nothing here imports Rasa, rasa_sdk or sanic, nor anything from actions/, channels/,
stores/, notifications/, components/ or scripts/. They import core; core imports none of them
(tests/test_architecture.py checks it).
"""
