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
        for number, entry in enumerate([MATRIX[key], *MATRIX[key].variants]):
            cells = " | ".join(str(entry.expect[role]) for role in ROLES)
            label = f"`{key}`" if number == 0 else f"`{key}` (variant)"
            print(f"| {label} | {cells} | {entry.notes} |")


if __name__ == "__main__":
    main()
