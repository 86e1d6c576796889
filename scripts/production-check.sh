#!/usr/bin/env bash
# The production path, run for real on this machine: production settings on PostgreSQL and Redis, the deploy
# checks, migrations, collectstatic with the manifest storage, the demo content, then scripts/serve.sh
# (gunicorn, a Celery worker and beat) on a local port, fetched over HTTP by scripts/production_smoke.py.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
PORT=${PORT:-8123}
DB=${SMOKE_DATABASE:-invest_portal_smoke}
work=$(mktemp -d)
psql -h 127.0.0.1 -U root -d test -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
export DJANGO_SETTINGS_MODULE=portal.settings.production
export SECRET_KEY="smoke-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="postgres://root@127.0.0.1:5432/$DB"
export CACHE_URL=redis://127.0.0.1:6379/5 CELERY_BROKER_URL=redis://127.0.0.1:6379/6
export STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media" PORTAL_VAR_DIR="$work/var"
export CELERY_BEAT_SCHEDULE_FILE="$work/beat" BIND="127.0.0.1:$PORT" WEB_CONCURRENCY=2
export WAGTAILADMIN_BASE_URL="https://invest-portal.smoke.test"  # the deploy check refuses local hosts
"$BIN/python" manage.py migrate --no-input --verbosity 0
"$BIN/python" manage.py load_demo > "$work/load_demo.log" 2>&1 || { tail -30 "$work/load_demo.log"; exit 1; }
setsid ./scripts/serve.sh > "$work/serve.log" 2>&1 &
server=$!
stop() { kill -TERM -- "-$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap stop EXIT
if ! "$BIN/python" scripts/production_smoke.py "http://127.0.0.1:$PORT"; then
  tail -50 "$work/serve.log"
  exit 1
fi
