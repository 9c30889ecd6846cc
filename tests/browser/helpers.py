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
