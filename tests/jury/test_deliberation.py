"""Deliberation (jury/services/deliberation.py, jury/deliberation_views.py): threads on
flagged nominations, posts in each language with translations, e-mails in each juror's
language, score revisions with a reason, and what never leaks to another juror."""

import pytest
from django.core import mail as outbox
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from jury.models import Post, ScoreChange, Thread
from jury.services import deliberation
from jury.services.methodology import methodology
from jury.services.scoring import submit_scores
from practices.enums import Phase
from practices.phases import PhaseError
from practices.services import change_phase
from tests.factories import NominationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def debate(scoring, django_capture_on_commit_callbacks):
    """Scoring's edition in deliberation: juror A (uk) gave 5, B (pl) 1, C 3 on the
    first nomination's engagement — a disagreement — and everyone agrees elsewhere."""
    for juror, value in ((scoring.ja, 5), (scoring.jb, 1), (scoring.jc, 3)):
        submit_scores(juror=juror, nomination=scoring.nominations[0],
                      values={scoring.engagement.pk: value, scoring.durability.pk: 4})
    with django_capture_on_commit_callbacks(execute=True):
        change_phase(edition=scoring.edition, phase=Phase.DELIBERATION)
    scoring.edition.refresh_from_db()
    scoring.thread = Thread.objects.get(nomination=scoring.nominations[0])
    return scoring


def test_moving_to_deliberation_opens_threads_on_flagged_nominations_and_tells_jurors(debate):
    assert list(Thread.objects.values_list("nomination", flat=True)) == [
        debate.nominations[0].pk
    ]
    opened = {m.to[0]: m for m in outbox.outbox if "deliberation" in m.body.lower()
              or "обговор" in m.body.lower() or "deliberacj" in m.body.lower()}
    assert set(opened) == {debate.ja.user.email, debate.jb.user.email}


def test_a_post_emails_the_other_jurors_in_their_language_without_writer_or_words(debate):
    outbox.outbox.clear()
    deliberation.add_post(thread=debate.thread, author=debate.jb.user,
                          text="Moim zdaniem to tylko ulotka.", language="pl")
    (message,) = outbox.outbox  # juror C has no account; B wrote it
    assert message.to == [debate.ja.user.email]
    assert message.subject.startswith("Miasta Otwarte") and "обговор" in message.subject.lower()
    with translation.override("uk"):
        assert reverse("jury:thread", args=[debate.nominations[0].pk]) in message.body
    assert "ulotka" not in message.body and debate.jb.name not in message.body


def test_a_juror_reads_others_as_a_juror_and_a_translation_beside_the_original(
    debate, client_for
):
    post = deliberation.add_post(thread=debate.thread, author=debate.jb.user,
                                 text="Moim zdaniem to tylko ulotka.", language="pl")
    deliberation.add_translation(post=post, language="uk", text="На мою думку, це листівка.",
                                 by=debate.ja.user)
    with translation.override("uk"):
        url = reverse("jury:thread", args=[debate.nominations[0].pk])
    body = client_for(debate.ja.user).get(url).content.decode()
    assert "Moim zdaniem" in body and "На мою думку" in body
    assert debate.jb.name not in body
    # Juror A reads only their own scores: 5 and 4, never B's 1 or C's 3 as a list.
    assert "дуже різняться" in body and "Juror B" not in body


def test_a_juror_with_a_conflict_or_of_another_edition_gets_404(debate, client_for, juror_b):
    from jury.models import Conflict

    Conflict.objects.create(juror=debate.jb, nomination=debate.nominations[0], reason="Work")
    url = reverse("jury:thread", args=[debate.nominations[0].pk])
    assert client_for(debate.jb.user).get(url).status_code == 404


def test_revising_a_score_keeps_before_after_who_and_why_and_the_tally_says_so(
    debate, client_for, organiser
):
    url = reverse("jury:revise", args=[debate.nominations[0].pk])
    response = client_for(debate.jb.user).post(url, {
        "criterion": debate.engagement.pk, "value": "4", "reason": "Przekonała mnie rozmowa.",
    })
    assert response.status_code == 302
    change = ScoreChange.objects.get(after_deliberation=True)
    assert (change.old_value, change.new_value, change.changed_by, change.reason) == (
        1, 4, debate.jb.user, "Przekonała mnie rozmowa."
    )
    body = client_for(organiser).get(
        reverse("jury:tally", args=[debate.edition.year])
    ).content.decode()
    assert "revised after deliberation" in body


def test_revising_needs_a_reason_a_thread_and_the_deliberation_phase(debate):
    with pytest.raises(ValidationError):
        deliberation.revise_score(juror=debate.jb, nomination=debate.nominations[0],
                                  criterion=debate.engagement, value=4, reason="  ")
    with pytest.raises(ValidationError):  # no thread on the third nomination
        deliberation.revise_score(juror=debate.jb, nomination=debate.nominations[2],
                                  criterion=debate.engagement, value=4, reason="Bo tak.")
    change_phase(edition=debate.edition, phase=Phase.JURY_SCORING)
    with pytest.raises(PhaseError):
        deliberation.revise_score(juror=debate.jb, nomination=debate.nominations[0],
                                  criterion=debate.engagement, value=4, reason="Bo tak.")


