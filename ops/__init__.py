"""Operations commands: start everything for the demo (run.sh), the demo's mail catcher, the purge of old
conversations and requests, printing the stored requests, registering the Telegram webhook."""
