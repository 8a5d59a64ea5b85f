"""Who may use the worklist: translators, and organisers (who oversee it)."""

from otwarte.roles import Role, has_role


def is_translator(user):
    return has_role(user, Role.TRANSLATOR)


def can_translate(user):
    return is_translator(user) or has_role(user, Role.ORGANISER)
