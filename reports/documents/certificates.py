"""Certificates (Bằng khen, Giấy khen, Cờ thi đua's certificate) printed onto the province's
pre-printed blanks: one page per award, nothing but the text of each line, each at the position
the province set for that award type (awards.models.CertificateLayout), and the calibration page
that shows those positions on plain paper, to hold against a blank.

Not a `Printed` document: a certificate has no header, parts or signature block of its own,
only lines at fixed places, so it is laid out here and written by one template,
reports/certificates.html, with the page's margins at zero and every line absolutely placed.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from awards.models import CERTIFICATE_LINES
from reports.documents.structure import Header
from reports.documents.wording import in_full, user
from reports.fetcher import BASE_URL, StaticFilesOnly
from reports.templatetags.printing import date_line

# Where Liberation Serif's baseline sits below the top of a line box whose line-height is 1, in
# ems: its ascent (0.891) less half the amount by which ascent and descent (0.216) exceed 1. A
# line is placed by its baseline, the blank's dotted line.
BASELINE = Decimal("0.8375")
PT = Decimal("25.4") / 72  # millimetres in a point


@dataclass(frozen=True)
class Line:
    name: str  # the layout's field
    text: str
    x: Decimal  # the line's centre, mm from the left edge
    y: Decimal  # its baseline, mm from the top edge
    width: Decimal
    size: Decimal  # pt
    bold: bool = False

    @property
    def left(self):
        return self.x - self.width / 2

    @property
    def top(self):
        """The top of the line's box, so that its first baseline falls on y."""
        return self.y - self.above_baseline

    @property
    def coordinates(self):
        """“x 148,5 · y 100,0”: the position as the layout's form takes it, with a decimal comma."""
        return f"x {self.x:.1f} · y {self.y:.1f}".replace(".", ",")

    @property
    def above_baseline(self):
        return (BASELINE * self.size * PT).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Page:
    width: int  # mm
    height: int
    lines: list
    calibration: bool = False

    @property
    def name(self):
        """The CSS named page of this size: a decision's awards may print on blanks of several sizes."""
        return f"blank-{self.width}x{self.height}"


def _lines(layout, texts):
    lines = []
    for name, _label in CERTIFICATE_LINES:
        text = texts.get(name, "")
        if not text:
            continue
        x, y = layout.position(name)
        recipient = name == "recipient"
        size = layout.recipient_font_size if recipient else layout.font_size
        bold = recipient or name == "signer_name"
        lines.append(Line(name, text, x, y, layout.line_width, size, bold=bold))
    return lines


def achievement(proposal):
    """The achievement line: what the proposal records, else the wording of its award."""
    if proposal.achievements:
        return user(proposal.achievements)
    year = proposal.conference.year
    if proposal.award_type.name.lower().startswith("cờ thi đua"):
        return f"Đơn vị dẫn đầu phong trào thi đua năm {year}"
    return f"Đã có thành tích xuất sắc trong phong trào thi đua năm {year}"


def texts_of(proposal, decision):
    """{field: text} of one award's certificate."""
    agency = user(proposal.membership.printed_name)
    if proposal.person_name:
        recipient = user(proposal.person_name)
        detail = ", ".join(part for part in (user(proposal.person_position), agency) if part)
    else:
        recipient, detail = agency, f"tỉnh {user(decision.province.name)}"
    place = Header(parent="", issuer="", number="", place=user(decision.province.name), date=decision.date, year=None)
    # The authority line (TM., KT.) above the title, as a signature block prints them.
    title = [in_full(decision.signer_authority).upper(), user(decision.signer_title).upper()]
    return {
        "recipient": recipient,
        "recipient_detail": detail,
        "achievement": achievement(proposal),
        "decision": f"Quyết định số {user(decision.number)} ngày {decision.date:%d/%m/%Y}",
        "place_date": date_line(place),
        "signer_title": "\n".join(part for part in title if part),
        "signer_name": user(decision.signer),
    }


def lay_out(figures):
    """figures: a reports.selectors.DecisionCertificates. One page per award, no query."""
    pages = []
    for proposal in figures.proposals:
        layout = figures.layouts[proposal.award_type_id]
        width, height = layout.page_size
        pages.append(Page(width, height, _lines(layout, texts_of(proposal, figures.decision))))
    return pages


def calibration(layout):
    """The calibration page of a layout: each line's box and a cross at its position (centre,
    baseline), with its name written on the line and its coordinates beside it."""
    width, height = layout.page_size
    with translation.override("vi"):  # the labels, printed
        texts = {name: str(label).capitalize() for name, label in CERTIFICATE_LINES}
        return [Page(width, height, _lines(layout, texts), calibration=True)]


def to_html(pages, *, title):
    with translation.override("vi"):
        sizes = {page.name: page for page in pages}.values()
        return render_to_string("reports/certificates.html", {"pages": pages, "sizes": sizes, "title": title})


def to_pdf(pages, *, title):
    return HTML(string=to_html(pages, title=title), base_url=BASE_URL, url_fetcher=StaticFilesOnly()).write_pdf()
