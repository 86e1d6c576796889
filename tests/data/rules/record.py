"""Record what every profile of ``tests/rules_cases.py`` gets from the demo policies and catalogue.

Run from the repository root: ``python tests/data/rules/record.py`` (a throw-away SQLite database is
created and removed). It was run once on the code before the shared rule engine to save ``expected.json``."""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def dump(result: dict) -> str:
    """JSON with one case per line, so that a changed expectation is a one-line diff."""
    lines = ["{"]
    for kind_index, kind in enumerate(sorted(result)):
        lines.append(f"{json.dumps(kind)}: {{")
        days = sorted(result[kind])
        for day_index, day in enumerate(days):
            lines.append(f"{json.dumps(day)}: {{")
            cases = sorted(result[kind][day].items())
            lines += [f"{json.dumps(name)}: {json.dumps(value)}" + ("," if n < len(cases) - 1 else "")
                      for n, (name, value) in enumerate(cases)]
            lines.append("}" + ("," if day_index < len(days) - 1 else ""))
        lines.append("}" + ("," if kind_index < len(result) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0)
    from django.utils import translation

    from portal import demo
    from tests import rules_cases
    from tests.factories_licensing import load_catalogue
    from zones import demo as zones_demo

    translation.activate("en")
    demo.ensure_home_pages()
    zones_demo.load()
    load_catalogue()
    result = rules_cases.compute()
    connection.creation.destroy_test_db(old_name, verbosity=0)
    target = Path(__file__).resolve().parent / "expected.json"
    target.write_text(dump(result), encoding="utf-8")
    print(f"{sum(len(cases) for kind in result.values() for cases in kind.values())} cases -> {target}")


if __name__ == "__main__":
    main()
