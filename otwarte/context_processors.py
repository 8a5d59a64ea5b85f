from functools import lru_cache

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import QueryDict
from django.urls import NoReverseMatch, get_script_prefix, reverse, translate_url
from django.utils.translation import get_language, get_language_info, override

_NAMES_LOCAL = {}
# Open Graph wants language_TERRITORY; the territory where each language is read here.
OG_LOCALES = {"pl": "pl_PL", "en": "en_GB", "uk": "uk_UA", "ru": "ru_RU"}


def _name_local(code):
    if code not in _NAMES_LOCAL:
        _NAMES_LOCAL[code] = get_language_info(code)["name_local"]
    return _NAMES_LOCAL[code]


def _translated_paths(request):
    """{code: path} of the current page in every language, from the URL already resolved.

    Django's translate_url() resolves the path again for every language; the
    handler has resolved it once (request.resolver_match), so only the reverse
    per language is left. Falls back to translate_url() where there is no
    named match (error pages).
    """
    match = getattr(request, "resolver_match", None)
    path = request.path
    if match is None or not match.url_name:
        full = request.get_full_path()
        return {code: translate_url(full, code) for code, _name in settings.LANGUAGES}
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    full = request.get_full_path()
    query = full[full.index("?") :] if "?" in full else ""
    paths = {}
    for code, _name in settings.LANGUAGES:
        try:
            with override(code):
                paths[code] = reverse(name, args=match.args, kwargs=match.kwargs) + query
        except NoReverseMatch:
            paths[code] = path + query
    return paths


# Pages search engines should index, by URL name: they get <link rel="canonical">.
# Personal links (city checks, survey links), forms' follow-ups and staff pages do not.
CANONICAL_PAGES = frozenset({
    "public:home", "public:practice_list", "public:practice", "public:city_list",
    "public:city", "public:edition_list", "public:edition", "public:methodology",
    "public:propose", "surveys:index", "surveys:results", "api:docs",
})  # fmt: skip


def _canonical_query(full_path):
    """The part of the query a canonical URL keeps: a list's page number alone.
    Filtered lists point to the unfiltered list (they repeat its items)."""
    if "?" not in full_path:
        return ""
    query = QueryDict(full_path.split("?", 1)[1])
    if list(query) == ["page"] and query["page"] not in {"", "1"}:
        return "?" + query.urlencode()
    return ""


def _url_name(request):
    match = getattr(request, "resolver_match", None)
    if match is None or not match.url_name:
        return ""
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def languages(request):
    """Links to the current page (path and query) in every language.

    Plain links instead of Django's set_language form: they work without
    JavaScript and cookies, keep the filters in the query string, and double
    as the page's hreflang alternates (`absolute_url`; `x_default_url` is the
    Polish one). `current_language_link` and `other_language_links` serve the
    Open Graph tags.
    """
    current = get_language()
    paths = _translated_paths(request)
    try:
        origin = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:  # the 400 page itself: relative links only
        origin = ""
    links = [
        {
            "code": code,
            "name_local": _name_local(code),
            "url": paths[code],
            "absolute_url": origin + paths[code],
            "current": code == current,
            "og_locale": OG_LOCALES.get(code, code),
        }
        for code, _name in settings.LANGUAGES
    ]
    canonical = ""
    if _url_name(request) in CANONICAL_PAGES:
        canonical = origin + request.path + _canonical_query(request.get_full_path())
    return {
        "site_origin": origin,
        "canonical_url": canonical,
        "language_links": links,
        "current_language_link": next((link for link in links if link["current"]), None),
        "other_language_links": [link for link in links if not link["current"]],
        "x_default_url": origin + paths.get(settings.LANGUAGE_CODE, request.path),
    }


# The header's and footer's links (public pages, API, login and logout).
SITE_LINKS = {
    "home": "public:home",
    "practice_list": "public:practice_list",
    "city_list": "public:city_list",
    "edition_list": "public:edition_list",
    "propose": "public:propose",
    "audit": "surveys:index",
    "login": "public:login",
    "logout": "public:logout",
    "api": "api:index",
    "api_docs": "api:docs",
    "contact": "public:contact",
    "privacy": "public:privacy",
    "accessibility": "public:accessibility",
    "awards_feed": "public:awards_feed",
    "deadlines_calendar": "public:deadlines_calendar",
}


@lru_cache(maxsize=16)
def _site_links(language, script_prefix):
    # The URLconf does not change while a process runs: reversed once per
    # language (and script prefix), not nine times on every page.
    with override(language):
        return {key: reverse(name) for key, name in SITE_LINKS.items()}


def site_links(request):
    """`site_links`: {key: URL} of SITE_LINKS in the active language."""
    return {"site_links": _site_links(get_language(), get_script_prefix())}


def account(request):
    """`account_user`: the logged-in user for the header's logout, or None.

    Read only when the request carries a session cookie: touching
    `request.user` loads the session and makes the response vary on Cookie,
    which would keep every anonymous public page out of the response cache
    (otwarte/cache/pages.py). Without the cookie nobody is logged in anyway."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return {"account_user": None}
    user = request.user
    return {"account_user": user if user.is_authenticated else None}
