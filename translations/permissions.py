"""Who may use the worklist: translators, and organisers (who oversee it).

The predicates are the project's one vocabulary (otwarte.access)."""

from otwarte.access import can_translate, is_translator

__all__ = ["can_translate", "is_translator"]
