"""Browser tests of the web page: headless Chromium against a real `facesearch serve`.

Run through tests/web/run.sh (which installs chromium, chromium-driver and
selenium, and builds the binary). Environment: FACESEARCH_BIN (the
executable), FACESEARCH_CACHE (models and test photos), FACESEARCH_WEB_SCREENSHOTS
(where the screenshots go; printed at the start).
"""

import os
import shutil
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request

from PIL import Image
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


from harness import EXPECTED_CONSOLE, PHOTOS, SHOTS, WAIT, Server, browser, make_photos

class Scenarios:
    def __init__(self, server, driver, photos):
        self.server, self.driver, self.photos = server, driver, photos
        self.wait = WebDriverWait(driver, WAIT)

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def shot(self, name):
        path = os.path.join(SHOTS, f"{name}.png")
        self.driver.save_screenshot(path)
        print(f"    screenshot {path}")

    def tab(self, name):
        self.find(f"#tab-{name}").click()
        self.wait.until(lambda d: self.find(f"#{name}").is_displayed())

    def text_of(self, css):
        return self.find(css).text

    # 1. The key prompt: a wrong key is refused in words, the right one opens the collections.
    def key_prompt(self):
        self.driver.get(self.server.url + "/")
        dialog = self.wait.until(EC.visibility_of_element_located((By.ID, "key-dialog")))
        assert "API key" in dialog.text
        self.shot("01-key-prompt")
        self.find("#key-input").send_keys("fsk_0000000000000000_" + "0" * 64, Keys.ENTER)
        self.wait.until(lambda d: self.find("#key-error").is_displayed())
        assert "unknown or revoked" in self.text_of("#key-error"), self.text_of("#key-error")
        self.shot("02-key-refused")
        self.find("#key-input").send_keys(self.server.key, Keys.ENTER)
        self.wait.until(lambda d: "people" in self.text_of("#collection"))
        assert not self.find("#key-dialog").is_displayed()
        assert self.server.key not in self.driver.current_url
        stored = self.driver.execute_script("return sessionStorage.getItem('facesearch.key')")
        assert stored == self.server.key

    # 2. A photo of obama finds obama first, with a box, a score and the time.
    def search_finds_the_person(self):
        self.tab("search")
        self.find("#search-file").send_keys(os.path.join(PHOTOS, "obama2.jpg"))
        self.wait.until(lambda d: self.all("#search-matches .match"))
        first = self.all("#search-matches .match")[0]
        assert first.get_attribute("data-label") == "obama", first.text
        assert len(self.all("#search-boxes .box")) == 1
        assert "searched people in" in self.text_of("#search-status")
        score = float(first.find_element(By.CSS_SELECTOR, ".score-value").text)
        assert 0.5 <= score <= 1, score
        self.wait.until(lambda d: d.execute_script(
            "return [...document.querySelectorAll('#search-matches img')].every(i => i.complete && i.naturalWidth > 0)"))
        self.shot("03-search")
        first.find_element(By.CSS_SELECTOR, "button.link").click()
        self.wait.until(lambda d: self.find("#photo-dialog").is_displayed())
        self.wait.until(lambda d: d.execute_script("return document.querySelector('#photo-full').naturalWidth > 0"))
        self.shot("04-stored-photo")
        self.find("#photo-dialog button[value=close]").click()

    # 3. Two faces: two boxes, the largest selected; the other box shows other matches.
    def two_faces_switch(self):
        self.find("#search-file").send_keys(self.photos["pair"])
        self.wait.until(lambda d: len(self.all("#search-boxes .box")) == 2 and self.all("#search-matches .match"))
        boxes = self.all("#search-boxes .box")
        assert boxes[0].get_attribute("aria-pressed") == "true"
        before = self.all("#search-matches .match")[0].get_attribute("data-label")
        boxes[1].click()
        self.wait.until(lambda d: self.all("#search-boxes .box")[1].get_attribute("aria-pressed") == "true")
        after = self.all("#search-matches .match")[0].get_attribute("data-label")
        assert {before, after} == {"obama", "biden"}, (before, after)
        self.shot("05-search-two-faces")
        # Keyboard: the boxes are buttons.
        self.all("#search-boxes .box")[0].send_keys(Keys.ENTER)
        self.wait.until(lambda d: self.all("#search-boxes .box")[0].get_attribute("aria-pressed") == "true")

    # A threshold nobody reaches: a clear no-match state, not an empty page.
    def no_match_is_said(self):
        self.driver.execute_script(
            "const t = document.querySelector('#search-threshold'); t.value = '0.99';"
            "t.dispatchEvent(new Event('input')); t.dispatchEvent(new Event('change'));")
        self.wait.until(lambda d: "No stored face scored" in self.text_of("#search-matches"))
        assert self.text_of("#search-threshold-value") == "0.99"
        self.shot("06-search-no-match")
        self.driver.execute_script(
            "const t = document.querySelector('#search-threshold'); t.value = '0.5';"
            "t.dispatchEvent(new Event('input'));")

    # A webcam snapshot (Chromium's fake camera, which shows no face) is searched like a file.
    def webcam_snapshot_is_searched(self):
        self.find("#search-camera").click()
        self.wait.until(lambda d: self.find("#search-camera-panel").is_displayed() and d.execute_script(
            "return document.querySelector('#search-video').videoWidth > 0"))
        self.find("#search-snap").click()
        self.wait.until(lambda d: "No face was found" in self.text_of("#search-status"))
        assert not self.find("#search-camera-panel").is_displayed()
        assert self.driver.execute_script("return document.querySelector('#search-video').srcObject") is None

    # 4. A file that is not a photo: the error in words, no stale results.
    def invalid_file_is_explained(self):
        self.find("#search-file").send_keys(self.photos["text"])
        self.wait.until(lambda d: "error" in self.find("#search-status").get_attribute("class"))
        message = self.text_of("#search-status")
        assert "not a photo" in message, message
        assert not self.all("#search-matches .match")
        self.shot("07-search-invalid-file")

    # 5. Gallery: add photos with a label (progress and summary), then delete that person.
    def gallery_add_and_delete(self):
        self.tab("gallery")
        self.wait.until(lambda d: self.all("#browse-grid .card"))
        self.shot("08-gallery")
        files = [os.path.join(PHOTOS, "obama3.jpg"), os.path.join(PHOTOS, "32bit.png"), self.photos["blank"]]
        self.find("#upload-files").send_keys("\n".join(files))
        self.find("#upload-label").send_keys("visitor")
        self.find("#upload-button").click()
        self.wait.until(lambda d: self.text_of("#upload-summary").startswith("Done"))
        summary = self.text_of("#upload-summary")
        assert "2 face(s) added" in summary and "1 failed" in summary, summary
        failed = self.find('#upload-list li[data-file="wall.jpg"]').text
        assert "no face" in failed, failed
        self.shot("09-gallery-upload")
        self.driver.find_element(By.CSS_SELECTOR, 'input[name="browse"][value="people"]').click()
        self.wait.until(lambda d: self.all('#browse-grid .person[data-label="visitor"]'))
        self.shot("10-gallery-people")
        person = self.find('#browse-grid .person[data-label="visitor"]')
        person.find_element(By.XPATH, ".//button[starts-with(text(), 'Delete person')]").click()
        self.wait.until(lambda d: self.find("#confirm-dialog").is_displayed())
        assert "visitor" in self.text_of("#confirm-text")
        self.shot("11-gallery-confirm")
        self.find("#confirm-ok").click()
        self.wait.until(lambda d: self.all('#browse-grid .person') and
                        not self.all('#browse-grid .person[data-label="visitor"]'))
        faces = self.server.api("GET", "/v1/collections/people/faces?label=visitor")["faces"]
        assert faces == [], faces

    # 6. The map: one point per face, a face on hover, colors by cluster.
    def map_has_one_point_per_face(self):
        total = self.server.api("GET", "/v1/collections/people")["faces"]
        self.tab("map")
        self.wait.until(lambda d: self.find("#map-canvas").get_attribute("data-points") == str(total))
        canvas = self.find("#map-canvas")
        x, y = (float(v) for v in canvas.get_attribute("data-first").split(","))
        ActionChains(self.driver).move_to_element_with_offset(
            canvas, int(x - canvas.size["width"] / 2), int(y - canvas.size["height"] / 2)).perform()
        self.wait.until(lambda d: self.find("#map-tip").is_displayed() and self.all("#map-tip img"))
        self.wait.until(lambda d: d.execute_script("return document.querySelector('#map-tip img').naturalWidth > 0"))
        self.shot("12-map")
        canvas.send_keys(Keys.ARROW_RIGHT)  # the keyboard reaches the faces too
        self.wait.until(lambda d: "face " in self.text_of("#map-tip"))
        self.driver.find_element(By.CSS_SELECTOR, 'input[name="map-color"][value="cluster"]').click()
        self.wait.until(lambda d: "cluster 1" in self.text_of("#map-legend"))
        self.shot("13-map-clusters")

    # 7. Live: the fake camera streams over the WebSocket (key as subprotocol); leaving stops it.
    def live_streams_and_stops(self):
        self.tab("live")
        self.find("#live-start").click()
        self.wait.until(lambda d: int(self.text_of("#live-answered")) >= 3)
        assert int(self.text_of("#live-sent")) >= 3
        self.shot("14-live")
        # The tab hidden: streaming stops and the camera is released.
        self.driver.execute_script(
            "Object.defineProperty(document, 'hidden', {value: true, configurable: true});"
            "document.dispatchEvent(new Event('visibilitychange'));")
        self.wait.until(lambda d: "tab was hidden" in self.text_of("#live-status"))
        assert self.driver.execute_script("return document.querySelector('#live-video').srcObject") is None
        assert self.find("#live-start").is_enabled() and not self.find("#live-stop").is_enabled()
        self.driver.execute_script("delete document.hidden;")
        # A refused camera is explained.
        self.driver.execute_script(
            "navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));")
        self.find("#live-start").click()
        self.wait.until(lambda d: "camera was refused" in self.text_of("#live-status"))
        assert "error" in self.find("#live-status").get_attribute("class")
        self.shot("15-live-refused")
        # Leaving the screen stops it too.
        self.driver.refresh()
        self.wait.until(lambda d: "people" in self.text_of("#collection"))
        self.tab("live")
        self.find("#live-start").click()
        self.wait.until(lambda d: int(self.text_of("#live-answered")) >= 1)
        self.tab("search")
        assert "Stopped" in self.driver.execute_script("return document.querySelector('#live-status').textContent")
        assert self.driver.execute_script("return document.querySelector('#live-video').srcObject") is None

    # 8. A phone: 360 px wide, nothing wider than the screen.
    def narrow_screen(self):
        self.driver.set_window_size(360, 800)
        self.tab("search")
        self.find("#search-file").send_keys(os.path.join(PHOTOS, "obama2.jpg"))
        self.wait.until(lambda d: self.all("#search-matches .match"))
        width = self.driver.execute_script("return document.documentElement.scrollWidth")
        viewport = self.driver.execute_script("return window.innerWidth")
        assert width <= viewport, (width, viewport)
        self.shot("16-phone-search")
        self.tab("gallery")
        self.wait.until(lambda d: self.all("#browse-grid .card"))
        width = self.driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= viewport, (width, viewport)
        self.shot("17-phone-gallery")
        self.driver.set_window_size(1280, 1000)

    # For docs/images (FACESEARCH_WEB_DOCS=folder): the search and map screens of a fuller gallery.
    def docs_screenshots(self, folder):
        for photo in ("obama3.jpg", "32bit.png", "obama_partial_face.jpg", "obama_partial_face2.jpg"):
            try:
                self.server.index("people", photo, "obama")
            except urllib.error.HTTPError as error:
                print(f"    {photo} not indexed: {error.code}")
        self.driver.set_window_size(1280, 900)
        self.driver.get("about:blank")  # a new page: only the hash would change otherwise
        self.driver.get(self.server.url + "/#search")
        self.wait.until(lambda d: "people" in self.text_of("#collection"))
        self.find("#search-file").send_keys(self.photos["pair"])
        self.wait.until(lambda d: len(self.all("#search-boxes .box")) == 2 and self.all("#search-matches .match"))
        self.wait.until(lambda d: d.execute_script(
            "return [...document.querySelectorAll('#search-matches img')].slice(0, 3).every(i => i.complete && i.naturalWidth > 0)"))
        self.compact(folder, "web-search")
        self.tab("map")
        total = self.server.api("GET", "/v1/collections/people")["faces"]
        self.wait.until(lambda d: self.find("#map-canvas").get_attribute("data-points") == str(total))
        canvas = self.find("#map-canvas")
        x, y = (float(v) for v in canvas.get_attribute("data-first").split(","))
        ActionChains(self.driver).move_to_element_with_offset(
            canvas, int(x - canvas.size["width"] / 2), int(y - canvas.size["height"] / 2)).perform()
        self.wait.until(lambda d: d.execute_script(
            "const i = document.querySelector('#map-tip img'); return !!i && i.naturalWidth > 0"))
        self.compact(folder, "web-map")

    def compact(self, folder, name):
        """A screenshot as a small palette PNG."""
        path = os.path.join(folder, f"{name}.png")
        self.driver.save_screenshot(path)
        Image.open(path).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(
            path, optimize=True)
        print(f"    docs image {path} ({os.path.getsize(path) // 1024} KiB)")

    def console_is_clean(self):
        severe = [entry for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]
        unexpected = [e["message"] for e in severe if not any(p in e["message"] for p in EXPECTED_CONSOLE)]
        assert not unexpected, unexpected


