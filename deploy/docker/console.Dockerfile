# The staff console (console/: a Sanic app on the bookings database, and the hand-over to a person through
# Rasa's channels/handover.py). Build from the project's root:
#   docker build -f deploy/docker/console.Dockerfile -t registry.example-clinic.com/clinic/console:1.0.0 .
# Only the files named in COPY go into the image: no .venv/, var/ or results/.
# It needs BOOKINGS_DATABASE_URL (postgresql://...), CONSOLE_ORIGIN (its public https origin), RASA_URL
# (e.g. http://clinic-rasa:5005) and HANDOVER_TOKEN (the same as Rasa's) at run time.
# A staff account, in this image: docker run -e STAFF_PASSWORD ... <image> python -m console.create_account --name NAME

FROM python:3.10.13-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SQLALCHEMY_SILENCE_UBER_WARNING=1
WORKDIR /app
# The console's own pinned set (requirements-console.in, compiled against requirements.txt): Sanic, Jinja2,
# argon2-cffi, SQLAlchemy with psycopg2, PyYAML and aiohttp, without Rasa, TensorFlow or spaCy.
COPY requirements-console.txt ./
RUN pip install --no-cache-dir pip==24.0 \
 && pip install --no-cache-dir -r requirements-console.txt
RUN groupadd --gid 1001 clinic \
 && useradd --uid 1001 --gid 1001 --create-home --home-dir /home/clinic --shell /usr/sbin/nologin clinic
# The app, its pages and its static files.
COPY console/*.py console/
COPY console/templates/ console/templates/
COPY console/static/ console/static/
# What it shares with the rest of the project (core/): the clinic's settings (and the words they read), the
# booking database's tables and the hand-over requests. Not core/booking.py, whose parsers it never imports.
COPY core/__init__.py core/settings.py core/words.py core/database.py core/handover.py core/
COPY clinic.yml ./
USER 1001:1001
# The image runs behind one proxy (the cluster's ingress, deploy/helm/console-values.yml): Sanic then takes each
# member of staff's address from the last X-Forwarded-For entry, so the sign-in's per-address limit
# (console/accounts.py) counts each one's own address, not the ingress's. Set 0 where clients reach it directly.
ENV SANIC_PROXIES_COUNT=1
EXPOSE 8081
# console/__main__.py binds to 127.0.0.1 unless told otherwise; in the container it must listen on the
# container's address.
CMD ["python", "-m", "console", "--host", "0.0.0.0", "--port", "8081"]
