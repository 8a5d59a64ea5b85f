"""The permission matrix: every URL pattern × role → the expected status of a GET.

docs/permissions.md explains it in prose. test_permission_matrix.py walks every
pattern in the URL configuration and fails when one has no entry here, so a new
URL is a one-line addition:

    "jury:score": Entry(JURY_ONLY, url=lambda d: reverse("jury:score", args=[d.nomination.pk])),

An entry is keyed by the pattern's name with its namespaces ("public:home")
or, for unnamed patterns, by its route with the language prefix as "<lang>/".
`url` builds the address from the sample data (`SampleData` in the test); without
it the name is reversed with no arguments. Statuses are for GET requests.
"""

from dataclasses import dataclass, field

from django.urls import reverse

ROLES = [
    "anonymous", "expert_city", "expert_other", "juror_a", "juror_b", "organiser", "translator"
]


def statuses(anonymous, expert_city, expert_other, juror_a, juror_b, organiser, *,
             translator=None):
    """Statuses per role. A translator is a logged-in person who is not staff, like a
    juror of another edition: unless given, they get juror B's status (juror pages,
    where they get 403, and their own worklist say so explicitly)."""
    translator = juror_b if translator is None else translator
    return dict(zip(ROLES, [anonymous, expert_city, expert_other, juror_a, juror_b, organiser,
                            translator]))


def everyone(status):
    return dict.fromkeys(ROLES, status)


@dataclass(frozen=True)
class Entry:
    expect: dict
    url: object = None  # callable(sample data) -> path; None: reverse(name)
    notes: str = field(default="", compare=False)
    # Further cases of the same pattern (e.g. an unpublished object), each an Entry.
    variants: tuple = ()


PUBLIC = everyone(200)
# The admin: logged-out users and jurors (not staff) are sent to the login page.
# Experts and organisers are staff; a model page needs that model's permission.
# Organisers hold every permission of practices, jury and reports
# (otwarte.roles.sync_role_groups) and view/add/change of users; experts hold the
# report permissions and view the practices and cities of their assignments.
ADMIN_LOGIN = statuses(302, 200, 200, 302, 302, 200)
ADMIN_MODEL = statuses(302, 403, 403, 302, 302, 200)
# Models no role may touch in the admin (only superusers): axes, OTP devices, tasks.
ADMIN_SUPERUSER = statuses(302, 403, 403, 302, 302, 403)
# Expert-scoped admin pages (practices.scoping.ExpertScopedAdminMixin): the object is in
# expert_city's assignment; expert_other gets 404 for it, never 403.
EXPERT_VIEW = statuses(302, 200, 200, 302, 302, 200)
EXPERT_OWN = statuses(302, 200, 404, 302, 302, 200)
EXPERT_FORBIDDEN = statuses(302, 403, 403, 302, 302, 200)
EXPERT_OWN_FORBIDDEN = statuses(302, 403, 404, 302, 302, 200)
# Read-only admins (scores and their log change only through the jurors' pages).
READ_ONLY_DENIED = statuses(302, 403, 403, 302, 302, 403)
# Views that answer with a redirect to everyone (e.g. "view on site", old URLs).
REDIRECT_ALL = everyone(302)


def _pk(data, label):
    return data.pk(label)


def admin_model(label, expect=ADMIN_MODEL, *, redirect=None, extra=(), **views):
    """Entries for the standard admin views of one model ("practices.edition").

    `redirect`: expected statuses of the bare object URL (…/<id>/ → …/<id>/change/).
    `extra`: names of further admin views that take the object id ("simple_history"
    takes the object and one of its historical records).
    `views`: statuses of single views that differ from `expect` (delete=..., add=...).
    """
    app, model = label.split(".")
    prefix = f"admin:{app}_{model}"
    entries = {
        f"{prefix}_changelist": Entry(views.get("changelist", expect)),
        f"{prefix}_add": Entry(views.get("add", expect)),
    }
    for view in ["history", "delete", "change"]:
        entries[f"{prefix}_{view}"] = Entry(
            views.get(view, expect),
            url=lambda d, name=f"{prefix}_{view}": reverse(name, args=[_pk(d, label)]),
        )
    entries[f"<lang>/admin/{app}/{model}/<path:object_id>/"] = Entry(
        redirect or statuses(302, 302, 302, 302, 302, 302),
        url=lambda d: reverse(f"{prefix}_changelist") + f"{_pk(d, label)}/",
    )
    if "simple_history" in extra:
        entries[f"{prefix}_simple_history"] = Entry(
            views.get("simple_history", views.get("history", expect)),
            url=lambda d: reverse(
                f"{prefix}_simple_history", args=[_pk(d, label), d.history_pk(label)]
            ),
        )
    return entries