def test_organisers_open_a_thread_on_any_nomination_and_share_a_post(debate, client_for,
                                                                    organiser):
    client = client_for(organiser)
    other = debate.nominations[2]
    response = client.post(reverse("jury:open_thread", args=[debate.edition.year]),
                           {"nomination": other.pk})
    assert response.status_code == 302 and Thread.objects.filter(nomination=other).exists()
    post = deliberation.add_post(thread=other.thread, author=organiser, text="Omówmy.",
                                 language="pl")
    client.post(reverse("jury:share_post", args=[post.pk]), {"share": "1"})
    post.refresh_from_db()
    assert post.share_with_city is True
    assert client.post(reverse("jury:open_thread", args=[debate.edition.year]),
                       {"nomination": "x' or 1"}).status_code == 404


def test_a_juror_cannot_share_a_post(debate):
    post = deliberation.add_post(thread=debate.thread, author=debate.ja.user, text="Tak.",
                                 language="uk")
    with pytest.raises(ValidationError):
        deliberation.share_with_city(post=post, share=True, by=debate.ja.user)


def test_translators_translate_a_post_without_seeing_who_wrote_it(debate, client_for,
                                                                 translator):
    post = deliberation.add_post(thread=debate.thread, author=debate.jb.user,
                                 text="Moim zdaniem to tylko ulotka.", language="pl")
    url = reverse("jury:translate_post", args=[post.pk])
    client = client_for(translator)
    assert debate.jb.name not in client.get(url).content.decode()
    response = client.post(url, {"language": "en", "text": "In my view, just a leaflet."})
    assert response.status_code == 302
    assert post.translations.get().language == "en"
    assert client.post(url, {"language": "pl", "text": "x"}).status_code == 400


def test_an_empty_post_is_refused_without_a_500(debate, client_for):
    url = reverse("jury:thread", args=[debate.nominations[0].pk])
    response = client_for(debate.ja.user).post(url, {"text": "\u200b ", "language": "uk"})
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_methodology_counts_discussed_nominations_and_changed_scores_per_criterion(debate):
    deliberation.add_post(thread=debate.thread, author=debate.ja.user, text="Tak.",
                          language="uk")
    deliberation.revise_score(juror=debate.jb, nomination=debate.nominations[0],
                              criterion=debate.engagement, value=3, reason="Bo tak.")
    deliberation.revise_score(juror=debate.jb, nomination=debate.nominations[0],
                              criterion=debate.engagement, value=4, reason="Jednak.")
    NominationFactory(edition=debate.edition)
    summary = deliberation.summary(edition=debate.edition, criteria=debate.criteria)
    assert summary.discussed == 1
    assert summary.revised == [(debate.engagement, 1), (debate.durability, 0)]
    debate.edition.phase = Phase.PUBLISHED
    assert methodology(edition=debate.edition).deliberation.revised_total == 1


def test_the_translators_worklist_lists_posts_waiting_for_its_language(debate, client_for,
                                                                      translator):
    post = deliberation.add_post(thread=debate.thread, author=debate.jb.user,
                                 text="Moim zdaniem to tylko ulotka.", language="pl")
    url = reverse("translations:worklist")
    body = client_for(translator).get(url, {"language": "en"}).content.decode()
    assert reverse("jury:translate_post", args=[post.pk]) in body
    deliberation.add_translation(post=post, language="en", text="Just a leaflet.",
                                 by=translator)
    body = client_for(translator).get(url, {"language": "en"}).content.decode()
    assert reverse("jury:translate_post", args=[post.pk]) not in body


def test_nothing_of_the_deliberation_reaches_the_api_or_public_pages(debate, client):
    from tests.factories import AwardFactory

    deliberation.add_post(thread=debate.thread, author=debate.jb.user,
                          text="Sekretna uwaga jurorki.", language="pl")
    deliberation.revise_score(juror=debate.jb, nomination=debate.nominations[0],
                              criterion=debate.engagement, value=4, reason="Powód ukryty.")
    nomination = debate.nominations[0]
    AwardFactory(edition=debate.edition, category=nomination.category,
                 practice=nomination.practice)
    change_phase(edition=debate.edition, phase=Phase.PUBLISHED)
    pages = [
        reverse("api:edition", args=[debate.edition.year]),
        reverse("api:awards"),
        reverse("public:methodology", args=[debate.edition.year]),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        # The jury's names are public; what they wrote and why they changed a score is not.
        assert "Sekretna" not in body and "Powód ukryty" not in body, url


def test_a_conflicted_juror_cannot_revise_through_the_service(debate):
    from jury.models import Conflict

    Conflict.objects.create(juror=debate.jb, nomination=debate.nominations[0], reason="Work")
    with pytest.raises(ValidationError):
        deliberation.revise_score(juror=debate.jb, nomination=debate.nominations[0],
                                  criterion=debate.engagement, value=4, reason="Bo tak.")
