"""A language's texts as a PO file and back (issue 29): a round trip changes nothing."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from translations.enums import TranslationState as State
from translations.models import TranslationStatus

from .test_views import open_practice, status_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def texts():
    reviewed = open_practice(title_pl="Punkt", description_pl="Porady.", title_uk="Пункт",
                             description_uk="")
    status_of(reviewed, "title", "uk").__class__.objects.filter(
        pk=status_of(reviewed, "title", "uk").pk).update(status=State.REVIEWED)
    draft = open_practice(title_pl="Szkoła", description_pl="", title_uk="Школа")
    return reviewed, draft


def _download(client, **filters):
    response = client.get(reverse("translations:download"), {"language": "uk", "status": "all",
                                                             **filters})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response.content


def _upload(client, content, language="uk"):
    return client.post(reverse("translations:upload"), {
        "language": language, "file": SimpleUploadedFile("uk.po", content)})


def _snapshot():
    return sorted(TranslationStatus.objects.values_list("pk", "status", "set_at", "set_by"))


def test_the_file_carries_sources_translations_and_statuses(client_for, translator, texts):
    po = polib.pofile(_download(client_for(translator)).decode())
    entries = {entry.msgid: entry for entry in po}
    assert po.metadata["Language"] == "uk"
    assert entries["Punkt"].msgstr == "Пункт" and "fuzzy" not in entries["Punkt"].flags
    assert entries["Szkoła"].msgstr == "Школа" and "fuzzy" in entries["Szkoła"].flags
    assert entries["Porady."].msgstr == ""  # missing
    assert entries["Punkt"].msgctxt.startswith("practices.practice#")


def test_a_round_trip_leaves_the_database_unchanged(client_for, translator, texts):
    client = client_for(translator)
    before = _snapshot()
    response = _upload(client, _download(client))
    assert response.status_code == 302
    assert _snapshot() == before


def test_translated_in_a_tool_and_back(client_for, translator, texts):
    reviewed, draft = texts
    client = client_for(translator)
    po = polib.pofile(_download(client).decode())
    for entry in po:
        if entry.msgid == "Porady.":
            entry.msgstr = "Поради."  # translated, final
        if entry.msgid == "Szkoła":
            entry.flags.remove("fuzzy")  # reviewed as it is
    assert _upload(client, str(po).encode()).status_code == 302
    assert status_of(reviewed, "description", "uk").status == State.REVIEWED
    reviewed.refresh_from_db()
    assert reviewed.description_uk == "Поради."
    assert status_of(draft, "title", "uk").status == State.REVIEWED


def test_a_changed_source_makes_the_translation_need_review(client_for, translator, texts):
    reviewed, _draft = texts
    client = client_for(translator)
    po = polib.pofile(_download(client).decode())
    reviewed.title_pl = "Punkt dla cudzoziemców"
    reviewed.save()
    for entry in po:
        if entry.msgid == "Punkt":
            entry.msgstr = "Пункт (новий)"
    assert _upload(client, str(po).encode()).status_code == 302
    reviewed.refresh_from_db()
    assert reviewed.title_uk == "Пункт (новий)"
    assert status_of(reviewed, "title", "uk").status == State.NEEDS_REVIEW


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8", b"msgid \"unterminated", b""])
def test_a_bad_file_is_refused_with_a_message(client_for, translator, texts, content):
    before = _snapshot()
    response = _upload(client_for(translator), content)
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert _snapshot() == before


def test_a_file_of_another_language_is_refused(client_for, translator, texts):
    client = client_for(translator)
    response = _upload(client, _download(client), language="ru")
    assert response.status_code == 400
    assert "uk" in response.content.decode()


def test_one_refused_text_saves_nothing(client_for, translator, texts):
    reviewed, _draft = texts
    client = client_for(translator)
    po = polib.pofile(_download(client).decode())
    for entry in po:
        if entry.msgid == "Porady.":
            entry.msgstr = "Поради."
        if entry.msgid == "Punkt":
            entry.msgstr = "x" * 10_000  # longer than the field allows
    response = _upload(client, str(po).encode())
    assert response.status_code == 400
    assert "practices.practice#" in response.content.decode()
    reviewed.refresh_from_db()
    assert not reviewed.description_uk


def test_only_translators_and_organisers(client_for, expert_lublin):
    client = client_for(expert_lublin)
    assert client.get(reverse("translations:download")).status_code == 403
    assert client.get(reverse("translations:upload")).status_code == 403


def _download_xlsx(client):
    response = client.get(reverse("translations:download"),
                          {"language": "uk", "status": "all", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    return response.content


def test_an_xlsx_round_trip_leaves_the_database_unchanged(client_for, translator, texts):
    client = client_for(translator)
    before = _snapshot()
    response = client.post(reverse("translations:upload"), {
        "language": "uk", "file": SimpleUploadedFile("uk.xlsx", _download_xlsx(client))})
    assert response.status_code == 302
    assert _snapshot() == before


def test_translated_in_a_spreadsheet_and_back(client_for, translator, texts):
    import io

    from openpyxl import load_workbook

    reviewed, draft = texts
    client = client_for(translator)
    book = load_workbook(io.BytesIO(_download_xlsx(client)))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == ["key", "text", "source (pl)", "translation (uk)",
                                           "status"]
    for row in sheet.iter_rows(min_row=2):
        if row[2].value == "Porady.":
            row[3].value, row[4].value = "Поради.", "reviewed"
        if row[2].value == "Szkoła":
            row[4].value = "reviewed"
    out = io.BytesIO()
    book.save(out)
    response = client.post(reverse("translations:upload"), {
        "language": "uk", "file": SimpleUploadedFile("uk.xlsx", out.getvalue())})
    assert response.status_code == 302
    reviewed.refresh_from_db()
    assert reviewed.description_uk == "Поради."
    assert status_of(reviewed, "description", "uk").status == State.REVIEWED
    assert status_of(draft, "title", "uk").status == State.REVIEWED


def test_an_xlsx_of_another_language_or_a_broken_zip_is_refused(client_for, translator, texts):
    client = client_for(translator)
    for content in (_download_xlsx(client), b"PK\x03\x04 broken"):
        response = client.post(reverse("translations:upload"), {
            "language": "ru", "file": SimpleUploadedFile("x.xlsx", content)})
        assert response.status_code == 400
