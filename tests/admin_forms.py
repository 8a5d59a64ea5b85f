"""The Django admin's change form as a browser would post it back."""

from django.db.models import Model, QuerySet


def _post_value(value):
    if isinstance(value, (list, tuple, QuerySet)):
        return [getattr(item, "pk", item) for item in value]
    if isinstance(value, Model):
        return value.pk
    return "" if value is None else value


def change_form_data(response):
    """Every field of the admin form and of each inline (management forms included),
    with their initial values: what pressing Save without changes would send."""
    form = response.context["adminform"].form
    data = {name: _post_value(form.initial.get(name, field.initial))
            for name, field in form.fields.items()}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for index, inline_form in enumerate(formset.forms):
            for name, field in inline_form.fields.items():
                value = inline_form.initial.get(name, field.initial)
                data[f"{formset.prefix}-{index}-{name}"] = _post_value(value)
    return data
