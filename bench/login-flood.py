#!/usr/bin/env python3
"""Login flood: N concurrent wrong-password logins from N addresses, and the app's memory.

    python3 bench/login-flood.py                 # 200 logins against a fresh release binary
    LOGINS=400 python3 bench/login-flood.py
    ABIERTO_HASH_QUEUE=1000 python3 bench/login-flood.py   # settings pass through to the app

Starts ./target/release/abierto (build it first: cargo build --release) on its own private
PostgreSQL under a fresh data folder in /tmp (DATA), on 127.0.0.1:PORT, with
ABIERTO_TRUST_X_FORWARDED_FOR=true so that each login can come from its own address. Each
login first GETs /login (its own session cookie and form token), then all POST /login at once
(a barrier). The app's VmRSS is sampled every 10 ms from /proc: before, peak (and VmHWM),
and after (2 s later). Prints the status codes and the figures; exits 1 when a request got no
answer (a dropped connection or a timeout) or got a status other than 401, 429 or 503.
Only loopback is contacted. URL=http://127.0.0.1:PORT with PID=<app pid> measures an app that
is already running instead.
"""

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

LOGINS = int(os.environ.get("LOGINS", "200"))
PORT = int(os.environ.get("PORT", "18300"))
DATA = os.environ.get("DATA", f"/tmp/abierto-login-flood-{os.getpid()}")
BIN = os.environ.get("BIN", "./target/release/abierto")
TIMEOUT = float(os.environ.get("TIMEOUT", "60"))
EMAIL = os.environ.get("EMAIL", "")  # an existing account to aim at; default: unknown emails


def rss_kib(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def address(i):
    """A distinct client address for login i (documentation prefix, only ever a header)."""
    return f"2001:db8::{i + 1:x}"


def start_app():
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    if not os.path.exists(BIN):
        sys.exit(f"{BIN} missing: run cargo build --release first")
    env = dict(os.environ)
    env.update(
        ABIERTO_DATA=DATA,
        ABIERTO_BIND=f"127.0.0.1:{PORT}",
        ABIERTO_TRUST_X_FORWARDED_FOR="true",
        ABIERTO_LOG_FORMAT="json",
        RUST_LOG=env.get("RUST_LOG", "warn"),
    )
    log = open(f"{DATA}.log", "w")
    app = subprocess.Popen([BIN, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 300
    while time.time() < deadline:
        if app.poll() is not None:
            sys.exit(f"the app stopped: see {DATA}.log")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/login")
            if conn.getresponse().status == 200:
                return app
        except OSError:
            pass
        time.sleep(0.5)
    app.kill()
    sys.exit("the app did not answer within 300 s")


def login_form(i):
    """A session cookie and form token of its own, as a browser at address(i) gets them."""
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=TIMEOUT)
    conn.request("GET", "/login", headers={"X-Forwarded-For": address(i)})
    response = conn.getresponse()
    body = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrf" value="([^"]+)"', body).group(1)
    return conn, cookie, token


def main():
    app = None
    if os.environ.get("URL"):
        pid = int(os.environ["PID"])
    else:
        app = start_app()
        pid = app.pid
    try:
        time.sleep(1)
        before = rss_kib(pid)
        forms = [login_form(i) for i in range(LOGINS)]
        statuses = Counter()
        retry_after = Counter()
        lock = threading.Lock()
        barrier = threading.Barrier(LOGINS + 1)
        peak = [before]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], rss_kib(pid))
                time.sleep(0.01)

        def attempt(i):
            conn, cookie, token = forms[i]
            email = EMAIL or f"nobody{i}@example.org"
            body = f"csrf={token}&email={email}&password=wrong-password-{i}"
            barrier.wait()
            try:
                conn.request(
                    "POST",
                    "/login",
                    body=body,
                    headers={
                        "Cookie": cookie,
                        "Content-Type": "application/x-www-form-urlencoded",
                        "X-Forwarded-For": address(i),
                    },
                )
                response = conn.getresponse()
                response.read()
                outcome = str(response.status)
                wait = response.getheader("Retry-After")
            except (OSError, http.client.HTTPException) as e:
                outcome, wait = f"no answer ({type(e).__name__})", None
            with lock:
                statuses[outcome] += 1
                if wait:
                    retry_after[wait] += 1

        sampler = threading.Thread(target=sample)
        sampler.start()
        threads = [threading.Thread(target=attempt, args=(i,)) for i in range(LOGINS)]
        for t in threads:
            t.start()
        started = time.time()
        barrier.wait()
        for t in threads:
            t.join()
        took = time.time() - started
        time.sleep(2)
        done.set()
        sampler.join()
        after = rss_kib(pid)
        hwm = rss_kib(pid, "VmHWM")

        mb = lambda kib: f"{kib / 1024:.1f} MB"
        print(f"{LOGINS} concurrent logins from {LOGINS} addresses in {took:.2f} s")
        print("status codes: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
        if retry_after:
            print("Retry-After: " + ", ".join(f"{k} s: {v}" for k, v in sorted(retry_after.items())))
        print(
            f"VmRSS before {mb(before)}, peak {mb(peak[0])} (VmHWM {mb(hwm)}), "
            f"after {mb(after)}"
        )
        bad = {k: v for k, v in statuses.items() if k not in ("401", "429", "503")}
        if bad:
            print(f"FAILED: unexpected answers {bad}")
            return 1
        return 0
    finally:
        if app is not None:
            app.send_signal(signal.SIGTERM)
            try:
                app.wait(timeout=30)
            except subprocess.TimeoutExpired:
                app.kill()
            if not os.environ.get("KEEP"):
                shutil.rmtree(DATA, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
