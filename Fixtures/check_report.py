#!/usr/bin/env python3
"""The HTML report as a browser shows it: headless Chromium renders `coulomb report` pages of the fixtures.

    python3 Fixtures/check_report.py --coulomb .build/debug/coulomb [--screenshot docs/report.png]

For each page: Chromium (Debian's chromium + chromium-driver, through Selenium) loads it with no network; the
page must not be blank (the full-page screenshot has more than one colour and enough ink), every figure the
page should have must be there, laid out at a readable size (at least 300 x 150 CSS pixels) and drawn (its
own screenshot not blank), and every table must have rows. Exits non-zero on the first failure. With
--screenshot, the first page's full screenshot is saved there (the one kept in docs/).
"""
import argparse
import io
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageStat
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

HERE = Path(__file__).resolve().parent

# file, extra arguments, the figures and tables the page must have
PAGES = [
    ('hdf5_columns/si_half_cell.h5', [],
     ['cell0-voltage', 'cell0-voltage-capacity', 'cell0-capacity', 'cell0-dqdv'], ['cell0-cycles']),
    ('symmetric/ccd_time_hard_short.h5', [], ['cell0-ccd'], ['cell0-levels']),
    ('symmetric/longterm_hard_short.h5', [], ['cell0-shorts'], []),
    ('impedance/arrhenius_spectra.h5', ['--circuit', 'R0-p(R1,CPE1)', '--interface', 'R1'],
     ['cell0-nyquist', 'cell0-bode', 'cell0-drt', 'cell0-arrhenius'], ['cell0-fits', 'cell0-drt-peaks']),
    ('battdat/eis_spectra.h5', [], ['cell0-nyquist', 'cell0-bode', 'cell0-drt'], ['cell0-kk', 'cell0-drt-peaks']),
]


def blank(png: bytes) -> bool:
    """True when an image is one flat colour or nearly so (under 0.2 % of its pixels differ from white)."""
    image = Image.open(io.BytesIO(png)).convert('L')
    extrema = image.getextrema()
    if extrema[0] == extrema[1]:
        return True
    histogram = image.histogram()
    ink = sum(histogram[:200])
    return ink < 0.002 * image.width * image.height


def browser():
    options = webdriver.ChromeOptions()
    for flag in ['--headless=new', '--no-sandbox', '--disable-gpu', '--window-size=1200,900',
                 '--disable-dev-shm-usage', '--proxy-server=127.0.0.1:9', '--hide-scrollbars']:
        options.add_argument(flag)
    options.binary_location = '/usr/bin/chromium'
    return webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--coulomb', required=True)
    parser.add_argument('--screenshot')
    args = parser.parse_args()
    driver = browser()
    checked = 0
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for index, (fixture, extra, figures, tables) in enumerate(PAGES):
                page = Path(tmp) / f'report{index}.html'
                subprocess.run([args.coulomb, 'report', str(HERE / fixture), *extra, '-o', str(page)], check=True,
                               stdout=subprocess.DEVNULL)
                driver.get(page.as_uri())
                # The viewport as tall as the page, so one screenshot holds all of it.
                driver.execute_cdp_cmd('Emulation.setDeviceMetricsOverride',
                                       {'width': 1200, 'height': 900, 'deviceScaleFactor': 1, 'mobile': False})
                height = driver.execute_script('return document.documentElement.scrollHeight')
                driver.execute_cdp_cmd('Emulation.setDeviceMetricsOverride',
                                       {'width': 1200, 'height': min(height, 16000), 'deviceScaleFactor': 1, 'mobile': False})
                full = driver.get_screenshot_as_png()
                if blank(full):
                    sys.exit(f'{fixture}: the rendered page is blank')
                found = [f.get_attribute('id') for f in driver.find_elements(By.CSS_SELECTOR, 'figure.plot')]
                if sorted(found) != sorted(figures):
                    sys.exit(f'{fixture}: figures {found}, expected {figures}')
                for name in figures:
                    svg = driver.find_element(By.CSS_SELECTOR, f'#{name} svg')
                    size = svg.size
                    if size['width'] < 300 or size['height'] < 150:
                        sys.exit(f'{fixture}: figure {name} is laid out at {size}')
                    if blank(svg.screenshot_as_png):
                        sys.exit(f'{fixture}: figure {name} renders blank')
                    checked += 1
                for name in tables:
                    rows = driver.find_elements(By.CSS_SELECTOR, f'table#{name} tbody tr')
                    if not rows:
                        sys.exit(f'{fixture}: table {name} has no rows')
                if index == 0 and args.screenshot:
                    Path(args.screenshot).write_bytes(full)
                print(f'{fixture}: page of {height} px, {len(figures)} figures drawn, {len(tables)} tables')
    finally:
        driver.quit()
    print(f'report check: {len(PAGES)} pages, {checked} figures rendered by Chromium')


if __name__ == '__main__':
    main()
