"""sitegen serve in real Chromium: edits appear by themselves, quick saves all land, errors show in the page."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.browser_support import chromium  # noqa: F401
from tests.conftest import MakeSite
from tests.test_serve import PAGE, sitegen_serve


def wait_connected(page: Page) -> None:
    """Wait until livereload.js has its socket open."""
    page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol >= 7", timeout=15000)


def test_edits_land_in_the_open_page_and_errors_show_in_it(make_site: MakeSite, chromium: Browser) -> None:  # noqa: F811
    project = make_site({"content/index.md": PAGE, "static/style.css": "h1 { color: rgb(0, 0, 0) }\n"})
    source = project / "content" / "index.md"
    with sitegen_serve(project) as server:
        page = chromium.new_page()
        page.goto(f"http://127.0.0.1:{server.port}/")
        expect(page.locator("main")).to_contain_text("FIRST-VERSION")
        wait_connected(page)

        # an edit appears without touching the browser
        source.write_text(PAGE.replace("FIRST-VERSION", "EDITED-ONCE"))
        expect(page.locator("main")).to_contain_text("EDITED-ONCE", timeout=15000)
        wait_connected(page)

        # two saves 300 ms apart: the page ends showing the second
        source.write_text(PAGE.replace("FIRST-VERSION", "QUICK-ONE"))
        page.wait_for_timeout(300)
        source.write_text(PAGE.replace("FIRST-VERSION", "QUICK-TWO"))
        expect(page.locator("main")).to_contain_text("QUICK-TWO", timeout=15000)
        page.wait_for_timeout(1500)  # any reload still in flight has landed by now
        expect(page.locator("main")).to_contain_text("QUICK-TWO")
        wait_connected(page)

        # a CSS-only change swaps the stylesheet: the page itself is not reloaded
        page.wait_for_timeout(500)  # a tab that connected behind the latest build is reloaded right after connecting
        wait_connected(page)
        page.evaluate("() => { window.__notReloaded = true; }")
        (project / "static" / "style.css").write_text("h1 { color: rgb(200, 0, 0) }\n")
        expect(page.locator("h1")).to_have_css("color", "rgb(200, 0, 0)", timeout=15000)
        assert page.evaluate("() => window.__notReloaded === true")

        # broken front matter: the error, with file and line, appears in the open page
        source.write_text("---\ntitle: About the bridge\nsummary: [unclosed\n---\nQUICK-TWO\n")
        error = page.locator("#sitegen-error")
        expect(error).to_be_visible(timeout=15000)
        expect(error).to_contain_text("content/index.md:3")
        expect(error).to_contain_text("error:")
        wait_connected(page)

        # the fix clears it and the page shows the new text
        source.write_text(PAGE.replace("FIRST-VERSION", "RECOVERED"))
        expect(page.locator("main")).to_contain_text("RECOVERED", timeout=15000)
        expect(page.locator("#sitegen-error")).to_have_count(0)
        page.close()
