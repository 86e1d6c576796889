"""One router per resource, each mounted on the version's API in ``api.v1``."""
