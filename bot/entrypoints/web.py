"""The web process's WSGI callable: gunicorn calls `create_app()` once per worker (see the Procfile)."""

from __future__ import annotations

from bot.core import Settings
from bot.core.settings import load_settings
from bot.entrypoints.wiring import build_application
from handlers.bolt_app import build_app
from handlers.wsgi import WebApp


def create_app(settings: Settings | None = None) -> WebApp:
    """Each worker builds its application (knowledge base, Redis, engine) once, shared by its threads."""
    settings = settings or load_settings()
    settings.require_slack_http()
    application = build_application(settings)
    return WebApp(application, build_app(application, settings))
