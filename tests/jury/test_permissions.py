"""`juror_of`: the juror row and the juror group in one query, the same answers."""

import pytest
from django.contrib.auth import get_user_model

from jury.permissions import juror_of
from otwarte.access import is_organiser
from tests.factories import JurorFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as a new request would load it: nothing cached on it."""
    return get_user_model().objects.get(pk=user.pk)


def test_juror_and_role_in_one_query(juror_a, django_assert_num_queries):
    juror = JurorFactory(user=juror_a)
    user = fresh(juror_a)
    with django_assert_num_queries(1):
        assert juror_of(user) == juror
        assert juror_of(user) == juror  # kept on the user
        assert user.juror == juror  # the template's user.juror, too
        assert user.juror.user is user


def test_juror_row_without_the_juror_group_is_not_a_juror(organiser, juror_a):
    JurorFactory(user=organiser)
    assert juror_of(fresh(organiser)) is None
    juror_a.groups.clear()
    JurorFactory(user=juror_a)
    assert juror_of(fresh(juror_a)) is None


def test_juror_group_without_juror_row_is_not_a_juror(juror_a):
    assert juror_of(fresh(juror_a)) is None


def test_inactive_juror_is_not_a_juror(juror_a, django_assert_num_queries):
    JurorFactory(user=juror_a)
    juror_a.is_active = False
    juror_a.save()
    user = fresh(juror_a)
    with django_assert_num_queries(0):
        assert juror_of(user) is None


def test_same_answer_when_the_groups_were_read_first(juror_a, organiser):
    juror = JurorFactory(user=juror_a)
    user = fresh(juror_a)
    assert not is_organiser(user)  # reads and keeps the user's groups
    assert juror_of(user) == juror
    JurorFactory(user=organiser)
    user = fresh(organiser)
    assert is_organiser(user)
    assert juror_of(user) is None
