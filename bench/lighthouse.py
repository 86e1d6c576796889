"""Benchmark: Lighthouse 12's accessibility and SEO scores of the home page, the zone index, a zone, the
statistics dashboard and the licensing plan, in English and Vietnamese, on desktop and mobile, served by
gunicorn with production settings on the demo content.

Targets: accessibility = 100 and SEO >= 95 on every page, language and form factor.

    DATABASE_URL=postgres://root@127.0.0.1:5432/bench_lighthouse .venv/bin/python bench/lighthouse.py

Needs PostgreSQL (``DATABASE_URL``), Node.js with npm, and Chromium (``CHROME_PATH``, default
/usr/bin/chromium). Lighthouse is installed with npm into a temporary folder for the run; the demo content is
loaded into the database (idempotent) and left there.
"""

import sys
from pathlib import Path

# bench/ holds scripts named like standard modules (bench/statistics.py): move it to the end of sys.path.
_BENCH = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if p != _BENCH] + [_BENCH]

import argparse  # noqa: E402
import functools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402

from support.postgres import PROXY_HEADERS, production_server, setup_django  # noqa: E402

print = functools.partial(print, flush=True)  # noqa: A001 - figures appear as they are measured

LIGHTHOUSE = "lighthouse@12"
ACCESSIBILITY = 100
SEO = 95
LANGUAGES = ("en", "vi")
FORM_FACTORS = ("desktop", "mobile")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"


def pages(language: str) -> dict[str, str]:
    """The measured pages' paths in ``language``."""
    from django.urls import reverse
    from django.utils import translation

    from zones.models import ZoneIndexPage, ZonePage

    def live(model):
        return model.objects.live().filter(locale__language_code=language)

    with translation.override(language):
        return {"home": f"/{language}/", "zone index": live(ZoneIndexPage).get().url,
                "zone": live(ZonePage).order_by("path").first().url,
                "dashboard": reverse("projects:dashboard"), "licensing plan": reverse("licensing:plan")}


def install(folder: str) -> Path:
    """Lighthouse installed with npm into ``folder``; returns its command-line script."""
    command = [shutil.which("npm") or "npm", "install", "--prefix", folder, "--no-audit", "--no-fund",
               "--loglevel", "error", LIGHTHOUSE]
    subprocess.run(command, check=True)  # noqa: S603 - our own arguments
    return Path(folder) / "node_modules" / "lighthouse" / "cli" / "index.js"


def audit(cli: Path, url: str, form_factor: str) -> dict:
    """Lighthouse's accessibility and SEO categories of ``url``: scores out of 100, and the audits that failed."""
    command = [shutil.which("node") or "node", str(cli), url, "--only-categories=accessibility,seo", "--output=json",
               "--output-path=stdout", "--quiet", f"--chrome-flags={CHROME_FLAGS}",
               f"--extra-headers={json.dumps(PROXY_HEADERS)}"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout)  # noqa: S603 - node on our own arguments
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not audit {url}: {report['runtimeError'].get('message')}")
    result = {}
    for category in ("accessibility", "seo"):
        found = report["categories"][category]
        if found["score"] is None:
            errors = {ref["id"]: report["audits"][ref["id"]].get("errorMessage") for ref in found["auditRefs"]
                      if report["audits"][ref["id"]].get("scoreDisplayMode") == "error"}
            raise RuntimeError(f"Lighthouse gave {url} no {category} score: {errors}")
        failed = [ref["id"] for ref in found["auditRefs"] if ref["weight"]
                  and report["audits"][ref["id"]]["score"] is not None and report["audits"][ref["id"]]["score"] < 1]
        result[category] = (round(found["score"] * 100), failed)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    setup_django("bench_lighthouse")
    from django.core.management import call_command

    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 - closed at exit
    paths = {language: pages(language) for language in LANGUAGES}
    missed = {"accessibility": [], "seo": []}
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as folder:
        cli = install(folder)
        # No TLS proxy stands before gunicorn here, and Lighthouse fetches robots.txt without the proxy headers.
        with production_server(collect_static=True, MAP_TILES_URL="", SECURE_SSL_REDIRECT="false") as base_url:
            print(f"{'page':<16}{'language':<10}{'form factor':<13}{'accessibility':>14}{'SEO':>6}  failed audits")
            for language in LANGUAGES:
                for name, path in paths[language].items():
                    for form_factor in FORM_FACTORS:
                        scores = audit(cli, base_url + path, form_factor)
                        (a11y, a11y_failed), (seo, seo_failed) = scores["accessibility"], scores["seo"]
                        print(f"{name:<16}{language:<10}{form_factor:<13}{a11y:>14}{seo:>6}  "
                              f"{' '.join(a11y_failed + seo_failed) or '-'}")
                        if a11y < ACCESSIBILITY:
                            missed["accessibility"].append(f"{name} {language} {form_factor}")
                        if seo < SEO:
                            missed["seo"].append(f"{name} {language} {form_factor}")
    for category, target in (("accessibility", f"= {ACCESSIBILITY}"), ("seo", f">= {SEO}")):
        where = f" ({', '.join(missed[category])})" if missed[category] else ""
        print(f"target: {category} {target} on every page, language and form factor: "
              f"{'MISSED' if missed[category] else 'met'}{where}")


if __name__ == "__main__":
    main()
