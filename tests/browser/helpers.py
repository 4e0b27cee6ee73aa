"""Helpers for the browser tests: axe-core checks, full-page screenshots, waits and plain HTTP fetches.

Selenium is imported inside the functions, never at module level, so that `make test` can collect this folder (and
skip it) on a machine without selenium.
"""

import base64
import json
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

VENDOR_DIR = Path(__file__).resolve().parent / "vendor"
AXE_JS = VENDOR_DIR / "axe.min.js"
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "var" / "screenshots"))

# Selenium's locator strategies are plain strings (selenium.webdriver.common.by.By); naming them here keeps the test
# modules importable without selenium.
CSS = "css selector"
XPATH = "xpath"
TAB = "\ue004"  # selenium.webdriver.common.keys.Keys.TAB
ENTER = "\ue007"  # Keys.ENTER

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
WAIT_SECONDS = 10

_AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})
  .then(result => done({violations: result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html.slice(0, 300), summary: n.failureSummary})),
  }))}))
  .catch(error => done({error: String(error)}));
"""


def axe_check(driver) -> list[dict]:
    """Run axe-core (vendored) on the current page against WCAG 2.0/2.1/2.2 A and AA; return its violations."""
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
    result = driver.execute_async_script(_AXE_RUN, WCAG_TAGS)
    assert "error" not in result, f"axe-core failed on {driver.current_url}: {result['error']}"
    return result["violations"]


def assert_no_serious_violations(driver) -> list[dict]:
    """axe_check, failing on any "serious" or "critical" violation and printing the lesser ones for the record."""
    violations = axe_check(driver)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    minor = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
    for v in minor:
        print(f"axe ({v['impact']}) {v['id']} on {driver.current_url}: {v['help']} – {len(v['nodes'])} node(s)")
    assert not blocking, f"axe: serious/critical violations on {driver.current_url}:\n" + json.dumps(blocking, indent=2)
    return violations


def screenshot(driver, name: str) -> Path:
    """Save a full-page PNG of the current page to var/screenshots/<name>.png (for reviewers; not compared)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        },
    )
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def wait_for(driver, condition, message: str = "", timeout: float = WAIT_SECONDS):
    """WebDriverWait(driver).until(condition), where condition is any callable taking the driver."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition, message)


def wait_for_page(driver, old_page=None, url_contains: str = ""):
    """After a click or submit: wait until the old page is gone (if given), the new one has loaded, and its URL
    contains url_contains."""
    if old_page is not None:
        wait_for(driver, _gone(old_page), "the page did not navigate")
    wait_for(
        driver,
        lambda d: d.execute_script("return document.readyState") == "complete" and url_contains in d.current_url,
        f"page load (URL containing {url_contains!r}); now at {driver.current_url}",
    )


def _gone(element):
    """Selenium's staleness_of, also taking chromedriver's "Node with given id does not belong to the document"
    (asked about an element just as its page is replaced, chromedriver answers that instead of a stale element)."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    def check(_driver) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
        return False

    return check


def press(driver, *keys: str) -> None:
    """Send keys to whatever has focus, as a user would (not to a given element)."""
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(*keys).perform()


def console_errors(driver) -> list[str]:
    """Severe browser-console entries since the last call (a missing stylesheet, a script error), favicon aside."""
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if entry["level"] == "SEVERE" and "favicon.ico" not in entry["message"]
    ]


@dataclass
class Fetched:
    status: int
    content_type: str
    body: bytes


def fetch(url: str) -> Fetched:
    """GET url with urllib (no browser): for status codes, and for downloads the browser would save to disk."""
    try:
        with urllib.request.urlopen(url, timeout=WAIT_SECONDS) as response:
            return Fetched(response.status, response.headers.get("Content-Type", ""), response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, error.headers.get("Content-Type", ""), error.read())
