"""Print the matrix as the Markdown table of docs/permissions.md.

    python -m tests.otwarte.print_permission_table
"""

import os

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()
    from tests.otwarte.permission_matrix import MATRIX, ROLES

    print("| URL pattern | " + " | ".join(ROLES) + " | notes |")
    print("|---|" + "---|" * len(ROLES) + "---|")
    for key in sorted(MATRIX):
        entry = MATRIX[key]
        cells = " | ".join(str(entry.expect[role]) for role in ROLES)
        print(f"| `{key}` | {cells} | {entry.notes} |")


if __name__ == "__main__":
    main()
