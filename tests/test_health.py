"""GET /healthz: 200 and {"status": "ok", "database": "ok"} while the database answers, 503 with a reason when not."""

import pytest
from django.db import OperationalError, connections

pytestmark = pytest.mark.django_db


def test_health_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_is_never_cached(client):
    cache_control = client.get("/healthz")["Cache-Control"]
    assert "no-store" in cache_control and "max-age=0" in cache_control


def test_health_is_503_with_a_reason_when_the_database_is_unreachable(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError('connection to server at "db.internal" (10.0.0.5), port 5432 failed')

    monkeypatch.setattr(type(connections["default"]), "cursor", unreachable)  # the probe opens a connection of its own
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["database"] == "unavailable"
    assert "OperationalError" in body["reason"]
    assert "db.internal" not in body["reason"]  # no host names or users leak to an anonymous caller
    assert response["Retry-After"]


def test_a_page_whose_database_is_unreachable_answers_503_not_500(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect: timeout expired")

    monkeypatch.setattr(type(connections["default"]), "cursor", unreachable)
    client.raise_request_exception = False
    response = client.get("/findings/?q=children")
    assert response.status_code == 503 and response["Retry-After"]
    assert "Temporarily unavailable" in response.content.decode()


def test_health_needs_no_login_and_answers_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_health_is_exempt_from_the_https_redirect(client, settings):
    # A load balancer may probe over plain HTTP behind the TLS proxy; every other page is redirected.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301
