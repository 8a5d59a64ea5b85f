"""Load test scenario: visitors browsing the public site (run by `make loadtest`).

Jurors saving scores join here when the jury pages exist: add a `JurorScorer`
HttpUser that logs in as one of five jurors and posts scores, and let
bench/loadtest.py compare scores written with scores expected.
"""

import random
import re

from locust import HttpUser, between, task

LANGUAGES = ["pl", "en", "uk", "ru"]
PRACTICE_LINK = re.compile(r'href="(/[a-z]{2}/practices/[^"/]+/[^"/]+/)"')


class PublicVisitor(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self):
        self.language = random.choice(LANGUAGES)
        response = self.client.get(f"/{self.language}/", name="/<lang>/")
        self.practices = sorted(set(PRACTICE_LINK.findall(response.text))) or [None]

    @task(3)
    def home(self):
        self.client.get(f"/{random.choice(LANGUAGES)}/", name="/<lang>/")

    @task(6)
    def practice(self):
        url = random.choice(self.practices)
        if url:
            self.client.get(url, name="/<lang>/practices/<city>/<slug>/")

    @task(1)
    def stylesheet(self):
        self.client.get("/static/css/site.css", name="/static/css/site.css")

    @task(1)
    def missing_page(self):
        with self.client.get(
            f"/{self.language}/practices/nie-ma/takiej-praktyki/",
            name="404",
            catch_response=True,
        ) as response:
            if response.status_code == 404:
                response.success()
            else:
                response.failure(f"expected 404, got {response.status_code}")
