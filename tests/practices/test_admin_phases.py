"""The Django admin asks the phase table like the cockpit (practices/phase_admin.py).

Every model whose writes belong to a phase × every phase × add/change/delete, as an
organiser posting the admin's real forms: the write goes through exactly when the
table allows it, and when it is refused nothing in the database changes.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from jury.enums import ConflictReason
from jury.models import Conflict, ConflictDisclosure, Criterion, JurorQuote, Nomination, Score
from otwarte.roles import Role
from practices.enums import Phase
from practices.models import Award, Edition, Panelist, Practice, SimilarAction
from practices.phases import Action, allows
from tests.admin_forms import change_form_data
from tests.factories import (
    AwardFactory,
    CategoryFactory,
    CityFactory,
    CriterionFactory,
    EditionFactory,
    JurorFactory,
    NominationFactory,
    PracticeFactory,
    SimilarActionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Which action of the table each model's admin writes ask; None: never in the admin
# (scores are written by the jurors' pages only, so that their history is complete).
GATED_BY = {
    "award": Action.DECIDE,  # the published texts: recommendation in four languages
    "similaraction": Action.DECIDE,
    "jurorquote": Action.DECIDE,
    "criterion": Action.EDIT_CRITERIA,
    "nomination": Action.NOMINATE,
    "conflict": Action.DECLARE_CONFLICT,
    "score": None,
    # What a published edition shows beyond its awards: the edition itself, its panel,
    # the kinds of conflict its public register names, its practices' texts.
    "edition": Action.EDIT_PUBLIC,
    "panelist": Action.EDIT_PUBLIC,
    "conflictdisclosure": Action.EDIT_PUBLIC,
    "practice": Action.EDIT_PUBLIC,
}
# Writes that no phase gates: a new edition (it starts in preparation) and a new
# practice (no edition shows it yet); an awarded practice is never deleted (its
# awards protect it).
OPERATIONS = {"edition": ["change", "delete"], "practice": ["change"]}
CASES = [
    (model, operation)
    for model in GATED_BY
    for operation in OPERATIONS.get(model, ["add", "change", "delete"])
]
WATCHED = [
    Award, SimilarAction, JurorQuote, Criterion, Nomination, Conflict, Score,
    Edition, Panelist, ConflictDisclosure, Practice,
]


def _expert():
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=Role.EXPERT)[0])
    return user


class World:
    def __init__(self, phase):
        self.edition = EditionFactory(phase=Phase.PREPARATION)
        self.category = CategoryFactory()
        self.edition.categories.add(self.category)
        self.criterion = CriterionFactory(edition=self.edition, weight=1)
        self.nomination = NominationFactory(edition=self.edition, category=self.category)
        self.other = NominationFactory(edition=self.edition, category=self.category)
        # Deleting what scores or conflicts hang on is refused with them (read-only
        # scores, conflicts by phase): these two have none.
        self.spare_criterion = CriterionFactory(edition=self.edition)
        self.bare = NominationFactory(edition=self.edition, category=self.category)
        self.juror = JurorFactory()
        self.juror.editions.add(self.edition)
        self.conflict = Conflict.objects.create(
            juror=self.juror, nomination=self.nomination, reason="Sits on its board."
        )
        self.score = Score.objects.create(
            juror=self.juror, nomination=self.other, criterion=self.criterion, value=3
        )
        self.award = AwardFactory(
            edition=self.edition, category=self.category, practice=self.nomination.practice,
            recommendation_pl="Rekomendacja.",
        )
        self.similar = SimilarActionFactory(award=self.award, order=1)
        self.quote = JurorQuote.objects.create(
            award=self.award, order=1, juror=self.juror, text_pl="Cytat."
        )
        self.panelist = Panelist.objects.create(
            edition=self.edition, expert=_expert(), order=1, group_pl="Trójmiasto"
        )
        self.disclosure = ConflictDisclosure.objects.create(
            edition=self.edition, category=ConflictReason.WORK
        )
        self.practice = self.award.practice
        self.unnominated = PracticeFactory()
        # An edition with nothing in it: the admin deletes an edition only with
        # everything in it, scores included, which it never deletes.
        self.empty = EditionFactory(phase=phase)
        # Set directly: the point is what each phase allows, not how it was reached.
        Edition.objects.filter(pk=self.edition.pk).update(phase=phase)
        self.edition.refresh_from_db()


def snapshot():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in WATCHED}


def _form(client, url):
    """The admin form as the browser has it (empty when the page is refused)."""
    page = client.get(url)
    return change_form_data(page) if page.status_code == 200 else {}


def _award_form(client, w):
    return _form(client, reverse("admin:practices_award_change", args=[w.award.pk]))


def _add_inline_row(data, prefix, values):
    index = int(data.get(f"{prefix}-TOTAL_FORMS", 1))
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    data.update({f"{prefix}-{index}-{name}": value for name, value in values.items()})


def _delete(client, name, pk):
    client.post(reverse(f"admin:{name}_delete", args=[pk]), {"post": "yes"})


def attempt(model, operation, client, w):
    """Post the admin form; True when the change reached the database."""
    if model == "award":
        if operation == "add":
            data = _form(client, reverse("admin:practices_award_add"))
            data.update({
                "edition": w.edition.pk, "category": w.category.pk,
                "practice": w.other.practice.pk, "order": 2, "recommendation_pl": "Nowa.",
            })
            client.post(reverse("admin:practices_award_add"), data)
            return Award.objects.filter(practice=w.other.practice).exists()
        if operation == "change":
            data = {**_award_form(client, w), "recommendation_en": "Rewritten."}
            client.post(reverse("admin:practices_award_change", args=[w.award.pk]), data)
            return Award.objects.get(pk=w.award.pk).recommendation_en == "Rewritten."
        _delete(client, "practices_award", w.award.pk)
        return not Award.objects.filter(pk=w.award.pk).exists()
    if model in ("similaraction", "jurorquote"):
        prefix = "similar_actions" if model == "similaraction" else "quotes"
        row, Model = (w.similar, SimilarAction) if model == "similaraction" else (w.quote,
                                                                                 JurorQuote)
        data = _award_form(client, w)
        if operation == "add":
            values = ({"order": 2, "city": CityFactory().pk, "practice": ""}
                      if model == "similaraction"
                      else {"order": 2, "juror": w.juror.pk, "text_pl": "Drugi cytat."})
            _add_inline_row(data, prefix, values)
        elif operation == "change":
            data[f"{prefix}-0-order"] = 7
        else:
            data[f"{prefix}-0-DELETE"] = "on"
        data.setdefault(f"{prefix}-0-id", row.pk)
        client.post(reverse("admin:practices_award_change", args=[w.award.pk]), data)
        if operation == "add":
            return Model.objects.filter(award=w.award).count() == 2
        if operation == "change":
            return Model.objects.filter(pk=row.pk, order=7).exists()
        return not Model.objects.filter(pk=row.pk).exists()
    if model == "criterion":
        if operation == "add":
            data = _form(client, reverse("admin:jury_criterion_add"))
            data.update({"edition": w.edition.pk, "code": "reach", "name_pl": "Zasięg",
                         "weight": 2, "scale_min": 1, "scale_max": 5, "order": 9})
            client.post(reverse("admin:jury_criterion_add"), data)
            return Criterion.objects.filter(code="reach").exists()
        if operation == "change":
            url = reverse("admin:jury_criterion_change", args=[w.criterion.pk])
            client.post(url, {**_form(client, url), "weight": 5})
            return Criterion.objects.get(pk=w.criterion.pk).weight == 5
        # The bulk action too: "delete selected" must not go around the table.
        client.post(reverse("admin:jury_criterion_changelist"), {
            "action": "delete_selected", "_selected_action": [w.spare_criterion.pk],
            "post": "yes"})
        return not Criterion.objects.filter(pk=w.spare_criterion.pk).exists()
    if model == "nomination":
        if operation == "add":
            practice = w.unnominated
            client.post(reverse("admin:jury_nomination_add"), {
                "edition": w.edition.pk, "practice": practice.pk,
                "category": w.category.pk, "justification": ""})
            return Nomination.objects.filter(practice=practice).exists()
        if operation == "change":
            url = reverse("admin:jury_nomination_change", args=[w.other.pk])
            client.post(url, {**_form(client, url), "justification": "Changed."})
            return Nomination.objects.get(pk=w.other.pk).justification == "Changed."
        _delete(client, "jury_nomination", w.bare.pk)
        return not Nomination.objects.filter(pk=w.bare.pk).exists()
    if model == "conflict":
        if operation == "add":
            client.post(reverse("admin:jury_conflict_add"), {
                "juror": w.juror.pk, "nomination": w.other.pk, "reason": "Told us by mail."})
            return Conflict.objects.filter(nomination=w.other).exists()
        if operation == "change":
            url = reverse("admin:jury_conflict_change", args=[w.conflict.pk])
            client.post(url, {**_form(client, url), "reason": "Another reason."})
            return Conflict.objects.get(pk=w.conflict.pk).reason == "Another reason."
        _delete(client, "jury_conflict", w.conflict.pk)
        return not Conflict.objects.filter(pk=w.conflict.pk).exists()
    if model == "score":
        if operation == "add":
            client.post(reverse("admin:jury_score_add"), {
                "juror": w.juror.pk, "nomination": w.nomination.pk,
                "criterion": w.criterion.pk, "value": 5})
            return Score.objects.count() == 2
        if operation == "change":
            url = reverse("admin:jury_score_change", args=[w.score.pk])
            client.post(url, {"value": 5})
            return Score.objects.get(pk=w.score.pk).value == 5
        _delete(client, "jury_score", w.score.pk)
        return not Score.objects.filter(pk=w.score.pk).exists()
    if model in ("edition", "panelist"):
        url = reverse("admin:practices_edition_change", args=[w.edition.pk])
        data = _form(client, url)
        if model == "edition":
            if operation == "change":
                # 2039: a year the factories never generate.
                client.post(url, {**data, "year": 2039, "title_en": "Another"})
                return Edition.objects.get(pk=w.edition.pk).year == 2039
            _delete(client, "practices_edition", w.empty.pk)
            return not Edition.objects.filter(pk=w.empty.pk).exists()
        if operation == "add":
            _add_inline_row(data, "panelists", {"expert": _expert().pk, "order": 2})
        elif operation == "change":
            data["panelists-0-order"] = 7
        else:
            data["panelists-0-DELETE"] = "on"
        data.setdefault("panelists-0-id", w.panelist.pk)
        client.post(url, data)
        if operation == "add":
            return Panelist.objects.filter(edition=w.edition).count() == 2
        if operation == "change":
            return Panelist.objects.filter(pk=w.panelist.pk, order=7).exists()
        return not Panelist.objects.filter(pk=w.panelist.pk).exists()
    if model == "conflictdisclosure":
        if operation == "add":
            client.post(reverse("admin:jury_conflictdisclosure_add"), {
                "edition": w.edition.pk, "category": ConflictReason.PERSONAL})
            return ConflictDisclosure.objects.filter(category=ConflictReason.PERSONAL).exists()
        if operation == "change":
            url = reverse("admin:jury_conflictdisclosure_change", args=[w.disclosure.pk])
            client.post(url, {**_form(client, url), "category": ConflictReason.FINANCIAL})
            return ConflictDisclosure.objects.filter(category=ConflictReason.FINANCIAL).exists()
        _delete(client, "jury_conflictdisclosure", w.disclosure.pk)
        return not ConflictDisclosure.objects.filter(pk=w.disclosure.pk).exists()
    if model == "practice":  # the texts the public reads, in any language
        url = reverse("admin:practices_practice_change", args=[w.practice.pk])
        client.post(url, {**_form(client, url), "title_en": "Renamed", "description_pl": "Inny."})
        practice = Practice.objects.get(pk=w.practice.pk)
        return (practice.title_en, practice.description_pl) == ("Renamed", "Inny.")
    raise AssertionError(model)


@pytest.mark.parametrize(("model", "operation"), CASES)
@pytest.mark.parametrize("phase", list(Phase))
def test_admin_writes_follow_the_phase_table(client_for, organiser, phase, model, operation):
    w = World(phase)
    client = client_for(organiser)
    before = snapshot()
    went_through = attempt(model, operation, client, w)
    action = GATED_BY[model]
    expected = action is not None and allows(phase, action)
    assert went_through == expected
    if not expected:
        assert snapshot() == before


def test_closed_award_is_shown_read_only(client_for, organiser):
    w = World(Phase.PUBLISHED)
    response = client_for(organiser).get(
        reverse("admin:practices_award_change", args=[w.award.pk])
    )
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert "Rekomendacja." in response.content.decode()


def test_award_form_offers_only_editions_in_deliberation(client_for, organiser):
    open_ = World(Phase.DELIBERATION)
    World(Phase.PUBLISHED)
    response = client_for(organiser).get(reverse("admin:practices_award_add"))
    offered = {e.pk for e in response.context["adminform"].form.fields["edition"].queryset}
    assert offered == {open_.edition.pk, open_.empty.pk}


def test_deleting_a_conflict_leaves_a_trace_in_its_history(client_for, organiser):
    w = World(Phase.JURY_SCORING)
    _delete(client_for(organiser), "jury_conflict", w.conflict.pk)
    assert not Conflict.objects.filter(pk=w.conflict.pk).exists()
    trace = Conflict.history.filter(id=w.conflict.pk).order_by("history_date")
    assert [(h.history_type, h.reason) for h in trace] == [
        ("+", "Sits on its board."), ("-", "Sits on its board.")
    ]
    assert trace.last().history_user == organiser


def test_published_practice_keeps_its_other_fields_open(client_for, organiser):
    w = World(Phase.PUBLISHED)
    client = client_for(organiser)
    url = reverse("admin:practices_practice_change", args=[w.practice.pk])
    data = _form(client, url)
    assert "title_pl" not in data and "website" in data  # the texts are read-only
    response = client.post(url, {**data, "website": "https://example.org/new"})
    assert response.status_code == 302
    assert Practice.objects.get(pk=w.practice.pk).website == "https://example.org/new"


def test_practice_form_loaded_before_publishing_cannot_change_its_texts(client_for, organiser):
    w = World(Phase.DELIBERATION)
    client = client_for(organiser)
    url = reverse("admin:practices_practice_change", args=[w.practice.pk])
    data = _form(client, url)
    Edition.objects.filter(pk=w.edition.pk).update(phase=Phase.PUBLISHED)
    before = snapshot()
    # The form is built anew for the POST: the texts are read-only now, so the posted
    # title is ignored (a publication between that and the save is refused with 403).
    client.post(url, {**data, "title_pl": "Nowy tytuł"})
    assert snapshot() == before


def test_practice_listed_under_a_published_award_keeps_its_texts(client_for, organiser):
    w = World(Phase.PUBLISHED)
    listed = PracticeFactory(title_pl="Podobna")
    SimilarAction.objects.filter(pk=w.similar.pk).update(practice=listed, city=listed.city)
    url = reverse("admin:practices_practice_change", args=[listed.pk])
    client = client_for(organiser)
    client.post(url, {**_form(client, url), "title_pl": "Inna"})
    assert Practice.objects.get(pk=listed.pk).title_pl == "Podobna"


def test_practice_texts_saved_after_publishing_are_refused(rf, organiser):
    # The last word under the editions' lock: a form built while the edition was open,
    # saved after it was published.
    from types import SimpleNamespace

    from django.contrib import admin
    from django.core.exceptions import PermissionDenied

    w = World(Phase.PUBLISHED)
    practice = Practice.objects.get(pk=w.practice.pk)
    practice.title_pl = "Nowy tytuł"
    request = rf.post("/")
    request.user = organiser
    form = SimpleNamespace(changed_data=["title_pl"])
    with pytest.raises(PermissionDenied):
        admin.site.get_model_admin(Practice).save_model(request, practice, form, change=True)
    assert Practice.objects.get(pk=practice.pk).title_pl != "Nowy tytuł"
