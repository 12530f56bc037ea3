"""Input channels of the project's own: the website widget's socket.io, Telegram and WhatsApp.

Each is named in credentials.yml by its module path and serves Rasa's usual
`/webhooks/<name>/...` path.
"""
