#!/usr/bin/env bash
# Starts the action server, Rasa (REST + socket.io), the chat page, the staff console and a mail
# catcher for the booking emails; Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
ACTION_PORT=${ACTION_PORT:-5055}
RASA_PORT=${RASA_PORT:-5005}
CHAT_PORT=${CHAT_PORT:-8080}
CONSOLE_PORT=${CONSOLE_PORT:-8081}
MODEL=${MODEL:-models/clinic.tar.gz}
MAIL_DIR=${MAIL_DIR:-var/mail}
mkdir -p var
# Only the demo site's pages may open the widget's socket.
export SOCKETIO_ORIGINS=${SOCKETIO_ORIGINS:-http://localhost:$CHAT_PORT,http://127.0.0.1:$CHAT_PORT}
# Rasa sends this token to the action server, which answers nothing else.
export ACTION_SERVER_TOKEN=${ACTION_SERVER_TOKEN:-$($BIN/python -c 'import secrets; print(secrets.token_urlsafe(32))')}
# The console sends this token to Rasa's hand-over routes (channels/handover.py) to speak in a chat it took.
export HANDOVER_TOKEN=${HANDOVER_TOKEN:-$($BIN/python -c 'import secrets; print(secrets.token_urlsafe(32))')}
export RASA_URL=${RASA_URL:-http://127.0.0.1:$RASA_PORT}

pids=()
catcher=""
stop() {
  trap - INT TERM EXIT
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  [ -n "$catcher" ] && kill "$catcher" 2>/dev/null || true
  wait 2>/dev/null || true
  echo "stopped"
}
trap stop INT TERM EXIT

# Booking emails go to clinic.yml's SMTP server: on loopback, ops/mail_catcher.py catches them
# and writes them to $MAIL_DIR. It says where they go in one line and then logs to stderr; the demo
# runs on without it (port taken, or another server named).
exec {catcher_says}< <(exec $BIN/python -m ops.mail_catcher "$MAIL_DIR")
catcher=$!
read -r -t 30 mail_line <&"$catcher_says" || mail_line="Booking emails: the mail catcher did not start (its error is above)"
exec {catcher_says}<&-

$BIN/python -m actions.server --port "$ACTION_PORT" &
pids+=($!)
$BIN/python -m http.server "$CHAT_PORT" --bind 127.0.0.1 --directory web >/dev/null 2>&1 &
pids+=($!)
# the staff console (console/): loopback only; accounts come from `make staff-account`
$BIN/python -m console --host 127.0.0.1 --port "$CONSOLE_PORT" &
pids+=($!)
$BIN/rasa run --model "$MODEL" --port "$RASA_PORT" --interface "${RASA_INTERFACE:-127.0.0.1}" \
  --credentials credentials.yml --endpoints endpoints.yml \
  --cors "http://localhost:$CHAT_PORT" "http://127.0.0.1:$CHAT_PORT" &
pids+=($!)

echo "Chat page: http://localhost:$CHAT_PORT  (Rasa on :$RASA_PORT, actions on :$ACTION_PORT; Ctrl-C stops)"
echo "$mail_line"
echo "Staff console: http://localhost:$CONSOLE_PORT — create an account with \`make staff-account\`, sign in, and"
echo "  while the clinic is open, \"can I talk to a person\" in the chat page waits for you under Chats"
wait -n "${pids[@]}"
