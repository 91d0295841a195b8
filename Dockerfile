# BriefBot in a container: long polling by default; the token comes from the environment at run time.
#   docker build -t briefbot .
#   docker run --env-file .env --restart on-failure briefbot
# Webhook behind a reverse proxy (see README, Deployment):
#   docker run --env-file .env -p 127.0.0.1:8443:8443 briefbot \
#     briefbot telegram --webhook-url https://bot.example.org/telegram --listen 0.0.0.0 --port 8443
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BRIEFBOT_HEALTH_FILE=/tmp/briefbot/health

WORKDIR /src
# The pinned runtime dependencies first (a cached layer), then the package itself without resolving again.
COPY requirements.lock ./
RUN pip install --no-deps -r requirements.lock
COPY pyproject.toml README.md LICENSE ./
COPY bot ./bot
RUN pip install --no-deps . && rm -rf /src

RUN useradd --system --create-home --home-dir /home/briefbot --uid 10001 briefbot \
    && mkdir -p /tmp/briefbot && chown briefbot /tmp/briefbot
USER briefbot
WORKDIR /home/briefbot

EXPOSE 8443
# Fails when polling is dead: the bot touches $BRIEFBOT_HEALTH_FILE after every successful poll (or, with a
# webhook, while its event loop lives); `briefbot health` exits 1 once the file is older than a minute.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["briefbot", "health"]
CMD ["briefbot", "telegram"]
