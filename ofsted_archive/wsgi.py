"""WSGI entry point for production servers (gunicorn ofsted_archive.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ofsted_archive.settings")
# Web requests: no statement may run longer than 10 s (commands such as ingest keep no limit; see settings.py).
os.environ.setdefault("DB_STATEMENT_TIMEOUT_MS", "10000")
application = get_wsgi_application()
