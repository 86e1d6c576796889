"""Shared set-up of the benchmarks that run on PostgreSQL: Django on ``DATABASE_URL`` (migrated), a project to
hang generated dossiers on, and the median of repeated timings.

Import it after the standard library's ``statistics`` (``bench/statistics.py`` is a benchmark of that name)."""

import logging
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def setup_django(example_database: str) -> None:
    """Django on the PostgreSQL database of ``DATABASE_URL`` (exit with an example otherwise), migrated, with a
    process-local cache and quiet logs."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit(f"Set DATABASE_URL to a PostgreSQL database, e.g. postgres://root@127.0.0.1:5432/{example_database}")
    os.environ.setdefault("CACHE_URL", f"locmemcache://bench-{example_database}")
    import django
    from django.core.management import call_command

    django.setup()
    logging.disable(logging.WARNING)
    call_command("migrate", verbosity=0)


def bench_project(code: str) -> int:
    """The id of the registered project ``code`` (made once, wholly Korean-owned), with the licensing
    catalogue loaded."""
    from licensing.demo import load_catalogue
    from projects.choices import InvestorKind
    from projects.models import Investor, Project
    from projects.services import Share, register_project

    load_catalogue()
    project = Project.objects.filter(code=code).first()
    if project is None:
        investor = Investor.objects.create(name_vi="Nhà đầu tư benchmark", name_en="Benchmark investor",
                                           country="KR", kind=InvestorKind.FOREIGN_ENTERPRISE)
        project = Project(code=code, name_vi="Dự án benchmark", name_en="Benchmark project",
                          registered_on=date(2024, 1, 2), currency="USD", registered_capital=Decimal("1000000"),
                          exchange_rate=Decimal("25000"), exchange_rate_date=date(2024, 1, 2))
        register_project(project, [Share(investor, Decimal("100"))], locate_now=False)
    return project.pk


def timed(function, repeat: int) -> tuple[float, object]:
    """The median seconds of ``repeat`` calls of ``function``, and what the last call returned."""
    samples, result = [], None
    for _n in range(repeat):
        started = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), result


#: What the TLS proxy in front of gunicorn adds to every request, as deployed.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def production_server(workers: int = 2, collect_static: bool = False, **environment: str):
    """gunicorn with production settings on this process's ``DATABASE_URL``, on a free port of 127.0.0.1, with
    ``environment`` added (and the static files collected first into a temporary folder when
    ``collect_static``); yields its base URL once /healthz answers, and stops it afterwards."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="bench-static-") as static_root:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production",
               "SECRET_KEY": secrets.token_hex(32), "ALLOWED_HOSTS": "127.0.0.1", "STATIC_ROOT": static_root,
               "CACHE_URL": os.environ.get("CACHE_URL", "locmemcache://bench"), **environment}
        if collect_static:
            subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],  # noqa: S603 - our own manage.py
                           cwd=ROOT, env=env, check=True)
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen([str(gunicorn), "portal.wsgi:application", "--bind", f"127.0.0.1:{port}",  # noqa: S603 - our own gunicorn
                                   "--workers", str(workers), "--log-level", "warning"], cwd=ROOT, env=env,
                                  start_new_session=True)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers=PROXY_HEADERS)
                    urllib.request.urlopen(request, timeout=60).read()  # noqa: S310 - http on 127.0.0.1
                    break
                except OSError:  # not listening yet (the first request of a worker also imports what it needs)
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("gunicorn did not start") from None
                    time.sleep(0.3)
            yield f"http://127.0.0.1:{port}"
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