def main():
    os.makedirs(SHOTS, exist_ok=True)
    print(f"web tests: screenshots in {SHOTS}")
    for old in os.listdir(SHOTS):
        if old.endswith(".png"):
            os.remove(os.path.join(SHOTS, old))
    work = tempfile.mkdtemp(prefix="facesearch-web-photos-")
    server = Server()
    driver = None
    failures = 0
    try:
        server.api("POST", "/v1/collections", {"name": "people"})
        server.index("people", "obama.jpg", "obama")
        server.index("people", "biden.jpg", "biden")
        print(f"web tests: facesearch serve at {server.url}, gallery of 2 faces")
        driver = browser()
        scenarios = Scenarios(server, driver, make_photos(work))
        for name in ["key_prompt", "search_finds_the_person", "two_faces_switch", "no_match_is_said", "webcam_snapshot_is_searched",
                     "invalid_file_is_explained",
                     "gallery_add_and_delete", "map_has_one_point_per_face", "live_streams_and_stops",
                     "narrow_screen", "console_is_clean"]:
            started = time.time()
            try:
                getattr(scenarios, name)()
                print(f"  PASS {name} ({time.time() - started:.1f} s)")
            except Exception:
                failures += 1
                print(f"  FAIL {name}")
                traceback.print_exc()
                try:
                    scenarios.shot(f"failed-{name}")
                except Exception:
                    pass
        if os.environ.get("FACESEARCH_WEB_DOCS") and not failures:
            try:
                scenarios.docs_screenshots(os.environ["FACESEARCH_WEB_DOCS"])
            except Exception:
                scenarios.shot("failed-docs")
                print(driver.execute_script(
                    "return [...document.querySelectorAll('#search-matches img')].map(i => [i.src, i.complete, i.naturalWidth])"))
                raise
    finally:
        if driver:
            driver.quit()
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"web tests: {'FAILED' if failures else 'passed'}; screenshots in {SHOTS}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
