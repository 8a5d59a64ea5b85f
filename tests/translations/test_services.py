"""The translation statuses: derived from the texts, kept by the save path."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from practices.enums import Phase
from tests.factories import (
    AwardFactory,
    CriterionFactory,
    EditionFactory,
    NominationFactory,
    PracticeFactory,
    UserFactory,
)
from translations import services
from translations.enums import TranslationState as State
from translations.models import TranslationStatus
from translations.registry import JURY_READS, PUBLIC_READS


def states(obj, field):
    return dict(
        TranslationStatus.objects.for_object(obj).filter(field=field)
        .values_list("language", "status")
    )


@pytest.mark.django_db
def test_new_text_has_a_missing_status_per_language():
    practice = PracticeFactory(title_pl="Punkt", description_pl="Opis", title_en="Point")
    assert states(practice, "title") == {"en": State.DRAFT, "uk": State.MISSING,
                                         "ru": State.MISSING}
    assert states(practice, "description") == dict.fromkeys(["en", "uk", "ru"], State.MISSING)


@pytest.mark.django_db
def test_empty_source_has_nothing_to_translate():
    practice = PracticeFactory(title_pl="", description_pl="Opis")
    assert states(practice, "title") == {}
    practice.title_pl = "Tytuł"
    practice.save()
    assert states(practice, "title") == dict.fromkeys(["en", "uk", "ru"], State.MISSING)
    practice.title_pl = ""
    practice.save()
    assert states(practice, "title") == {}


@pytest.mark.django_db
def test_editing_the_polish_source_marks_translations_needs_review():
    translator = UserFactory()
    practice = PracticeFactory(title_pl="Punkt", title_en="Point", title_uk="Пункт")
    status = TranslationStatus.objects.for_object(practice).get(field="title", language="en")
    services.save_translation(status=status, text="Point", user=translator, reviewed=True)
    assert states(practice, "title")["en"] == State.REVIEWED

    practice.refresh_from_db()
    practice.title_pl = "Punkt konsultacyjny"
    practice.save()
    assert states(practice, "title") == {"en": State.NEEDS_REVIEW, "uk": State.NEEDS_REVIEW,
                                         "ru": State.MISSING}
    status.refresh_from_db()
    assert status.set_by is None  # the system set it


@pytest.mark.django_db
def test_saving_other_fields_keeps_the_statuses():
    practice = PracticeFactory(title_pl="Punkt", title_en="Point")
    status = TranslationStatus.objects.for_object(practice).get(field="title", language="en")
    services.save_translation(status=status, text="Point", user=UserFactory(), reviewed=True)
    practice.refresh_from_db()
    practice.description_pl = "Nowy opis"  # another field's source
    practice.save()
    assert states(practice, "title")["en"] == State.REVIEWED


@pytest.mark.django_db
def test_a_reviewed_translation_changed_elsewhere_is_a_draft_again():
    practice = PracticeFactory(title_pl="Punkt", title_en="Point")
    status = TranslationStatus.objects.for_object(practice).get(field="title", language="en")
    services.save_translation(status=status, text="Point", user=UserFactory(), reviewed=True)
    practice.refresh_from_db()
    practice.title_en = "Info point"  # e.g. in the admin
    practice.save()
    assert states(practice, "title")["en"] == State.DRAFT


@pytest.mark.django_db
def test_save_translation_writes_the_text_and_who():
    translator = UserFactory(username="tanja")
    practice = PracticeFactory(title_pl="Punkt")
    status = TranslationStatus.objects.for_object(practice).get(field="title", language="uk")
    saved = services.save_translation(status=status, text=" Пункт ", user=translator,
                                      reviewed=False)
    practice.refresh_from_db()
    assert (practice.title_uk, saved.status, saved.set_by) == ("Пункт", State.DRAFT, translator)


@pytest.mark.django_db
def test_save_translation_refuses_an_empty_reviewed_text():
    practice = PracticeFactory(title_pl="Punkt")
    status = TranslationStatus.objects.for_object(practice).get(field="title", language="uk")
    with pytest.raises(ValidationError):
        services.save_translation(status=status, text="  ", user=UserFactory(), reviewed=True)


@pytest.mark.django_db
def test_save_translation_refuses_a_text_over_the_limit():
    practice = PracticeFactory(title_pl="Punkt")
    status = TranslationStatus.objects.for_object(practice).get(field="title", language="uk")
    with pytest.raises(ValidationError):
        services.save_translation(status=status, text="я" * 501, user=UserFactory(),
                                  reviewed=False)
    practice.refresh_from_db()
    assert not practice.title_uk


@pytest.mark.django_db
def test_scale_labels_keep_the_number_of_lines():
    criterion = CriterionFactory(scale_labels_pl="słabo\nśrednio\ndobrze")
    status = TranslationStatus.objects.for_object(criterion).get(field="scale_labels",
                                                               language="en")
    with pytest.raises(ValidationError):
        services.save_translation(status=status, text="weak\ngood", user=UserFactory(),
                                  reviewed=False)
    services.save_translation(status=status, text="weak\nfair\ngood", user=UserFactory(),
                              reviewed=True)
    assert states(criterion, "scale_labels")["en"] == State.REVIEWED


@pytest.mark.django_db
def test_deleting_an_object_removes_its_statuses():
    practice = PracticeFactory(title_pl="Punkt")
    assert TranslationStatus.objects.for_object(practice).count() == 6  # 2 fields × 3
    pk = practice.pk
    practice.delete()
    practice.pk = pk
    assert TranslationStatus.objects.for_object(practice).count() == 0


@pytest.mark.django_db
def test_one_status_per_text_and_language_is_a_constraint():
    practice = PracticeFactory(title_pl="Punkt")
    content_type = ContentType.objects.get_for_model(practice)
    with pytest.raises(IntegrityError), transaction.atomic():
        TranslationStatus.objects.create(content_type=content_type, object_id=practice.pk,
                                         field="title", language="en")


@pytest.mark.django_db
def test_polish_has_no_status_by_constraint():
    practice = PracticeFactory(title_pl="Punkt")
    content_type = ContentType.objects.get_for_model(practice)
    with pytest.raises(IntegrityError), transaction.atomic():
        TranslationStatus.objects.create(content_type=content_type, object_id=practice.pk,
                                         field="title", language="pl")


@pytest.mark.django_db
def test_sync_all_restores_statuses_lost_to_bulk_writes():
    practice = PracticeFactory(title_pl="Punkt", title_en="Point")
    TranslationStatus.objects.all().delete()
    services.sync_all(imported=True)
    assert states(practice, "title")["en"] == State.NEEDS_REVIEW


def test_2015_fixture_translations_need_review(edition_2015):
    rows = services.scoped(TranslationStatus.objects.all(), PUBLIC_READS, edition_2015)
    assert rows.exists()
    assert set(rows.values_list("status", flat=True)) <= {State.NEEDS_REVIEW, State.MISSING}
    per_language = services.counts(edition=edition_2015, scope=PUBLIC_READS,
                                   languages=["en", "uk", "ru"])
    for language, counter in per_language.items():
        assert counter[State.NEEDS_REVIEW] > 0, language
        assert counter[State.REVIEWED] == 0, language


def test_loading_the_2015_fixture_twice_keeps_the_statuses(edition_2015):
    from django.core.management import call_command

    before = sorted(TranslationStatus.objects.values_list("object_id", "field", "language",
                                                          "status"))
    call_command("loaddata", "reference", "edition_2015", verbosity=0)
    after = sorted(TranslationStatus.objects.values_list("object_id", "field", "language",
                                                         "status"))
    assert after == before


@pytest.mark.django_db
def test_counts_count_missing_per_language_in_what_jurors_read():
    edition = EditionFactory()
    practice = PracticeFactory(title_pl="Punkt", description_pl="Opis", title_uk="Пункт")
    NominationFactory(edition=edition, practice=practice, justification_pl="Bo tak")
    CriterionFactory(edition=edition, name_pl="Wpływ", name_uk="Вплив", description_pl="",
                     scale_labels_pl="")
    result = services.counts(edition=edition, scope=JURY_READS, languages=["uk", "pl"])
    assert list(result) == ["uk"]  # Polish is the source, never counted
    assert result["uk"][State.DRAFT] == 2  # the practice's title, the criterion's name
    assert result["uk"][State.MISSING] >= 2  # description, justification (and the category)


@pytest.mark.django_db
def test_counts_read_the_text_when_a_status_is_lost():
    edition = EditionFactory()
    AwardFactory(edition=edition, recommendation_pl="Polecamy", recommendation_en="We recommend")
    TranslationStatus.objects.all().delete()  # as after a bulk write
    result = services.counts(edition=edition, scope={**PUBLIC_READS}, languages=["en"])
    assert result["en"][State.DRAFT] >= 1
    assert result["en"][State.MISSING] >= 1


@pytest.mark.django_db
def test_save_translation_writes_only_its_column():
    practice = PracticeFactory(title_pl="Punkt", description_pl="Opis")
    status = TranslationStatus.objects.for_object(practice).get(field="title", language="en")
    # Someone else changes the description meanwhile; the translator's save keeps it.
    type(practice).objects.filter(pk=practice.pk).update(description_pl="Nowy opis")
    services.save_translation(status=status, text="Point", user=UserFactory(), reviewed=False)
    practice.refresh_from_db()
    assert (practice.title_en, practice.description_pl) == ("Point", "Nowy opis")


@pytest.mark.django_db
def test_a_translation_makes_the_practice_findable_in_that_language():
    # Not yet published: a published text changes only back in deliberation.
    award = AwardFactory(practice=PracticeFactory(title_pl="Punkt"),
                         edition=EditionFactory(phase=Phase.DELIBERATION))
    status = TranslationStatus.objects.for_object(award.practice).get(field="title",
                                                                    language="uk")
    services.save_translation(status=status, text="Пункт", user=UserFactory(), reviewed=True)
    award.refresh_from_db()
    assert "пункт" in award.search_text


@pytest.mark.django_db
def test_migration_marks_texts_of_an_existing_database_needs_review():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("translations.migrations.0002_statuses_of_existing_texts")
    practice = PracticeFactory(title_pl="Punkt", title_en="Point", description_pl="")
    TranslationStatus.objects.all().delete()  # as before the workflow existed
    migration.mark(apps, None)
    assert states(practice, "title") == {"en": State.NEEDS_REVIEW, "uk": State.MISSING,
                                         "ru": State.MISSING}
    assert states(practice, "description") == {}
