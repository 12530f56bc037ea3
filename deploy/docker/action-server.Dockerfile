# The action server (actions/server.py: rasa-sdk behind the bearer token). Build from the
# project's root:
#   docker build -f deploy/docker/action-server.Dockerfile -t registry.example-clinic.com/clinic/action-server:1.0.0 .
# Only the files named in COPY go into the image: no .venv/, var/ or results/.
# It needs ACTION_SERVER_TOKEN and BOOKINGS_DATABASE_URL (postgresql://...) at run time.

FROM python:3.10.13-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SQLALCHEMY_SILENCE_UBER_WARNING=1
WORKDIR /app
# The action server's own pinned set (requirements-actions.in, compiled against requirements.txt): rasa-sdk and
# what the actions and the notifications import, without Rasa, TensorFlow or spaCy.
COPY requirements-actions.txt ./
RUN pip install --no-cache-dir pip==24.0 \
 && pip install --no-cache-dir -r requirements-actions.txt
RUN groupadd --gid 1001 clinic \
 && useradd --uid 1001 --gid 1001 --create-home --home-dir /home/clinic --shell /usr/sbin/nologin clinic
COPY actions/*.py actions/
# What the actions share with the rest of the project (core/): the clinic's settings, the booking
# parsers and database, and the token check (core/auth.py) of actions/server.py, which also sends
# the clinic's booking notifications (notifications/).
COPY core/*.py core/
COPY notifications/*.py notifications/
COPY clinic.yml ./
USER 1001:1001
# actions/server.py listens on 127.0.0.1 unless told otherwise; in the container it must
# listen on the container's address.
ENV ACTION_SERVER_HOST=0.0.0.0
EXPOSE 5055
CMD ["python", "-m", "actions.server", "--port", "5055"]
