"""SQL queries per pretalx page, as run.py's probe counts Otwarte's: the test client
through pretalx's whole stack, anonymous, one warm-up request first. Reads the page
URLs as JSON on stdin ({"name": [path, accept]}); prints {"name": queries}."""

import json
import sys


def main():
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    pages = json.loads(sys.stdin.read())
    client = Client(SERVER_NAME="127.0.0.1")
    counts = {}
    for name, (path, accept) in pages.items():
        client.get(path, headers={"accept": accept})
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, headers={"accept": accept})
        counts[name] = len(ctx.captured_queries) if response.status_code == 200 else None
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
