"""Front-end code from npm, served as static files.

Third-party browser code is installed by npm (`dependencies` in package.json,
exact versions, package-lock.json), never copied into the repository, so
`npm audit` and the lock see it. `make run` and `make test` run `npm ci`; a
production install runs `npm ci --omit=dev` before `collectstatic`
(docs/deploy.md).

`NpmFinder` (settings.STATICFILES_FINDERS) serves exactly the files listed in
`FILES` under the static path given there, for `runserver`, the tests and
`collectstatic` alike; the packages' other files (jQuery UI's 5 MB of themes)
are neither served nor collected.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.checks import Warning
from django.core.files.storage import FileSystemStorage

# (static directory, directory inside node_modules, file names)
FILES = [
    # modeltranslation's language tabs in the admin (settings.JQUERY_UI_URL).
    ("vendor/jquery-ui", "jquery-ui/dist", ["jquery-ui.min.js"]),
    ("vendor/jquery-ui", "jquery-ui", ["LICENSE.txt"]),
]


def node_modules():
    return Path(getattr(settings, "NODE_MODULES", settings.BASE_DIR / "node_modules"))


class NpmFinder(finders.BaseFinder):
    """The files of `FILES`, found in node_modules."""

    def _sources(self):
        """(static path, absolute source path, static directory, source directory)."""
        root = node_modules()
        for static_dir, source_dir, names in FILES:
            for name in names:
                yield f"{static_dir}/{name}", root / source_dir / name, static_dir, source_dir

    def check(self, **kwargs):
        missing = [str(source) for _, source, _, _ in self._sources() if not source.is_file()]
        if not missing:
            return []
        return [
            Warning(
                f"Front-end files from npm are missing: {', '.join(missing)}.",
                hint="Run `npm ci` (production: `npm ci --omit=dev`) before collectstatic; "
                "the admin's language tabs need jQuery UI.",
                id="otwarte.W002",
            )
        ]

    def find(self, path, find_all=False, **kwargs):
        matches = []
        for static_path, source, _, _ in self._sources():
            if static_path == path and source.is_file():
                finders.searched_locations.append(str(source.parent))
                if not find_all:
                    return str(source)
                matches.append(str(source))
        return matches

    def list(self, ignore_patterns):
        root = node_modules()
        for static_dir, source_dir, names in FILES:
            storage = FileSystemStorage(location=root / source_dir)
            storage.prefix = static_dir
            for name in names:
                if storage.exists(name):
                    yield name, storage
