"""WSGI entry point for production servers (gunicorn ofsted_archive.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ofsted_archive.settings")
application = get_wsgi_application()
