"""A curator logs in to the admin in a real browser, fixes a finding's theme, and sees it on the public site."""

from django.contrib.auth.models import Group, User

from letters.models import Finding, Theme
from tests.browser.helpers import CSS, screenshot, wait_for_page


def test_curator_fixes_a_theme_and_the_public_findings_page_shows_it(browser, live_server):
    user = User.objects.create_user("curator", password="a-long-test-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="curator"))
    finding = Finding.objects.get(text__startswith="Morale is generally high")
    theme = Theme.objects.get(slug="disabled-children")
    assert not finding.themes.filter(pk=theme.pk).exists()

    browser.get(f"{live_server.url}/admin/login/?next=/admin/letters/finding/{finding.pk}/change/")
    browser.find_element(CSS, "#id_username").send_keys("curator")
    browser.find_element(CSS, "#id_password").send_keys("a-long-test-password-1")
    page = browser.find_element(CSS, "html")
    browser.find_element(CSS, "input[type=submit]").click()
    wait_for_page(browser, page, url_contains=f"/admin/letters/finding/{finding.pk}/change/")

    # The themes are a multi-select list: a WebDriver click on an option toggles it and leaves the others as they were.
    box = browser.find_element(CSS, f"select[name=theme_choice] option[value='{theme.pk}']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    screenshot(browser, "admin-finding-theme")
    page = browser.find_element(CSS, "html")
    browser.find_element(CSS, "input[name=_save]").click()
    wait_for_page(browser, page, url_contains="/admin/letters/finding/")
    assert finding.themes.filter(pk=theme.pk).exists()

    browser.delete_all_cookies()  # the public, as anyone sees it
    browser.get(f"{live_server.url}/findings/?theme={theme.slug}")
    hits = [hit.text for hit in browser.find_elements(CSS, "li.hit")]
    assert any("Morale is generally high" in hit for hit in hits)
    assert "/admin/" not in browser.page_source
    screenshot(browser, "findings-after-curation")
