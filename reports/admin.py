from . import booklet_admin  # noqa: F401
