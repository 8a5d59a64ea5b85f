import gzip
import itertools

from django.apps import apps
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError

from otwarte.backup import PreciseJSONEncoder, backed_up_labels


class Command(BaseCommand):
    help = (
        "Write a gzip-compressed JSON backup of the project's data, user accounts and groups "
        "(primary keys kept). Restore it with `manage.py restore PATH`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="Where to write the backup, e.g. otwarte-2026-05-01.json.gz"
        )

    def handle(self, *args, path, **options):
        by_app = {}
        for label in backed_up_labels():
            model = apps.get_model(label)
            by_app.setdefault(model._meta.app_config, []).append(model)
        # Models referenced by natural key (users, content types) come first.
        models = serializers.sort_dependencies(by_app.items(), allow_cycles=True)
        objects = itertools.chain.from_iterable(
            model._base_manager.order_by(model._meta.pk.name).iterator() for model in models
        )
        try:
            with gzip.open(path, "wt", encoding="utf-8") as file:
                # Primary keys are kept (no natural primary keys): history rows
                # name their object by id, and a restore must not renumber it.
                # Foreign keys to users and content types go by natural key,
                # so permissions survive a database whose content type ids differ.
                serializers.serialize(
                    "json",
                    objects,
                    stream=file,
                    use_natural_foreign_keys=True,
                    use_natural_primary_keys=False,
                    cls=PreciseJSONEncoder,
                )
        except OSError as error:
            raise CommandError(f"Could not write {path}: {error}") from error
        self.stdout.write(f"Backup written to {path}.")
