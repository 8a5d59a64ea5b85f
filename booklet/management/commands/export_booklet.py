from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from booklet.render import render_booklet
from booklet.services import booklet_filename
from practices.models import Edition


class Command(BaseCommand):
    help = "Render an edition's booklet to a PDF file (published or not)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument(
            "--lang", default=settings.LANGUAGE_CODE, choices=[c for c, _n in settings.LANGUAGES]
        )
        parser.add_argument("--output", help="Where to write the PDF (default: ./otwarte-YEAR-LANG.pdf)")

    def handle(self, *args, year, lang, output, **options):
        try:
            edition = Edition.objects.get(year=year)
        except Edition.DoesNotExist:
            raise CommandError(f"There is no edition for {year}.") from None
        path = Path(output or booklet_filename(edition=edition, language=lang))
        try:
            pdf = render_booklet(edition=edition, language=lang)
            path.write_bytes(pdf)
        except OSError as exc:
            raise CommandError(f"Could not write {path}: {exc}") from exc
        self.stdout.write(f"Wrote {path} ({len(pdf) // 1024} kB)")
