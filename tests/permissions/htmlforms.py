"""What a browser would post: the fields of a page's own POST form, as rendered.

Replaying a real form is what an attacker does (open their own page, change an id,
send it); it also keeps the tests honest, since a payload that the page itself would
refuse proves nothing.
"""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    """The fields of the first POST form without an action (the page posting to itself)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields = []  # (name, value), in page order
        self.depth = 0  # inside the form while > 0
        self.done = False
        self.select = None  # (name, multiple, [options], [selected])
        self.textarea = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if self.depth:
                self.depth += 1
            elif not self.done and attrs.get("method", "").lower() == "post" and not attrs.get("action"):
                self.depth = 1
            return
        if not self.depth:
            return
        name = attrs.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name and "__prefix__" not in name:
            self.select = (name, "multiple" in attrs, [], [])
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            self.select[2].append(value)
            if "selected" in attrs:
                self.select[3].append(value)
        elif tag == "textarea" and name and "__prefix__" not in name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.depth:
            self.depth -= 1
            self.done = self.depth == 0
        elif tag == "select" and self.select is not None:
            name, multiple, options, selected = self.select
            if not selected and not multiple and options:
                selected = options[:1]
            self.fields.extend((name, value) for value in selected)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.fields.append((name, text.removeprefix("\n")))
            self.textarea = None


def form_data(response):
    """{name: value or [values]} of the page's own POST form, ready for client.post()."""
    assert response.status_code == 200, response.status_code
    parser = _FormFields()
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.fields:
        if name in data:
            data[name] = [*data[name], value] if isinstance(data[name], list) else [data[name], value]
        else:
            data[name] = value
    data.pop("csrfmiddlewaretoken", None)
    return data
