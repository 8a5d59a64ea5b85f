"""Every free-text field has a maximum length, in the model and in its forms."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

# Written by the program, not by people.
MACHINE_TEXT = {
    ("booklet", "bookletrender", "html"),
    ("booklet", "bookletrender", "error"),
    ("practices", "award", "search_text"),
}


def user_text_fields():
    for app in ["practices", "reports", "jury", "booklet"]:
        for model in apps.get_app_config(app).get_models():
            if model._meta.label_lower.split(".")[1].startswith("historical"):
                continue
            for field in model._meta.concrete_fields:
                key = (app, model._meta.model_name, field.name)
                if isinstance(field, models.TextField) and key not in MACHINE_TEXT:
                    yield key, field


def test_every_free_text_field_is_bounded_in_model_and_form():
    unbounded = [key for key, field in user_text_fields() if not field.max_length]
    assert unbounded == []
    unvalidated = [
        key for key, field in user_text_fields()
        if not any(getattr(v, "limit_value", None) == field.max_length for v in field.validators)
    ]
    assert unvalidated == []


def test_practice_description_of_one_megabyte_is_refused_by_full_clean(db):
    practice = PracticeFactory()
    practice.description_pl = "x" * 1_000_000
    with pytest.raises(ValidationError) as excinfo:
        practice.full_clean()
    assert "Ensure this value has at most 10000 characters" in str(excinfo.value)


def test_admin_refuses_a_one_megabyte_description_with_a_clear_message(client_for, organiser):
    practice = PracticeFactory(description_pl="Krótki opis")
    url = reverse("admin:practices_practice_change", args=[practice.pk])
    page = client_for(organiser).get(url)
    form = page.context["adminform"].form
    assert form.fields["description_pl"].max_length == 10000
    assert 'maxlength="10000"' in page.content.decode()
    data = {"city": practice.city_id, "slug": practice.slug, "title_pl": practice.title_pl,
            "description_pl": "x" * 1_000_000, "initiator": practice.initiator,
            "follow_up_status": practice.follow_up_status}
    response = client_for(organiser).post(url, data)
    assert response.status_code == 200
    assert "Ensure this value has at most 10000 characters" in response.content.decode()
    practice.refresh_from_db()
    assert practice.description_pl == "Krótki opis"
