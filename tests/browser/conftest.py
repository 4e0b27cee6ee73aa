"""Browser tests: a real headless Chromium (Debian's chromium + chromium-driver) driven by selenium against
pytest-django's live server, with the five seed letters loaded.

Without selenium or the browser these tests are skipped, so `make test` works on a bare machine; with
REQUIRE_BROWSER set (and, for a missing browser, CI) they fail instead, so CI cannot pass by skipping them.
"""

import io
import os
import shutil
import threading
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import SAMPLE_DIR

HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
CHROME_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
]


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in {"", "0", "false", "no", "off"}


def pytest_collection_modifyitems(config, items):
    """Mark every test in tests/browser/ `browser` (so `-m "not browser"` leaves them out)."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _require_selenium():
    """Skip without selenium, unless REQUIRE_BROWSER is set: then fail, saying what to install."""
    if _env_flag("REQUIRE_BROWSER"):
        try:
            import selenium  # noqa: F401
        except ImportError as error:
            pytest.fail(
                f"REQUIRE_BROWSER is set but selenium cannot be imported ({error}): "
                ".venv/bin/pip install -r requirements-browser.txt",
                pytrace=False,
            )
    else:
        pytest.importorskip("selenium", reason="selenium is not installed (pip install -r requirements-browser.txt)")


def _require_binaries():
    """Skip without chromium/chromedriver, unless CI or REQUIRE_BROWSER is set: then fail."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not (Path(path).is_file() and os.access(path, os.X_OK))]
    if not missing:
        return
    reason = f"browser not installed: {', '.join(missing)} missing (apt-get install -y chromium chromium-driver)"
    if _env_flag("CI") or _env_flag("REQUIRE_BROWSER"):
        pytest.fail(f"{reason}; CI/REQUIRE_BROWSER is set, so the browser tests may not be skipped", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def driver(tmp_path_factory, live_server):
    """One headless Chromium for the session, with a fresh profile; quit at the end.

    It depends on live_server so that it quits first: Chromium's keep-alive connections are then closed, and their
    request threads finished, before the live server stops sharing its (in-memory SQLite) connection with them.
    """
    _require_selenium()
    _require_binaries()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit driver path means Selenium Manager never runs (it would otherwise try to download a driver).
    service = Service(executable_path=shutil.which(CHROMEDRIVER) or CHROMEDRIVER)
    chrome = webdriver.Chrome(options=options, service=service)
    chrome.set_page_load_timeout(30)
    chrome.set_script_timeout(30)
    yield chrome
    chrome.quit()
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(timeout=5)


@pytest.fixture
def archive(django_db_serialized_rollback, transactional_db):
    """The five seed letters, visible to the live server's thread.

    Transactional tests flush every table afterwards, which would also wipe the reference data (authorities,
    frameworks, themes) that a data migration loads; serialized rollback restores it before each test.
    """
    call_command("ingest_letters", str(SAMPLE_DIR), "--quiet", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def browser(driver, live_server, archive):
    """The session's browser, on a clean slate, with the archive served at live_server.url."""
    driver.delete_all_cookies()
    driver.get("about:blank")
    driver.get_log("browser")  # drop console entries left by the previous test
    return driver
