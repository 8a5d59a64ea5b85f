"""pretalx's URLs plus /bench/bare/: a view answering "ok" through pretalx's whole
middleware stack (its domain, event and permission middleware included) without a
query of its own, pretalx's ceiling on this machine, as Otwarte's /bench/bare/ is ours."""

from django.http import HttpResponse
from django.urls import path
from pretalx.urls import handler400, handler403, handler404, handler500  # noqa: F401
from pretalx.urls import urlpatterns as pretalx_urlpatterns


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *pretalx_urlpatterns]
