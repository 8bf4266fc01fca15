# The Locust side of bench/run: a FastHttpUser that GETs BENCH_PATH on the
# host, waiting 0.95 to 1.05 s between requests when BENCH_WAIT is 1 and not
# at all otherwise.
import os

from locust import FastHttpUser, between, constant, task


class BenchUser(FastHttpUser):
    path = os.environ.get("BENCH_PATH", "/index.txt")
    wait_time = between(0.95, 1.05) if os.environ.get("BENCH_WAIT") == "1" else constant(0)

    @task
    def get(self):
        self.client.get(self.path)
