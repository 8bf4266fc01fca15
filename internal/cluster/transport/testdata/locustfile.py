# A small Locust test for gust's wire-protocol integration test: a page, a
# page that fails (404) and a task that raises.
from locust import HttpUser, constant, task


class WebUser(HttpUser):
    wait_time = constant(0.05)

    @task(4)
    def index(self):
        self.client.get("/")

    @task(2)
    def missing(self):
        self.client.get("/missing")

    @task(1)
    def boom(self):
        raise RuntimeError("task exception example")
