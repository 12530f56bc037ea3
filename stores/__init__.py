"""Rasa extension points for storage: the tracker store that can forget a conversation."""
