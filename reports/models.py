from .booklet_models import BookletRender  # noqa: F401
