"""Print one document from the command line, e.g.

    python manage.py render_report bloc-summary --province "Điện Biên" \\
        --bloc "Khối Văn hóa - Xã hội" --year 2017 --output bao-cao.pdf

The format follows the output's extension: .pdf, .docx, .html or .xlsx.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from awards.models import Submission
from blocs.models import Agency, Bloc, Province
from emulation.models import Conference
from reports import output
from reports.documents import BUILDERS

FORMATS = {".pdf": output.to_pdf, ".docx": output.to_docx, ".xlsx": output.to_xlsx, ".html": output.to_html}


def find(model, message, **lookup):
    found = model.objects.filter(**lookup).first()
    if found is None:
        raise CommandError(message)
    return found


class Command(BaseCommand):
    help = "Print one document (PDF, DOCX, HTML or XLSX, from the output's extension)."

    def add_arguments(self, parser):
        parser.add_argument("document", choices=sorted(BUILDERS))
        parser.add_argument("--province", required=True, help="the province's name, e.g. “Điện Biên”")
        parser.add_argument("--bloc", help="the bloc's name (bloc-summary, minutes, leadership-history)")
        parser.add_argument("--year", type=int, help="the reviewed year (bloc-summary, minutes, province-summary)")
        parser.add_argument("--agency", help="the agency's current name (agency-record)")
        parser.add_argument("--submission", help="the tờ trình's number (submission-list)")
        parser.add_argument("--output", required=True, help="file to write: .pdf, .docx, .html or .xlsx")

    def handle(self, *args, document, province, **options):
        path = Path(options["output"])
        if path.suffix not in FORMATS:
            raise CommandError(f"--output must end in {', '.join(FORMATS)}")
        province = find(Province, f"No province named “{province}”.", name=province)
        params = self.params(document, province, options)
        try:
            printed = output.build(document, **params)
        except output.DocumentTooLarge as error:
            raise CommandError(f"Not printed: the document is too long ({error}).") from None
        body = FORMATS[path.suffix](printed)
        path.write_bytes(body.encode() if isinstance(body, str) else body)
        self.stdout.write(self.style.SUCCESS(f"{path} ({len(body):,} bytes)"))

    def params(self, document, province, options):
        def need(*names):
            missing = [f"--{name}" for name in names if options.get(name) is None]
            if missing:
                raise CommandError(f"{document} needs {' and '.join(missing)}.")

        if document in ("bloc-summary", "minutes", "leadership-history"):
            need("bloc", *([] if document == "leadership-history" else ["year"]))
            message = f"No bloc named “{options['bloc']}” in {province}."
            bloc = find(Bloc, message, province=province, name=options["bloc"])
            if document == "leadership-history":
                return {"bloc": bloc}
            if document == "bloc-summary":
                return {"bloc": bloc, "year": options["year"]}
            message = f"{bloc} has no conference reviewing {options['year']}."
            return {"conference": find(Conference, message, bloc=bloc, year=options["year"])}
        if document == "province-prizes":
            return {"province": province}
        if document == "province-summary":
            need("year")
            return {"province": province, "year": options["year"]}
        if document == "agency-record":
            need("agency")
            agency = find(Agency, f"No agency named “{options['agency']}” in {province}.", province=province,
                          name=options["agency"])  # fmt: skip
            return {"agency": agency}
        need("submission")
        message = f"No submission numbered “{options['submission']}” in {province}."
        return {"submission": find(Submission, message, province=province, number=options["submission"])}
