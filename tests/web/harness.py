"""The parts of the browser tests that are not scenarios: the real server, the
test photos it is given and the headless Chromium that drives the page."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CACHE = os.environ.get("FACESEARCH_CACHE", os.path.expanduser("~/.cache/facesearch"))
PHOTOS = os.path.join(CACHE, "test-images")
BIN = os.environ["FACESEARCH_BIN"]
SHOTS = os.environ.get("FACESEARCH_WEB_SCREENSHOTS", os.path.abspath(".build/web-screenshots"))
WAIT = float(os.environ.get("FACESEARCH_WEB_WAIT", "90"))
# Network errors the scenarios provoke on purpose (a wrong key, a text file, a photo without a face).
EXPECTED_CONSOLE = ("status of 401", "status of 415", "status of 422")


class Server:
    """`facesearch serve` on a free port over a fresh data folder, with one admin key."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="facesearch-web-")
        self.data = os.path.join(self.folder, "data")
        self.key = subprocess.run(
            [BIN, "keys", "create", "--name", "web-test", "--scope", "admin", "--data", self.data],
            check=True, capture_output=True, text=True).stdout.strip().split()[-1]
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(self.folder, "serve.log"), "w")
        self.process = subprocess.Popen(
            [BIN, "serve", "--port", str(self.port), "--data", self.data], stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/health", timeout=2)
                return
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None:
                    break
                time.sleep(0.3)
        raise RuntimeError(f"facesearch serve did not start; log: {self.folder}/serve.log")

    def api(self, method, path, body=None, content_type=None):
        headers = {"Authorization": f"Bearer {self.key}"}
        if isinstance(body, dict):
            body, content_type = json.dumps(body).encode(), "application/json"
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(self.url + path, data=body, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read())

    def index(self, collection, photo, label):
        with open(os.path.join(PHOTOS, photo), "rb") as file:
            return self.api("POST", f"/v1/collections/{collection}/faces?label={label}&faces=largest",
                            file.read(), "image/jpeg")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def make_photos(folder):
    """A photo of two people (obama2 beside biden), a photo without a face, and a text file."""
    left = Image.open(os.path.join(PHOTOS, "obama2.jpg")).convert("RGB")
    right = Image.open(os.path.join(PHOTOS, "biden.jpg")).convert("RGB")
    height = 600
    left = left.resize((round(left.width * height / left.height), height))
    right = right.resize((round(right.width * height / right.height), height))
    pair = Image.new("RGB", (left.width + right.width, height), "white")
    pair.paste(left, (0, 0))
    pair.paste(right, (left.width, 0))
    paths = {"pair": os.path.join(folder, "obama-and-biden.jpg"), "blank": os.path.join(folder, "wall.jpg"),
             "text": os.path.join(folder, "notes.txt")}
    pair.save(paths["pair"], quality=90)
    Image.new("RGB", (400, 300), (190, 180, 170)).save(paths["blank"], quality=90)
    with open(paths["text"], "w") as file:
        file.write("this is not a photo\n")
    return paths


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                     "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                     "--force-prefers-reduced-motion", "--lang=en-US"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)
