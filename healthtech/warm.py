"""Warm before the first visitor: at server start (`guard.lifespan`), a background thread builds the shared
connection (views and derived tables) and runs every page's queries with the default filters, so the first link
opened finds the cache full. A new data version is built in the background by `db.connection()` itself (the
previous version is served meanwhile) and, once it serves it, the same thread fills the cache for it.
"""

from __future__ import annotations

import logging
import threading
import time

from healthtech import db, filters, freshness, queries, site

log = logging.getLogger(__name__)


def default_queries() -> list[str]:
    """Every query a page runs by name (as `freshness.page_reads` finds them), in page order, once each."""
    names: dict[str, None] = {}
    for page in site.PAGES:
        names.update(dict.fromkeys(freshness.page_queries(page.name)))
    return list(names)


def warm() -> float:
    """Build the connection and run the default views' queries into the cache; returns the seconds it took. A
    query that needs a parameter no filter gives is left to its page."""
    started = time.perf_counter()
    db.connection()
    defaults = filters.Filters().params()
    for name in default_queries():
        if set(queries.load(name).params) <= set(defaults):
            queries.run_filtered(name, defaults)
    return time.perf_counter() - started


def _warm_logged() -> None:
    try:
        print(f"  Danish Healthtech: data and default views warm in {warm():.1f} s", flush=True)
    except Exception:  # a failure here must not stop the server; the first rerun will meet it and show it
        log.exception("warm-up failed")


def start() -> threading.Thread:
    """Warm in a background thread (the server answers meanwhile), and again after each switch to a new data
    version (in the thread that built it)."""
    db.after_switch(_warm_logged)
    thread = threading.Thread(target=_warm_logged, name="healthtech-warm", daemon=True)
    thread.start()
    return thread
