"""Charts as readers see them at every width: one drawing shown per chart, none wider than its
column (nothing scrolls sideways on a phone), every text at 12 px or more and inside the drawing."""
import pytest

from conftest import StaticHost

WIDTHS = [1280, 1024, 768, 390]
SAMPLE_PAGES = ["", "timeline/", "topics/the-pause-in-attacks/", "actors/kataib-hezbollah/", "actors/esmail-qaani/"]

MEASURE = """
return [...document.querySelectorAll('.chart-figure')].map(figure => {
  const shown = [...figure.querySelectorAll('svg.chart')].filter(svg => getComputedStyle(svg).display !== 'none');
  const result = {shown: shown.length, figure: figure.getBoundingClientRect().width, problems: []};
  for (const svg of shown) {
    const box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
    if (box.right > figure.getBoundingClientRect().right + 1) result.problems.push(`${svg.id} is ${box.width}px in a ${result.figure}px column`);
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim()) continue;
      const size = parseFloat(getComputedStyle(text).fontSize) * scale, own = text.getBoundingClientRect();
      if (size < 11.95) result.problems.push(`${svg.id}: "${text.textContent}" at ${size.toFixed(1)}px`);
      if (own.left < box.left - 1 || own.right > box.right + 1) result.problems.push(`${svg.id}: "${text.textContent}" is cut (${own.left.toFixed(0)}–${own.right.toFixed(0)} of ${box.left.toFixed(0)}–${box.right.toFixed(0)})`);
    }
  }
  return result;
});
"""


def check_charts(browser, url, width):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    try:
        browser.get(url)
        figures = browser.execute_script(MEASURE)
        sideways = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert sideways <= 0, f"{url} at {width}px scrolls sideways by {sideways}px"
    for figure in figures:
        assert figure["shown"] == 1, f"{url} at {width}px shows {figure['shown']} drawings of one chart"
        assert figure["problems"] == [], f"{url} at {width}px: {figure['problems'][:5]}"
    return len(figures)


@pytest.mark.parametrize("width", WIDTHS)
def test_sample_charts_fit_and_read_at_every_width(preview, browser, width):
    charts = sum(check_charts(browser, preview.url + page, width) for page in SAMPLE_PAGES)
    assert charts >= len(SAMPLE_PAGES) - 1


@pytest.mark.parametrize("width", [1280, 390])
def test_large_report_charts_fit_and_read(split_site, browser, width):
    """10,000 events over years: month or year bins, many ticks, casualty figures in the thousands."""
    host = StaticHost(split_site)
    try:
        topic = next(split_site.glob("topics/*/index.html")).parent.name
        actor = next(split_site.glob("actors/*/index.html")).parent.name
        charts = sum(check_charts(browser, host.url + page, width) for page in ["", "timeline/", f"topics/{topic}/", f"actors/{actor}/"])
        assert charts >= 3
    finally:
        host.stop()
