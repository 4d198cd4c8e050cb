"""The web process's WSGI callable: gunicorn calls `create_app()` once per worker (see the Procfile), and
`stop_jobs()` from its worker_exit hook, so a worker's running jobs finish before it exits."""

from __future__ import annotations

import logging

from bot.core import Settings
from bot.core.settings import load_settings
from bot.entrypoints.buffering import BufferingFront
from bot.entrypoints.job_queue import ProcessJobs, process_jobs
from bot.entrypoints.wiring import build_application, connect_storage
from handlers.bolt_app import build_app
from handlers.wsgi import MAX_BODY_BYTES, WebApp

_jobs: ProcessJobs | None = None  # this worker's; one create_app() per gunicorn worker


def create_app(settings: Settings | None = None) -> BufferingFront:
    """Each worker builds its application (knowledge base, Redis, engine) and its jobs
    (bot.entrypoints.job_queue) once, behind the buffering front: bodies received whole, within a size
    limit and WEB_READ_TIMEOUT, before the app runs."""
    global _jobs
    settings = settings or load_settings()
    settings.require_slack_http()
    secret = settings.slack_signing_secret
    assert secret is not None  # checked by require_slack_http
    storage = connect_storage(settings)
    application = build_application(settings, storage)
    _jobs = process_jobs(settings, application, storage, process="web")
    web = WebApp(application, build_app(application, settings, _jobs.queue), secret.get_secret_value())
    # Bolt logs a request failing its own signature check in full at INFO, body included. Ours runs first, so
    # Bolt's can fail only in a race at the edge of the five-minute window; even then, no body in the log.
    logging.getLogger("slack_bolt.RequestVerification").setLevel(logging.WARNING)
    return BufferingFront(
        web,
        max_body=MAX_BODY_BYTES,
        read_timeout=settings.web_read_timeout,
        screen=web.screen,
        refused=web.rejections.note,
    )


def stop_jobs(timeout: float) -> bool:
    """Take no more jobs in this worker; wait up to `timeout` seconds for its running ones."""
    return _jobs.stop(timeout) if _jobs is not None else True
