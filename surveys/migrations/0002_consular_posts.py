"""The consular pilot's reference data: the Polish consular posts in the six
Eastern Partnership countries. Organisers edit them in the admin afterwards;
re-running leaves edited rows alone (get_or_create by kind and slug)."""

from django.db import migrations

POSTS = [
    # slug, country, pl, en, uk, ru
    ("kyiv", "UA", "Kijów", "Kyiv", "Київ", "Киев"),
    ("kharkiv", "UA", "Charków", "Kharkiv", "Харків", "Харьков"),
    ("lviv", "UA", "Lwów", "Lviv", "Львів", "Львов"),
    ("lutsk", "UA", "Łuck", "Lutsk", "Луцьк", "Луцк"),
    ("odesa", "UA", "Odessa", "Odesa", "Одеса", "Одесса"),
    ("vinnytsia", "UA", "Winnica", "Vinnytsia", "Вінниця", "Винница"),
    ("minsk", "BY", "Mińsk", "Minsk", "Мінськ", "Минск"),
    ("brest", "BY", "Brześć", "Brest", "Брест", "Брест"),
    ("grodno", "BY", "Grodno", "Grodno", "Гродно", "Гродно"),
    ("chisinau", "MD", "Kiszyniów", "Chișinău", "Кишинів", "Кишинёв"),
    ("tbilisi", "GE", "Tbilisi", "Tbilisi", "Тбілісі", "Тбилиси"),
    ("yerevan", "AM", "Erywań", "Yerevan", "Єреван", "Ереван"),
    ("baku", "AZ", "Baku", "Baku", "Баку", "Баку"),
]


def add_posts(apps, schema_editor):
    Target = apps.get_model("surveys", "Target")
    for order, (slug, country, pl, en, uk, ru) in enumerate(POSTS, start=1):
        Target.objects.get_or_create(
            kind="consular",
            slug=slug,
            defaults={
                "country": country,
                "order": order,
                "name": pl,
                "name_pl": pl,
                "name_en": en,
                "name_uk": uk,
                "name_ru": ru,
            },
        )


def remove_posts(apps, schema_editor):
    Target = apps.get_model("surveys", "Target")
    Target.objects.filter(
        kind="consular", slug__in=[p[0] for p in POSTS], responses__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(add_posts, remove_posts)]
