# The dashboard as a container, for serving read-only links beyond the secretariat's laptop.
# See docs/deploy.md: run it behind a TLS reverse proxy, with secrets from the environment or a mounted file,
# and the store on a volume (it is plain files: back it up by copying the folder).
FROM python:3.11.7-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STORE_DIR=/store \
    TZ=Europe/Copenhagen \
    BROWSER_PATH=/usr/bin/chromium

# Debian's Chromium draws the meeting pack's charts (kaleido); pango (WeasyPrint) and DejaVu fonts set its text;
# tzdata for "data as of".
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-dejavu-core tzdata libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

RUN useradd --create-home --uid 10001 healthtech \
    && mkdir -p /store \
    && chown healthtech:healthtech /store
COPY --chown=root:root . .
USER healthtech

VOLUME ["/store"]
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4); sys.exit(0 if r.read() == b'ok' else 1)"]

# Bound to all interfaces inside the container: without secrets (local mode) every page refuses to serve.
CMD ["python", "-m", "streamlit", "run", "serve.py", "--server.address", "0.0.0.0", "--server.port", "8501"]
