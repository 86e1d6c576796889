"""Settings per environment: importing them creates nothing, the embedded default's folders appear when first
needed, production refuses to start without its secrets and is deploy-clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "x7!Qm2#pL9vR4$tW8zK1@nB6yH3^cF5&dJ0*sG7(eA2)uX9-iO4+rT1",
    "ALLOWED_HOSTS": "invest.example.org",
    "DATABASE_URL": "sqlite:////tmp/portal-deploy-check.sqlite3",
    "CACHE_URL": "redis://127.0.0.1:6379/9",  # a cache every worker shares: the deploy check asks for one
    "WAGTAILADMIN_BASE_URL": "https://invest.province.test",  # e-mailed links: the deploy check asks for https
}


DROPPED = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE",
           "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "MEDIA_ROOT", "STATIC_ROOT"}


def _python(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in DROPPED}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True,
                          timeout=120)


def _manage(*args, env):
    return _python("manage.py", *args, env=env)


def _fresh_folders(tmp_path) -> dict:
    """A var folder that does not exist yet and an empty temporary directory, as the environment names them."""
    (tmp_path / "tmp").mkdir()
    return {"PORTAL_VAR_DIR": str(tmp_path / "var"), "TMPDIR": str(tmp_path / "tmp")}


@pytest.mark.parametrize("module", ["base", "dev", "test", "production"])
def test_importing_settings_creates_no_folder(module, tmp_path):
    env = {**PRODUCTION_ENV, **_fresh_folders(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/var/db.sqlite3"}
    result = _python("-c", f"import portal.settings.{module}", env=env)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "var").exists()
    assert list((tmp_path / "tmp").iterdir()) == []


def test_the_embedded_default_makes_its_folders_when_first_needed(tmp_path):
    """The SQLite database's folder when Django starts, the broker's when the Celery app reads its settings."""
    env = {**_fresh_folders(tmp_path), "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    result = _python("-c", "import django; django.setup(); from portal.celery import app; app.conf.broker_url",
                     env=env)
    assert result.returncode == 0, result.stderr
    var = tmp_path / "var"
    assert {path.relative_to(var).as_posix() for path in var.rglob("*")} == {
        "celery", "celery/queue", "celery/processed", "celery/control", "celery/results"}
    result = _manage("migrate", "--no-input", "-v0", env=env)
    assert result.returncode == 0, result.stderr
    assert (var / "db.sqlite3").is_file()


def test_production_check_deploy_is_clean():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr
