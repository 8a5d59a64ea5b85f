"""Expert reports offer the categories of the report's edition (issue 17)."""

import pytest
from django.urls import reverse

from tests.factories import CategoryFactory

from .test_admin_workflow import _change_form_data

pytestmark = pytest.mark.django_db


def _category_choices(response, prefix):
    for formset in response.context["inline_admin_formsets"]:
        if formset.formset.prefix == prefix:
            return set(formset.formset.empty_form.fields["category"].queryset)
    raise AssertionError(prefix)


def test_report_rows_offer_only_the_editions_categories(client_for, report_lublin, expert_lublin):
    ours, other = CategoryFactory(code="nasza"), CategoryFactory(code="obca")
    report_lublin.edition.categories.set([ours])
    response = client_for(expert_lublin).get(
        reverse("admin:reports_report_change", args=[report_lublin.pk])
    )
    assert _category_choices(response, "proposals") == {ours}
    assert _category_choices(response, "practices") == {ours}
    assert other not in _category_choices(response, "proposals")


def test_proposed_nomination_in_a_foreign_category_is_refused_in_the_admin(
    client_for, report_lublin, expert_lublin, new_practice_lublin
):
    ours, other = CategoryFactory(code="nasza"), CategoryFactory(code="obca")
    report_lublin.edition.categories.set([ours])
    client = client_for(expert_lublin)
    data = _change_form_data(client, report_lublin)
    data.update({
        "proposals-TOTAL_FORMS": "1",
        "proposals-0-practice": new_practice_lublin.pk,
        "proposals-0-category": other.pk,
        "proposals-0-justification_pl": "Uzasadnienie.",
    })
    response = client.post(reverse("admin:reports_report_change", args=[report_lublin.pk]), data)
    assert response.status_code == 200  # the form again, with the error
    assert not report_lublin.proposals.exists()
