"""Gunicorn settings of the site (scripts/serve.sh): the application is loaded and warmed once in the master
(``portal.warmup.warm_up``: imports, URL tables, compiled templates, translation catalogues; then each
language's entry pages served once and what every zone page reads built) before the workers are forked, so
that a worker's first request costs about what later ones do; each worker then opens its own database
connection (``portal.warmup.connect``) and serves the entry pages once (``portal.warmup.entry_paths``). What
the master built is frozen before the fork (``gc.freeze``)."""

import gc
import logging

wsgi_app = "portal.wsgi:application"
preload_app = True


def when_ready(server):
    """Warm the loaded application in the master, then close what must not be shared with the workers."""
    from django.db import DatabaseError, connections

    from portal.warmup import build_shared_content, serve_first_pages, warm_up

    server.log.info("warm-up: %s", warm_up())
    try:
        server.log.info("warm-up, first pages served: %s", serve_first_pages())
        server.log.info("warm-up, zone pages' shared content built: %s", build_shared_content())
    except DatabaseError:
        server.log.exception("warm-up: the first pages could not be served (database not ready)")
    finally:
        connections.close_all()
        for connection in connections.all(initialized_only=True):
            if hasattr(connection, "close_pool"):  # a psycopg pool's threads do not survive a fork
                connection.close_pool()
        # What the master built is never freed: the workers' collector need not scan it, nor write to its
        # pages (which would copy them in every worker).
        gc.collect()
        gc.freeze()


def post_worker_init(worker):
    """Warm a worker the master did not warm (``preload_app`` off), open its database connection and serve the
    entry pages once: after the fork, the first touch of what the master built copies its memory page into the
    worker, and the new connection starts with an empty page cache; the worker pays for both before its first
    visitor does."""
    from django.db import DatabaseError

    from portal.warmup import connect, entry_paths, serve_first_pages, warm_up

    if not worker.cfg.preload_app:
        warm_up()
    try:
        connect()
        worker.log.info("worker warm-up, entry pages served: %s", serve_first_pages(entry_paths()))
    except DatabaseError:
        logging.getLogger("portal.warmup").exception("The worker could not connect to the database yet.")
    worker.log.info("worker ready")
