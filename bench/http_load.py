"""Benchmark: requests per second of the public pages served by gunicorn (2 workers, production settings) on
the demo data, against a bare Wagtail page with one rich-text field (``bench.bare_page``, installed only by
``bench.bare_page.settings``) served by the same server in the same run; and the first request of each page
after the server starts against its warm median (the median of ``--starts`` server starts: one request is one
sample, which a busy moment of the machine can double).

    PYTHONPATH=$PWD .venv/bin/python bench/http_load.py [--seconds S] [--concurrency C] [--no-warmup]
        [--rounds R] [--starts N] [--pages PAGE ...]

Runs: *uncached* (PAGE_CACHE_SECONDS=0) and *cached* (PAGE_CACHE_SECONDS=300, anonymous page cache; a hit
carries ``X-Page-Cache: hit``). ``--no-warmup`` starts gunicorn without ``gunicorn.conf.py`` (no warm-up),
to compare. The SQL queries of one render of each page (Django's test client, CaptureQueriesContext) are
printed too.

The demo database (``migrate`` + ``load_demo`` + the bare page, SQLite) and the collected static files are
built once and kept in ``$TMPDIR/invest-portal-http-bench/``, rebuilt when a migration or the demo changes;
each run works on a copy. The cache is Django's local-memory cache of each worker (no Redis needed).

Load generator: a small pool of threads with ``http.client`` (standard library), each sending requests one
after the other over its own keep-alive-free connection for a fixed duration. It is bounded (fixed
concurrency and duration), needs no extra dependency, and is light enough on this two-core machine for the
ratios between pages measured under the same conditions to hold; absolute figures are the server's and the
client's together. Each page's time is split into ``--rounds`` turns through all the pages, so that a slower
spell of the machine falls on every page alike. Targets: uncached >= 0.5x the bare page for every page; cached
hits >= 3x the bare page uncached; first request after start <= 3x the warm median.
"""

import sys
from pathlib import Path

# bench/ holds scripts (bench/statistics.py) that would shadow the standard library: move it to the end.
_BENCH = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if p != _BENCH] + [_BENCH]

import argparse  # noqa: E402
import hashlib  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
CACHE_DIR = Path(tempfile.gettempdir()) / "invest-portal-http-bench"
PAGES = {
    "home": "/en/",
    "zone index": "/en/zones/",
    "zone page": "/en/zones/minh-hung-3/",
    "dashboard": "/en/projects/dashboard/",
    "search": "/en/search/?q=industrial+park",
    "plan": "/en/licensing/plan/",
}
BARE = ("bare page", "/en/bench-bare/")
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1", "User-Agent": "http-load-bench"}

CREATE_BARE_PAGE = """
import django; django.setup()
from wagtail.models import Locale
from portal.models import HomePage
from bench.bare_page.models import BarePage
home = HomePage.objects.get(locale=Locale.objects.get(language_code="en"))
body = "".join(f"<p>Paragraph {n}: the province offers <b>land</b>, <i>labour</i> and a "
               f'<a href="https://example.org/">port</a>.</p>' for n in range(8))
home.add_child(instance=BarePage(title="Bench bare page", slug="bench-bare", body=body))
"""

COUNT_QUERIES = """
import json, sys, django; django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
counts = {}
for name, url in json.loads(sys.argv[1]).items():
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    counts[name] = [status, len(queries)]
print(json.dumps(counts))
"""