JUROR_PAGE = statuses(302, 403, 403, 200, 200, 403, translator=403)
# Juror A's nomination in the scoring edition; juror B is on another edition's jury.
JUROR_A_ONLY = statuses(302, 403, 403, 200, 404, 403, translator=403)
# The translators' worklist: translators and organisers (who oversee it).
TRANSLATOR_PAGE = statuses(302, 403, 403, 403, 403, 200, translator=200)
ORGANISER_PAGE = statuses(302, 403, 403, 403, 403, 200)
ORGANISER_POST = statuses(302, 403, 403, 403, 403, 405)
HIDDEN = everyone(404)


def _practice(practice):
    return {"city_slug": practice.city.slug, "slug": practice.slug}


MATRIX = {
    # Public site (practices): published content for everyone; unpublished is 404.
    "public:home": Entry(PUBLIC),
    "public:practice": Entry(
        PUBLIC,
        url=lambda d: reverse("public:practice", kwargs=_practice(d.practice)),
        variants=(
            Entry(
                HIDDEN,
                url=lambda d: reverse("public:practice", kwargs=_practice(d.hidden_practice)),
                notes="never published",
            ),
        ),
    ),
    "public:practice_list": Entry(PUBLIC),
    "public:export_csv": Entry(PUBLIC),
    "public:datapackage": Entry(PUBLIC),
    "public:opendata": Entry(PUBLIC),
    "public:opendata_package": Entry(
        PUBLIC,
        variants=(
            Entry(everyone(404), notes="unpublished edition",
                  url=lambda d: reverse("public:opendata_package") + f"?edition={d.scoring.year}"),
        ),
    ),
    "public:opendata_table": Entry(
        PUBLIC, url=lambda d: reverse("public:opendata_table", args=["awards", "csv"])
    ),
    "public:opendata_workbook": Entry(
        PUBLIC, url=lambda d: reverse("public:opendata_workbook", args=["xlsx"])
    ),
    "public:opendata_release": Entry(
        everyone(404), url=lambda d: reverse("public:opendata_release", args=["1999.1"]),
        notes="no such release (a release's zip: 200 for everyone)",
    ),
    "public:export_json": Entry(PUBLIC),
    "public:city_list": Entry(PUBLIC),
    "public:city": Entry(
        PUBLIC,
        url=lambda d: reverse("public:city", args=[d.city.slug]),
        variants=(
            Entry(
                HIDDEN,
                url=lambda d: reverse("public:city", args=[d.hidden_city.slug]),
                notes="no published practice",
            ),
        ),
    ),
    "public:edition_list": Entry(PUBLIC),
    "public:edition": Entry(
        PUBLIC,
        url=lambda d: reverse("public:edition", args=[d.edition.year]),
        variants=(
            Entry(HIDDEN, url=lambda d: reverse("public:edition", args=[d.scoring.year])),
        ),
    ),
    "public:methodology": Entry(
        PUBLIC,
        url=lambda d: reverse("public:methodology", args=[d.edition.year]),
        variants=(
            Entry(HIDDEN, url=lambda d: reverse("public:methodology", args=[d.scoring.year]),
                  notes="unpublished edition"),
        ),
    ),
    "public:city_check": Entry(
        everyone(404),
        url=lambda d: reverse("public:city_check", args=["not-a-token"]),
        notes="a city's personal link: an unknown one is 404, expired or revoked 410 "
        "(tests/public/test_city_check.py); rate-limited",
    ),
    "public:propose": Entry(PUBLIC, notes="the open call; POST rate-limited"),
    "public:propose_thanks": Entry(PUBLIC),
    "public:contact": Entry(PUBLIC),
    "public:privacy": Entry(PUBLIC),
    "public:accessibility": Entry(PUBLIC),
    "booklet:pdf": Entry(
        statuses(404, 404, 404, 404, 404, 200),
        url=lambda d: reverse("booklet:pdf", args=[d.scoring.year]),
        notes="unpublished edition: organisers preview it; published: tests/reports",
    ),
    "sitemap": Entry(PUBLIC),
    "robots_txt": Entry(PUBLIC),
    "public:awards_feed": Entry(PUBLIC, notes="Atom of the published awards"),
    "public:deadlines_calendar": Entry(PUBLIC, notes="iCalendar: the open call, open surveys"),
    # Open data API (read-only, published content only).
    "api:index": Entry(PUBLIC),
    "api:api-root": Entry(
        everyone(404),
        notes="/api/ itself: a JSON 404 (django-ninja's root of the document's paths)",
    ),
    "api:practices": Entry(PUBLIC),
    "api:practice": Entry(
        PUBLIC,
        url=lambda d: reverse("api:practice", kwargs=_practice(d.practice)),
        variants=(
            Entry(
                HIDDEN, url=lambda d: reverse("api:practice", kwargs=_practice(d.hidden_practice))
            ),
        ),
    ),
    "api:awards": Entry(PUBLIC),
    "api:cities": Entry(PUBLIC),
    "api:city": Entry(
        PUBLIC,
        url=lambda d: reverse("api:city", args=[d.city.slug]),
        variants=(Entry(HIDDEN, url=lambda d: reverse("api:city", args=[d.hidden_city.slug])),),
    ),
    "api:editions": Entry(PUBLIC),
    "api:edition": Entry(
        PUBLIC,
        url=lambda d: reverse("api:edition", args=[d.edition.year]),
        variants=(Entry(HIDDEN, url=lambda d: reverse("api:edition", args=[d.scoring.year])),),
    ),
    "api:scorecards": Entry(PUBLIC),
    "api:scorecard_round": Entry(
        PUBLIC,
        url=lambda d: reverse("api:scorecard_round", args=[d.edition.year]),
        variants=(
            Entry(HIDDEN, url=lambda d: reverse("api:scorecard_round", args=[d.scoring.year])),
        ),
    ),
    "api:openapi": Entry(PUBLIC),
    "api:docs": Entry(PUBLIC),
    "api:not_found": Entry(
        everyone(404),
        url=lambda d: reverse("api:not_found", args=["nowhere/"]),
        notes="any other path under /api/: a JSON 404",
    ),
    # Accounts: invitations set a password through Django's reset views.
    "password_reset_confirm": Entry(
        PUBLIC,
        url=lambda d: reverse("password_reset_confirm", args=["MQ", "bad-token"]),
        notes="an invalid link shows the 'link invalid' page",
    ),
    "password_reset_complete": Entry(PUBLIC),
    # The one login of every role; a logged-in person goes on to their start page.
    "public:login": Entry(statuses(200, 302, 302, 302, 302, 302)),
    "public:logout": Entry(everyone(405), notes="POST only"),
    "two_step": Entry(
        statuses(302, 200, 200, 403, 403, 200),
        notes="own second-factor device; staff and organisers",
    ),
    # Jury pages.
    "jury:login": Entry(REDIRECT_ALL, notes="the former jury login: on to public:login"),
    "jury:dashboard": Entry(JUROR_PAGE),
    "jury:nomination": Entry(
        JUROR_A_ONLY, url=lambda d: reverse("jury:nomination", args=[d.nomination.pk])
    ),
    "jury:conflict": Entry(
        JUROR_A_ONLY, url=lambda d: reverse("jury:conflict", args=[d.nomination.pk])
    ),
    # Deliberation (2018, in deliberation): juror A takes part; juror B is on another
    # edition's jury, so its thread and posts do not exist for them (404); translators
    # translate any post of an edition in deliberation but read no thread.
    "jury:deliberation": Entry(JUROR_PAGE),
    "jury:thread": Entry(
        statuses(302, 403, 403, 200, 404, 200, translator=403),
        url=lambda d: reverse("jury:thread", args=[d.thread.nomination_id]),
        notes="jurors never read another juror's scores or name here",
    ),
    "jury:revise": Entry(
        statuses(302, 403, 403, 405, 405, 403, translator=403),
        url=lambda d: reverse("jury:revise", args=[d.thread.nomination_id]), notes="POST only",
    ),
    "jury:translate_post": Entry(
        statuses(302, 403, 403, 200, 404, 200, translator=200),
        url=lambda d: reverse("jury:translate_post", args=[d.post.pk]),
        notes="no author shown",
    ),
    "jury:share_post": Entry(
        ORGANISER_POST, url=lambda d: reverse("jury:share_post", args=[d.post.pk]),
        notes="POST only",
    ),
    "jury:open_thread": Entry(
        ORGANISER_POST, url=lambda d: reverse("jury:open_thread", args=[d.deliberating.year]),
        notes="POST only",
    ),
    "jury:organiser": Entry(ORGANISER_PAGE),
    "jury:tally": Entry(
        ORGANISER_PAGE,
        url=lambda d: reverse("jury:tally", args=[d.scoring.year]),
        variants=(
            Entry(
                statuses(302, 403, 403, 403, 403, 404),
                url=lambda d: reverse("jury:tally", args=[1999]),
                notes="no such edition",
            ),
        ),
    ),
    "jury:tally_csv": Entry(
        ORGANISER_PAGE, url=lambda d: reverse("jury:tally_csv", args=[d.scoring.year])
    ),
    "jury:tally_xlsx": Entry(
        ORGANISER_PAGE, url=lambda d: reverse("jury:tally_xlsx", args=[d.scoring.year])
    ),
    "jury:tally_ods": Entry(
        ORGANISER_PAGE, url=lambda d: reverse("jury:tally_ods", args=[d.scoring.year])
    ),
    "jury:decide": Entry(
        ORGANISER_PAGE, url=lambda d: reverse("jury:decide", args=[d.scoring.year]),
        notes="the award form; creates on POST",
    ),
    "jury:copy_criteria": Entry(
        ORGANISER_POST, url=lambda d: reverse("jury:copy_criteria", args=[d.scoring.year]),
        notes="POST only",
    ),
    "jury:juror_scores": Entry(
        ORGANISER_PAGE, url=lambda d: reverse("jury:juror_scores", args=[d.edition.year]),
        notes="scoring closed; while it is open, organisers are sent back to the tally",
        variants=(
            Entry(
                statuses(302, 403, 403, 403, 403, 302),
                url=lambda d: reverse("jury:juror_scores", args=[d.scoring.year]),
                notes="scoring open",
            ),
        ),
    ),
    "jury:award_edit": Entry(
        ORGANISER_PAGE,
        url=lambda d: reverse("jury:award_edit", args=[d.edition.year, d.pk("practices.award")]),
    ),
    "jury:award_withdraw": Entry(
        ORGANISER_POST,
        url=lambda d: reverse(
            "jury:award_withdraw", args=[d.edition.year, d.pk("practices.award")]
        ),
        notes="POST only",
    ),
    # The organisers' cockpit (phase moves: GET is the confirmation page, POST moves).
    "cockpit:index": Entry(ORGANISER_PAGE),
    "cockpit:edition": Entry(
        ORGANISER_PAGE,
        url=lambda d: reverse("cockpit:edition", args=[d.scoring.year]),
        variants=(
            Entry(
                statuses(302, 403, 403, 403, 403, 404),
                url=lambda d: reverse("cockpit:edition", args=[1999]),
                notes="no such edition",
            ),
        ),
    ),
    "cockpit:phase": Entry(
        ORGANISER_PAGE,
        url=lambda d: reverse("cockpit:phase", args=[d.scoring.year, "deliberation"]),
        notes="GET: what will change; POST: the move",
        variants=(
            Entry(
                statuses(302, 403, 403, 403, 403, 200),
                url=lambda d: reverse("cockpit:phase", args=[d.edition.year, "deliberation"]),
                notes="unpublishing asks for the year and a reason",
            ),
            Entry(
                statuses(302, 403, 403, 403, 403, 404),
                url=lambda d: reverse("cockpit:phase", args=[d.scoring.year, "published"]),
                notes="not a neighbouring phase",
            ),
        ),
    ),
    "cockpit:mail_failed": Entry(ORGANISER_PAGE),
    "cockpit:mail_retry": Entry(
        statuses(302, 403, 403, 403, 403, 404),
        url=lambda d: reverse("cockpit:mail_retry", args=[999999]),
        notes="GET: the confirmation; POST: queue again; only a failed or stuck message",
    ),
    "cockpit:city_checks": Entry(
        ORGANISER_PAGE, url=lambda d: reverse("cockpit:city_checks", args=[d.scoring.year])
    ),
    "cockpit:city_check_send": Entry(
        ORGANISER_POST,
        url=lambda d: reverse("cockpit:city_check_send", args=[d.scoring.year, d.city.pk]),
        notes="POST only",
    ),
    "cockpit:city_check_revoke": Entry(
        ORGANISER_POST,
        url=lambda d: reverse("cockpit:city_check_revoke", args=[d.scoring.year, 1]),
        notes="POST only",
    ),
    "cockpit:city_check_decide": Entry(
        ORGANISER_POST,
        url=lambda d: reverse("cockpit:city_check_decide", args=[d.scoring.year, 1]),
        notes="POST only",
    ),
    # Reminders and invitations again (cockpit/reminders.py); the pk need not exist: a GET
    # is refused before anything is looked up.
    "cockpit:remind_late": Entry(
        ORGANISER_POST, url=lambda d: reverse("cockpit:remind_late", args=[d.scoring.year]),
        notes="POST only",
    ),
    "cockpit:remind_juror": Entry(
        ORGANISER_POST,
        url=lambda d: reverse("cockpit:remind_juror", args=[d.scoring.year, 1]),
        notes="POST only",
    ),
    "cockpit:remind_expert": Entry(
        ORGANISER_POST,
        url=lambda d: reverse("cockpit:remind_expert", args=[d.scoring.year, 1]),
        notes="POST only",
    ),
    "cockpit:reinvite_juror": Entry(
        ORGANISER_POST,
        url=lambda d: reverse("cockpit:reinvite_juror", args=[d.scoring.year, 1]),
        notes="POST only",
    ),
    "cockpit:reinvite_expert": Entry(
        ORGANISER_POST,
        url=lambda d: reverse("cockpit:reinvite_expert", args=[d.scoring.year, 1]),
        notes="POST only",
    ),
    # The edition file: upload, preview (a dry run), confirm (exchange/views.py).
    "exchange:import": Entry(ORGANISER_PAGE, notes="GET: the upload form; POST: preview or import"),
    # The translators' worklist (translations/README.md).
    "translations:worklist": Entry(
        TRANSLATOR_PAGE,
        variants=(
            Entry(
                TRANSLATOR_PAGE,
                url=lambda d: reverse("translations:worklist")
                + "?language=xx&status=nonsense&edition=1999&page=abc",
                notes="invalid filters: the form says so",
            ),
        ),
    ),
    "translations:grid": Entry(
        TRANSLATOR_PAGE, notes="GET: a page of texts; POST saves them together",
        variants=(
            Entry(
                TRANSLATOR_PAGE,
                url=lambda d: reverse("translations:grid") + "?language=xx&start=abc",
                notes="invalid filters: the form says so",
            ),
        ),
    ),
    "translations:download": Entry(TRANSLATOR_PAGE, notes="the worklist's texts as a PO file"),
    "translations:upload": Entry(TRANSLATOR_PAGE, notes="GET: the form; POST: apply a PO file"),
    "translations:edit": Entry(
        TRANSLATOR_PAGE,
        url=lambda d: reverse("translations:edit", args=[d.translation_pk]),
        notes="GET: the source beside the form; POST saves",
        variants=(
            Entry(
                statuses(302, 403, 403, 403, 403, 404, translator=404),
                url=lambda d: reverse("translations:edit", args=[10**9]),
                notes="no such text",
            ),
        ),
    ),
    # Language switch: POST only does something; a GET just goes back.
    "set_language": Entry(everyone(302)),
    # Admin site.
    "admin:index": Entry(ADMIN_LOGIN),
    "admin:login": Entry(statuses(200, 302, 302, 200, 200, 302)),
    "admin:logout": Entry(statuses(302, 405, 405, 302, 302, 405), notes="POST only"),
    "admin:password_change": Entry(ADMIN_LOGIN),
    "admin:password_change_done": Entry(ADMIN_LOGIN),
    "admin:autocomplete": Entry(statuses(302, 403, 403, 302, 302, 403), notes="no parameters"),
    "admin:jsi18n": Entry(ADMIN_LOGIN),
    "admin:view_on_site": Entry(
        statuses(302, 404, 404, 302, 302, 404),
        url=lambda d: reverse(
            "admin:view_on_site", args=[d.content_type_id("auth.user"), d.user.pk]
        ),
        notes="users have no public page",
    ),
    "admin:app_list": Entry(
        EXPERT_VIEW,
        url=lambda d: reverse("admin:app_list", kwargs={"app_label": "practices"}),
        variants=(
            Entry(
                statuses(302, 404, 404, 302, 302, 404),
                url=lambda d: reverse("admin:app_list", kwargs={"app_label": "axes"}),
                notes="404 without any permission in the app",
            ),
        ),
    ),
    "<lang>/admin/(?P<url>.*)$": Entry(
        statuses(302, 404, 404, 302, 302, 404), url=lambda d: "/en/admin/no-such-page/"
    ),
    **admin_model("auth.user", delete=ADMIN_SUPERUSER),
    "admin:auth_user_password_change": Entry(
        ADMIN_MODEL, url=lambda d: reverse("admin:auth_user_password_change", args=[d.user.pk])
    ),
    **admin_model("auth.group", ADMIN_SUPERUSER),
    **admin_model("axes.accessattempt", ADMIN_SUPERUSER),
    **admin_model("axes.accesslog", ADMIN_SUPERUSER),
    **admin_model("axes.accessfailurelog", ADMIN_SUPERUSER),
    **admin_model("django_tasks_database.dbtaskresult", ADMIN_SUPERUSER),
    **admin_model("otp_totp.totpdevice", ADMIN_SUPERUSER),
    "admin:otp_totp_totpdevice_config": Entry(
        ADMIN_SUPERUSER,
        url=lambda d: reverse(
            "admin:otp_totp_totpdevice_config", args=[d.pk("otp_totp.totpdevice")]
        ),
    ),
    "admin:otp_totp_totpdevice_qrcode": Entry(
        ADMIN_SUPERUSER,
        url=lambda d: reverse(
            "admin:otp_totp_totpdevice_qrcode", args=[d.pk("otp_totp.totpdevice")]
        ),
    ),
    **admin_model(
        "practices.city", EXPERT_OWN, changelist=EXPERT_VIEW, add=EXPERT_FORBIDDEN,
        delete=EXPERT_OWN_FORBIDDEN,
    ),
    **admin_model("practices.category"),
    # The sample's first edition and practice are published (edit_public): not deleted.
    **admin_model(
        "practices.edition", extra=["simple_history"], delete=statuses(302, 403, 403, 302, 302, 403)
    ),
    "admin:practices_edition_booklet": Entry(
        statuses(302, 404, 404, 302, 302, 200),
        notes="organisers only; 404 for other staff",
        url=lambda d: reverse("admin:practices_edition_booklet", args=[d.edition.pk, "pl"]),
    ),
    "admin:practices_edition_booklet_render": Entry(
        statuses(302, 405, 405, 302, 302, 405),
        notes="POST only",
        url=lambda d: reverse(
            "admin:practices_edition_booklet_render", args=[d.edition.pk, "pl"]
        ),
    ),
    **admin_model(
        "practices.practice", EXPERT_OWN, extra=["simple_history"], changelist=EXPERT_VIEW,
        add=EXPERT_VIEW, delete=statuses(302, 403, 404, 302, 302, 403),
    ),
    **admin_model(
        "practices.practiceproposal", add=READ_ONLY_DENIED, delete=READ_ONLY_DENIED
    ),
    # The phase table (practices/phase_admin.py): the sample award's edition is published
    # and no sample edition is before scoring (criteria), so deleting is closed; adding
    # an award is open because the 2018 sample edition is in deliberation.
    **admin_model("practices.award", extra=["simple_history"],
                  add=ADMIN_MODEL, delete=READ_ONLY_DENIED),
    **admin_model("jury.juror"),
    **admin_model("jury.criterion", extra=["simple_history"],
                  add=READ_ONLY_DENIED, delete=READ_ONLY_DENIED),
    **admin_model("jury.nomination", extra=["simple_history"]),
    **admin_model("jury.conflict", extra=["simple_history"]),
    **admin_model("jury.conflictdisclosure"),
    **admin_model(
        "jury.score", add=READ_ONLY_DENIED, delete=READ_ONLY_DENIED
    ),
    **admin_model("jury.scorechange", add=READ_ONLY_DENIED, delete=READ_ONLY_DENIED),
    **admin_model(
        "practices.assignment", EXPERT_OWN, changelist=EXPERT_VIEW, add=EXPERT_FORBIDDEN,
        delete=EXPERT_OWN_FORBIDDEN,
    ),
    "admin:practices_invite": Entry(EXPERT_FORBIDDEN),
    "admin:jury_juror_invite": Entry(EXPERT_FORBIDDEN, notes="account, profile and jury seat"),
    # The e-mails sent (read-only, organisers).
    **admin_model(
        "otwarte.sentmessage", statuses(302, 403, 403, 302, 302, 200),
        add=READ_ONLY_DENIED, delete=READ_ONLY_DENIED,
    ),
    # Turning accepted proposals into jury nominations: organisers only.
    "admin:reports_nominate": Entry(EXPERT_FORBIDDEN),
    **admin_model(
        "reports.report", EXPERT_OWN, extra=["simple_history"], changelist=EXPERT_VIEW,
        add=EXPERT_VIEW, delete=EXPERT_OWN_FORBIDDEN,
    ),
    **admin_model(
        "reports.proposednomination", statuses(302, 404, 404, 302, 302, 200),
        changelist=EXPERT_FORBIDDEN, add=READ_ONLY_DENIED,
        delete=statuses(302, 404, 404, 302, 302, 403),
    ),
    # The migrants' civic audit (surveys/README.md): answering needs no account; the
    # ranking is public once published (organisers preview it before).
    "surveys:index": Entry(PUBLIC),
    "surveys:respond": Entry(PUBLIC, url=lambda d: d.survey_url("respond")),
    "surveys:check_email": Entry(PUBLIC, url=lambda d: d.survey_url("check_email")),
    "surveys:link": Entry(
        HIDDEN,
        url=lambda d: d.survey_url("link", "not-a-token"),
        notes="an invalid or expired link",
        variants=(Entry(PUBLIC, url=lambda d: d.survey_url("link", d.survey_token)),),
    ),
    "surveys:results": Entry(
        statuses(404, 404, 404, 404, 404, 200),
        url=lambda d: d.survey_url("results"),
        notes="unpublished ranking: organisers preview it",
        variants=(Entry(PUBLIC, url=lambda d: d.survey_url("results", survey=d.past_survey)),),
    ),
    "surveys:results_csv": Entry(
        statuses(404, 404, 404, 404, 404, 200),
        url=lambda d: d.survey_url("results_csv"),
        variants=(
            Entry(PUBLIC, url=lambda d: d.survey_url("results_csv", survey=d.past_survey)),
        ),
    ),
    "surveys_api:index": Entry(PUBLIC),
    "surveys_api:survey": Entry(
        HIDDEN,
        url=lambda d: reverse("surveys_api:survey", args=[d.survey.kind, d.survey.year]),
        notes="published rankings only",
        variants=(
            Entry(
                PUBLIC,
                url=lambda d: reverse(
                    "surveys_api:survey", args=[d.past_survey.kind, d.past_survey.year]
                ),
            ),
        ),
    ),
    **admin_model("surveys.target"),
    **admin_model("surveys.survey"),
    **admin_model("surveys.codebatch"),
    "admin:surveys_codebatch_print": Entry(
        EXPERT_FORBIDDEN,
        url=lambda d: reverse("admin:surveys_codebatch_print", args=[d.pk("surveys.codebatch")]),
    ),
    # Read-only but for the voiding and moderation actions.
    **admin_model(
        "surveys.response", extra=["simple_history"], add=READ_ONLY_DENIED,
        delete=READ_ONLY_DENIED,
    ),
    # City policy scorecards (scorecards/README.md): public once their round is
    # published (organisers preview it); a city answers through its personal link;
    # experts verify the scorecards of the cities assigned to them in that edition.
    "scorecards:index": Entry(PUBLIC),
    **{
        f"scorecards:{name}": Entry(
            statuses(404, 404, 404, 404, 404, 200),
            url=lambda d, name=name, args=args: reverse(
                f"scorecards:{name}", args=[d.scoring.year, *args(d)]),
            notes="unpublished round: organisers preview it",
            variants=(Entry(PUBLIC, url=lambda d, name=name, args=args: reverse(
                f"scorecards:{name}", args=[d.edition.year, *args(d)])),),
        )
        for name, args in [
            ("year", lambda d: []), ("methodology", lambda d: []),
            ("city", lambda d: [d.city.slug]),
        ]
    },
    "scorecards:answer": Entry(
        HIDDEN,
        url=lambda d: reverse("scorecards:answer", args=["not-a-token"]),
        notes="an invalid, expired or revoked link",
        variants=(Entry(PUBLIC, url=lambda d: reverse("scorecards:answer",
                                                      args=[d.scorecard_token])),),
    ),
    **admin_model("scorecards.round"),
    **admin_model("scorecards.indicator"),
    **admin_model(
        "scorecards.cityscorecard", EXPERT_OWN, changelist=EXPERT_VIEW, add=EXPERT_FORBIDDEN,
        delete=EXPERT_OWN_FORBIDDEN,
    ),
}
