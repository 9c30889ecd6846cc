"""Helpers of the browser tests."""


def log_in(page, username, password):
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def demo_password(username):
    from blocs.demo import DEMO_USERS

    return next(user["password"] for user in DEMO_USERS if user["username"] == username)


PHONE = {"width": 390, "height": 844}


def axe_run(page):
    """axe-core's violations on the page as it stands: axe-core is the copy shipped inside
    axe-playwright-python, evaluated in the page by Playwright (nothing is fetched, and the page's
    CSP, which refuses injected script tags, does not apply to it)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]


def axe_violations(page):
    """The accessibility violations axe-core finds on the page, as 'rule: target' lines."""
    return [f"{v['id']}: {node['target']}" for v in axe_run(page) for node in v["nodes"]]


def fits_the_phone(page):
    """Nothing wider than the screen: no sideways scrolling at 390 px."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def small_touch_targets(page, selector, minimum=44):
    """The visible controls matched by `selector` less than `minimum` px high or wide."""
    small = []
    for control in page.locator(selector).all():
        box = control.bounding_box() if control.is_visible() else None
        if box and (box["height"] < minimum or box["width"] < minimum):
            small.append(f"{control.evaluate('e => e.outerHTML.slice(0, 80)')}: {box['width']:.0f}x{box['height']:.0f}")
    return small


def open_panel(page, testid):
    """Clicks a button that unfolds a Bootstrap collapse panel and waits for the end of its
    transition: a click during the slide can land beside the moving button."""
    button = page.locator(f"[data-testid={testid}]")
    button.click()
    page.wait_for_selector(f"{button.get_attribute('data-bs-target')}.collapse.show")


def submit(page, selector):
    """Clicks a submit button and waits for the page it leads to (a wait for network idle
    alone can end before the navigation starts)."""
    with page.expect_navigation():
        page.click(selector)
