#!/usr/bin/env bash
# Serve the demo site with a Celery worker and beat on the embedded default; Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
trap 'trap - INT TERM EXIT; kill 0 2>/dev/null; wait' INT TERM EXIT
"$BIN/celery" -A portal worker --loglevel INFO --concurrency 2 &
"$BIN/celery" -A portal beat --loglevel INFO &
"$BIN/python" manage.py runserver 127.0.0.1:8000 &
echo "Invest Portal: http://127.0.0.1:8000/ (admin at /admin/). Ctrl-C stops the site, the worker and beat."
wait -n