def fingerprint() -> str:
    """A hash of what the demo database depends on: migrations, the demo loaders and their data."""
    digest = hashlib.sha256()
    files = [*ROOT.glob("*/migrations/*.py"), *ROOT.glob("bench/*/migrations/*.py"), *ROOT.glob("*/demo.py"),
             *ROOT.glob("*/demo_data/**/*"), *ROOT.glob("*/management/commands/load_demo.py")]
    for path in sorted(p for p in files if p.is_file()):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def base_env(work: Path, database: Path, page_cache: int) -> dict:
    """Production settings as scripts/production-check.sh sets them, on SQLite and the local-memory cache."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL", "CELERY_BROKER_URL")}
    env.update({
        "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "bench.bare_page.settings",
        "SECRET_KEY": "bench-" + hashlib.sha256(str(work).encode()).hexdigest(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(CACHE_DIR / "static"), "MEDIA_ROOT": str(work / "media"),
        "PORTAL_VAR_DIR": str(work / "var"), "WAGTAILADMIN_BASE_URL": "https://invest-portal.bench.test",
        "CELERY_TASK_ALWAYS_EAGER": "true", "PAGE_CACHE_SECONDS": str(page_cache),
    })
    return env


def manage(env: dict, *args: str, log: Path | None = None) -> None:
    """Run a management command, stopping the bench with its output if it fails."""
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    if log:
        log.write_text(result.stdout + result.stderr)
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{(result.stdout + result.stderr)[-3000:]}")


def prepare(work: Path) -> Path:
    """A copy of the cached demo database (built if missing) and the collected static files."""
    CACHE_DIR.mkdir(exist_ok=True)
    cached = CACHE_DIR / f"demo-{fingerprint()}.sqlite3"
    if not cached.exists():
        print(f"building the demo database in {cached} (migrate, load_demo: a few minutes) …", flush=True)
        building = CACHE_DIR / "building.sqlite3"
        for stale in CACHE_DIR.glob("building.sqlite3*"):
            stale.unlink()
        env = base_env(work, building, 0)
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        manage(env, "load_demo", log=work / "load_demo.log")
        result = subprocess.run([PYTHON, "-c", CREATE_BARE_PAGE], cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
        if result.returncode:
            raise SystemExit(result.stderr[-3000:])
        with sqlite3.connect(building) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy(building, cached)
    database = work / "db.sqlite3"
    shutil.copy(cached, database)
    static = hashlib.sha256()
    for path in sorted(ROOT.glob("*/static/**/*")):
        if path.is_file():
            static.update(f"{path.relative_to(ROOT)} {path.stat().st_size} {path.stat().st_mtime_ns}".encode())
    marker = CACHE_DIR / "static" / f".collected-{static.hexdigest()[:16]}"
    if not marker.exists():
        manage(base_env(work, database, 0), "collectstatic", "--no-input", "--clear", "--verbosity", "0")
        marker.touch()
    return database


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, url: str, timeout: float = 120) -> tuple[int, dict, float]:
    """GET ``url``: status, headers (lower-case names) and seconds taken."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", url, headers=HEADERS)
        response = connection.getresponse()
        response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, time.perf_counter() - start
    finally:
        connection.close()


class Server:
    """gunicorn with 2 workers on a free port, with or without the site's gunicorn.conf.py."""

    def __init__(self, env: dict, work: Path, warm: bool):
        self.port = free_port()
        config = ROOT / "gunicorn.conf.py"
        if not warm:
            config = work / "gunicorn-cold.conf.py"
            config.write_text('wsgi_app = "portal.wsgi:application"\n\n\ndef post_worker_init(worker):\n'
                              '    worker.log.info("worker ready")\n')
        self.log_path = work / f"gunicorn-{self.port}.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603
            [GUNICORN, "--config", str(config), "--workers", "2", "--bind", f"127.0.0.1:{self.port}",
             "--timeout", "300", "--no-control-socket"], cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.wait_ready()

    def wait_ready(self, seconds: float = 300) -> None:
        """Wait until both workers have logged "worker ready" (after their post_worker_init hook), without
        sending a request that would be their first."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped:\n{self.log_path.read_text()[-3000:]}")
            if self.log_path.read_text().count("worker ready") >= 2:
                return
            time.sleep(0.2)
        raise SystemExit(f"gunicorn not ready after {seconds} s")

    def stop(self) -> None:
        """Stop gunicorn and wait for it."""
        self.process.terminate()
        self.process.wait(timeout=60)
        self.log.close()


def load(port: int, url: str, seconds: float, concurrency: int) -> dict:
    """Requests per second of ``url`` from ``concurrency`` threads during ``seconds``; errors and cache hits."""
    done, errors, hits = [], [], []
    stop_at = time.monotonic() + seconds

    def worker():
        count = error = hit = 0
        while time.monotonic() < stop_at:
            try:
                status, headers, _ = get(port, url, timeout=60)
            except OSError:
                error += 1
                continue
            count += 1
            error += status != 200
            hit += headers.get("x-page-cache") == "hit"
        done.append(count)
        errors.append(error)
        hits.append(hit)

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    return {"rps": sum(done) / elapsed, "errors": sum(errors), "hits": sum(hits), "requests": sum(done),
            "seconds": elapsed}


def load_rounds(port: int, pages: dict, seconds: float, concurrency: int, rounds: int) -> dict:
    """``load`` of every page for ``seconds`` in all, in ``rounds`` turns that go through the pages in order: a
    slower spell of the machine falls on every page alike rather than on the one loaded at that moment."""
    totals = {name: {"requests": 0, "errors": 0, "hits": 0, "seconds": 0.0} for name in pages}
    for _round in range(rounds):
        for name, url in pages.items():
            result = load(port, url, seconds / rounds, concurrency)
            total = totals[name]
            for key in total:
                total[key] += result[key]
    return {name: {**total, "rps": total["requests"] / total["seconds"]} for name, total in totals.items()}


def first_and_warm(port: int, pages: dict, repeat: int = 9) -> dict:
    """Seconds of the very first request of each page (in order, right after the server started) and the
    median of ``repeat`` later ones."""
    first = {}
    for name, url in pages.items():
        status, _headers, seconds = get(port, url)
        if status != 200:
            raise SystemExit(f"{name} {url}: HTTP {status}")
        first[name] = seconds
    return {name: (first[name], statistics.median(get(port, url)[2] for _ in range(repeat)))
            for name, url in pages.items()}


def median_timings(runs: list[dict]) -> dict:
    """Per page, the median first request and the median warm median of several server starts."""
    return {name: (statistics.median(run[name][0] for run in runs), statistics.median(run[name][1] for run in runs))
            for name in runs[0]}


def count_queries(env: dict, pages: dict) -> dict:
    """The SQL queries of one anonymous render of each page (after a first one), through Django's test client."""
    result = subprocess.run([PYTHON, "-c", COUNT_QUERIES, json.dumps(pages)], cwd=ROOT, env=env,  # noqa: S603
                            capture_output=True, text=True)
    if result.returncode:
        print(result.stderr[-2000:])
        return {}
    return json.loads(result.stdout.strip().splitlines()[-1])


