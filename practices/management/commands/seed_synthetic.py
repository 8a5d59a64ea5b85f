"""Synthetic cities, editions, practices and awards at benchmark scale."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.module_loading import autodiscover_modules

from otwarte.cache.version import bump_content_version
from practices import synthetic


class Command(BaseCommand):
    help = (
        "Fill an empty database with synthetic data: tiny (tests), realistic "
        "(300 cities, 10 editions, 2,000 practices, 500 awards) or 20y "
        "(300 cities, 20 editions, 10,000 practices, 2,500 awards)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(synthetic.SCALES), default="realistic")
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Empty every table of practices, jury and reports first (destroys data).",
        )
        parser.add_argument("--seed", type=int, default=8, help="Random seed (default 8).")

    def handle(self, *args, scale, flush, seed, **options):
        # Other apps add their generators in <app>/synthetic.py.
        autodiscover_modules("synthetic")
        if flush:
            synthetic.flush()
            self.stdout.write("Flushed the practices, jury and reports tables.")
        elif synthetic.has_domain_data():
            raise CommandError(
                "The database already has editions or practices. seed_synthetic only "
                "fills an empty database; run it with --flush to wipe the domain data first."
            )
        started = time.monotonic()
        # The untranslated columns are written from the active language: Polish.
        with translation.override("pl"):
            synthetic.run(
                scale=synthetic.SCALES[scale], seed=seed, write=self.stdout.write
            )
        # bulk_create sends no signals: invalidate cached public pages once.
        bump_content_version()
        self.stdout.write(
            self.style.SUCCESS(f"Seeded scale {scale} in {time.monotonic() - started:.1f} s.")
        )
