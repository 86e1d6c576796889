#!/usr/bin/env bash
# Production: migrate, collect static files (hashed, compressed), then run gunicorn with a Celery worker and
# beat, all on production settings read from the environment (SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL,
# CACHE_URL, CELERY_BROKER_URL, …: see the README). Ctrl-C or SIGTERM stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
export DJANGO_SETTINGS_MODULE=portal.settings.production
BIND=${BIND:-127.0.0.1:8000}
WORKERS=${WEB_CONCURRENCY:-$(( $(nproc) * 2 + 1 ))}
"$BIN/python" manage.py check --deploy --fail-level WARNING
"$BIN/python" manage.py migrate --no-input
"$BIN/python" manage.py collectstatic --no-input --verbosity 0
trap 'trap - INT TERM EXIT; kill 0 2>/dev/null; wait' INT TERM EXIT
"$BIN/celery" -A portal worker --loglevel INFO --concurrency "$(nproc)" &
"$BIN/celery" -A portal beat --loglevel INFO --schedule "${CELERY_BEAT_SCHEDULE_FILE:-/tmp/invest-portal-beat}" &
"$BIN/gunicorn" --config gunicorn.conf.py --bind "$BIND" --workers "$WORKERS" --access-logfile - &
echo "Invest Portal (production settings): http://$BIND/ with $WORKERS gunicorn workers, a Celery worker and beat."
wait -n