def verdict(ok: bool, missed: str = "MISSED") -> str:
    return "met" if ok else missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8, help="load duration per page and run")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--no-warmup", action="store_true", help="gunicorn without gunicorn.conf.py")
    parser.add_argument("--rounds", type=int, default=4, help="turns through the pages that share each page's time")
    parser.add_argument("--starts", type=int, default=3,
                        help="server starts whose first requests are measured (their median is printed)")
    parser.add_argument("--pages", nargs="+", choices=PAGES, metavar="PAGE",
                        help=f"load only these pages (the bare page always runs): {', '.join(PAGES)}")
    args = parser.parse_args()
    chosen = {name: url for name, url in PAGES.items() if not args.pages or name in args.pages}
    pages = {**chosen, BARE[0]: BARE[1]}
    warm = not args.no_warmup

    with tempfile.TemporaryDirectory(prefix="http-bench-") as folder:
        work = Path(folder)
        database = prepare(work)
        print(f"gunicorn, 2 workers, production settings, SQLite demo data; {args.concurrency} client threads, "
              f"{args.seconds:g} s per page in {args.rounds} rounds; warm-up "
              f"{'on (gunicorn.conf.py)' if warm else 'off'}; first requests: median of {args.starts} server starts",
              flush=True)

        queries = count_queries(base_env(work, database, 0), pages)

        server = Server(base_env(work, database, 0), work, warm)
        try:
            runs = [first_and_warm(server.port, pages)]
            uncached = load_rounds(server.port, pages, args.seconds, args.concurrency, args.rounds)
        finally:
            server.stop()
        for _start in range(args.starts - 1):
            server = Server(base_env(work, database, 0), work, warm)
            try:
                runs.append(first_and_warm(server.port, pages))
            finally:
                server.stop()
        timings = median_timings(runs)

        server = Server(base_env(work, database, 300), work, warm)
        try:
            for url in pages.values():
                get(server.port, url)
            cached = load_rounds(server.port, pages, args.seconds, args.concurrency, args.rounds)
        finally:
            server.stop()

    bare = uncached[BARE[0]]["rps"]
    print(f"\n{'page':<12} {'queries':>7} {'uncached r/s':>12} {'x bare':>6} {'cached r/s':>10} {'x bare':>6} "
          f"{'hits':>5} {'first ms':>8} {'warm ms':>7} {'x warm':>6}")
    for name in pages:
        u, c = uncached[name], cached[name]
        first, warm_median = timings[name]
        hit_share = c["hits"] / c["requests"] if c["requests"] else 0
        print(f"{name:<12} {queries.get(name, ['?', '?'])[1]:>7} {u['rps']:>12.1f} {u['rps'] / bare:>6.2f} "
              f"{c['rps']:>10.1f} {c['rps'] / bare:>6.2f} {hit_share:>5.0%} {first * 1000:>8.0f} "
              f"{warm_median * 1000:>7.0f} {first / warm_median:>6.1f}")
        if u["errors"] or c["errors"]:
            print(f"  {name}: {u['errors']} uncached and {c['errors']} cached requests failed")

    print()
    any_hit = any(c["hits"] for c in cached.values())
    for name in chosen:
        ratio = uncached[name]["rps"] / bare
        print(f"target uncached {name} >= 0.5x bare page: {ratio:.2f}x {verdict(ratio >= 0.5)}")
    for name in chosen:
        ratio = cached[name]["rps"] / bare
        ok = any_hit and cached[name]["hits"] > 0 and ratio >= 3
        missed = "MISSED" if any_hit else "MISSED (no page cache in this build)"
        print(f"target cached {name} >= 3x bare page uncached: {ratio:.2f}x {verdict(ok, missed)}")
    for name in pages:
        first, warm_median = timings[name]
        ratio = first / warm_median
        print(f"target first request {name} <= 3x warm: {ratio:.1f}x {verdict(ratio <= 3)}")


if __name__ == "__main__":
    main()
