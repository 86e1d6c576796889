"""The API keeps its published contract: Schemathesis reads /api/v1/schema/ from the running application and
calls every operation with generated requests (valid and invalid) and with the fixtures' real ids and codes,
checking each answer with all its default checks: no server error, only documented status codes and content
types, bodies and headers as the schema says. The investor's operations are called with an API token."""

import re

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, settings

from tests.api.test_public_secrets import build_world, known_values
from tests.factories_licensing import fresh_caches

#: Generated requests per operation: enough to reach every parameter, few enough for a couple of minutes.
EXAMPLES = 25


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The fixtures' data, built once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield build_world()
            transaction.set_rollback(True)
        fresh_caches()


#: The schema as the running application serves it; the calls go to the same WSGI application, in this
#: thread, so that they see the module's data.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", WSGIHandler())


@pytest.fixture(autouse=True)
def app(db, world, settings):
    """The rate limits out of the way, and, as Django's test client does, the test's database connection kept
    open across the application's requests."""
    settings.API_RATE_ADDRESS = settings.API_RATE_KEY = "1000000/m"
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


#: Schemathesis calls the WSGI application without decompressing; compression has its own tests.
PLAIN = {"Accept-Encoding": "identity"}


def auth_for(operation, world) -> dict:
    """The investor's key for the operations that need one, and an uncompressed answer."""
    key = {"Authorization": f"Bearer {world['alice_key']}"} if operation.definition.raw.get("security") else {}
    return {**PLAIN, **key}


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_generated_requests_keep_the_contract(case, world):
    if not case.meta.generation.mode.is_negative and case.query:
        # A cursor is opaque: only one a page gave is valid, which no generator can guess (a generated one is
        # refused with a 400 problem, checked with the invalid requests and in the investor's tests).
        case.query.pop("cursor", None)
        if "max_distance_km" in case.query and not case.query.get("place"):
            case.query.pop("max_distance_km")  # needs a place: a 400 the schema cannot express (the operation says so)
    case.call_and_validate(headers=auth_for(case.operation, world))


def test_real_ids_and_codes_keep_the_contract(world):
    """Every operation once per known id or code in its path parameters (generated values rarely hit one)."""
    values = sorted(known_values(world))
    called = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        names = re.findall(r"{(\w+)}", operation.path)
        for value in values if names else [None]:
            case = operation.Case(path_parameters=dict.fromkeys(names, value) if names else None,
                                  headers=auth_for(operation, world))
            case.call_and_validate(headers=PLAIN)
            called += 1
    assert called >= len(values)
