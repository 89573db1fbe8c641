#!/usr/bin/env python3
"""Real-browser test of `nncheck serve`: headless Chromium (Debian's chromium and chromium-driver,
driven by Python selenium) opens the problem page, fills in the form, submits it, and reads the
verdicts off the result page; then it uploads an answer file through the same form.

Run from the repository root after `swift build`:  python3 Tests/Browser/serve_browser_test.py
Prints 'browser: N passed, N failed'. Outside CI, a machine without selenium or chromium skips
(exit 0 with a note); under CI=true a missing piece is a failure.
"""
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, ".build", "debug", "nncheck")


def missing(what):
    if os.environ.get("CI") == "true":
        print(f"browser: {what} is missing; .ci/run installs it")
        print("browser: 0 passed, 1 failed")
        sys.exit(1)
    print(f"browser: skipped ({what} is not installed)")
    sys.exit(0)


try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
except ImportError:
    missing("python3 selenium")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
if not CHROMIUM or not os.path.exists(DRIVER):
    missing("chromium or chromium-driver")
if not os.path.exists(BINARY):
    missing(".build/debug/nncheck (run swift build)")


def start_server():
    """nncheck serve on a free loopback port; returns (process, base URL)."""
    proc = subprocess.Popen([BINARY, "serve", "problems", "--host", "127.0.0.1", "--port", "0"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        m = re.search(r"problems on (http://127\.0\.0\.1:\d+)/", line)
        if m:
            return proc, m.group(1)
    proc.kill()
    raise RuntimeError("nncheck serve did not start")


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,2000"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(DRIVER), options=options)


def verdicts(driver):
    """question id -> verdict, read off the result table."""
    rows = driver.find_elements(By.CSS_SELECTOR, "table.results tbody tr")
    return {r.get_attribute("data-question"): r.find_element(By.CSS_SELECTOR, "td.verdict").text for r in rows}


def test_fill_in_the_form(driver, base):
    driver.get(base + "/")
    driver.find_element(By.LINK_TEXT, "HW 1: MLP & Backpropagation").click()
    assert driver.current_url == base + "/p/hw1-backprop", driver.current_url
    fields = driver.find_elements(By.CSS_SELECTOR, "input[name^='answer-']")
    assert len(fields) == 20, len(fields)
    driver.find_element(By.ID, "student").send_keys("browser-1")
    driver.find_element(By.ID, "answer-1").send_keys("[5, 7]")      # d(1): correct
    driver.find_element(By.ID, "answer-4").send_keys("1")           # y: correct
    driver.find_element(By.ID, "answer-6").send_keys("-4")          # δ(2): the sign error
    driver.find_element(By.ID, "answer-14").send_keys(r"\begin{pmatrix} -160 & -240 \\ 112 & 168 \end{pmatrix}")
    driver.find_element(By.ID, "check").click()
    v = verdicts(driver)
    assert v["1.1-drive"] == "correct", v
    assert v["1.2"] == "correct", v
    assert v["1.3-delta2"] == "incorrect", v
    assert v["1.3c-W1"] == "correct", v
    assert v["1.3a"] == "missing", v
    summary = driver.find_element(By.ID, "summary").text
    assert summary == "3 of 20 questions correct; 5 / 23 points", summary
    assert "browser-1" in driver.find_element(By.TAG_NAME, "h1").text


def test_upload_an_answer_file(driver, base):
    driver.get(base + "/p/hw1-backprop")
    driver.find_element(By.ID, "answers_file").send_keys(os.path.join(ROOT, "submissions", "hw1-backprop", "sign-error.yaml"))
    driver.find_element(By.ID, "check").click()
    v = verdicts(driver)
    assert len(v) == 20, v
    assert v["1.1-drive"] == "correct" and v["1.3-delta2"] == "incorrect", v
    summary = driver.find_element(By.ID, "summary").text
    assert summary.endswith("7 / 23 points"), summary


def test_a_broken_upload_names_the_line(driver, base):
    driver.get(base + "/p/ece4179-mlp")
    driver.find_element(By.ID, "answers_file").send_keys(os.path.join(ROOT, "submissions", "ece4179-mlp", "bad-syntax.yaml"))
    driver.find_element(By.ID, "check").click()
    text = driver.find_element(By.ID, "ungradable").text
    assert re.match(r"✘ answers\.yaml:\d+:\d+: ", text), text


def main():
    proc, base = start_server()
    passed = failed = 0
    driver = None
    try:
        driver = browser()
        for test in (test_fill_in_the_form, test_upload_an_answer_file, test_a_broken_upload_names_the_line):
            try:
                test(driver, base)
                passed += 1
                print(f"browser: {test.__name__} passed")
            except Exception as e:  # report every test, then fail the run
                failed += 1
                print(f"browser: {test.__name__} FAILED: {e!r}")
                if os.environ.get("NNCHECK_BROWSER_SCREENSHOT"):
                    driver.save_screenshot(os.environ["NNCHECK_BROWSER_SCREENSHOT"])
    finally:
        if driver is not None:
            driver.quit()
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    print(f"browser: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
