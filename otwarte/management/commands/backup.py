import gzip
import itertools
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from otwarte.backup import PreciseJSONEncoder, backed_up_labels, load_order


class Command(BaseCommand):
    help = (
        "Write a gzip-compressed JSON backup of every project table, user accounts, groups "
        "and second-factor devices (primary keys kept), readable by its owner only. "
        "Restore it with `manage.py restore PATH`."
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
        models = load_order(serializers.sort_dependencies(by_app.items(), allow_cycles=True))
        target = Path(path)
        try:
            # mkstemp creates the file 0600 from the start (password hashes, TOTP
            # secrets): no moment when others may read it. Written beside the target
            # and renamed over it at the end, so a failed backup leaves the previous
            # file whole and an old 0644 file is replaced, not reused.
            fd, temporary = tempfile.mkstemp(
                dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
            )
        except OSError as error:
            raise CommandError(f"Could not write {path}: {error}") from error
        try:
            with os.fdopen(fd, "wb") as raw:
                with gzip.open(raw, "wt", encoding="utf-8") as file, self._snapshot():
                    objects = itertools.chain.from_iterable(
                        model._base_manager.order_by(model._meta.pk.name).iterator()
                        for model in models
                    )
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
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(temporary, target)
        except OSError as error:
            raise CommandError(f"Could not write {path}: {error}") from error
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        self.stdout.write(f"Backup written to {path}.")

    @staticmethod
    @contextmanager
    def _snapshot():
        """All tables read in one transaction, so a response is never saved without
        its answers. PostgreSQL's default (read committed) lets each query see later
        commits; repeatable read gives the whole backup one snapshot."""
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield
