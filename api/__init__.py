"""The JSON API under /api/: one django-ninja NinjaAPI that mounts the Routers of the
apps (public's awards, the surveys' rankings) and describes them all in one OpenAPI
3.1 document. Above those apps in the layering, beside the cockpit (docs/architecture.md).
"""
