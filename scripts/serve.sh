#!/usr/bin/env bash
# Production: migrate, collect static files (hashed, compressed), then run gunicorn, two Celery workers (one
# for the imports queue, one for the default, notifications and indexing queues) and one beat, all on
# production settings read from the environment (SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, CACHE_URL,
# CELERY_BROKER_URL, …: see docs/production.md). Ctrl-C or SIGTERM stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
export DJANGO_SETTINGS_MODULE=portal.settings.production
BIND=${BIND:-127.0.0.1:8000}
WORKERS=${WEB_CONCURRENCY:-$(( $(nproc) * 2 + 1 ))}
THREADS=${WEB_THREADS:-1}
IMPORTS_CONCURRENCY=${CELERY_IMPORTS_CONCURRENCY:-1}
TASKS_CONCURRENCY=${CELERY_CONCURRENCY:-$(nproc)}
"$BIN/python" manage.py check --deploy --fail-level WARNING
"$BIN/python" manage.py migrate --no-input
"$BIN/python" manage.py collectstatic --no-input --verbosity 0
trap 'trap - INT TERM EXIT; kill 0 2>/dev/null; wait' INT TERM EXIT
# Prefork workers take a connection per task: Celery closes a connection pool after each task (DATABASE_POOL).
DATABASE_POOL=false "$BIN/celery" -A portal worker --loglevel INFO -n "imports@%h" -Q imports \
  --concurrency "$IMPORTS_CONCURRENCY" &
DATABASE_POOL=false "$BIN/celery" -A portal worker --loglevel INFO -n "tasks@%h" -Q default,notifications,indexing \
  --concurrency "$TASKS_CONCURRENCY" &
"$BIN/celery" -A portal beat --loglevel INFO --schedule "${CELERY_BEAT_SCHEDULE_FILE:-/tmp/invest-portal-beat}" &
"$BIN/gunicorn" --config gunicorn.conf.py --bind "$BIND" --workers "$WORKERS" --threads "$THREADS" \
  --access-logfile - &
echo "Invest Portal (production settings): http://$BIND/ with $WORKERS gunicorn workers ($THREADS threads each)," \
  "Celery workers for imports ($IMPORTS_CONCURRENCY) and the other queues ($TASKS_CONCURRENCY), and beat."
wait -n
