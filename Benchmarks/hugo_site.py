#!/usr/bin/env python3
"""Writes a Hugo site equivalent to a Dossier report, for the side-by-side benchmark.

The same pages Dossier builds: one page per event, one page per actor listing its events, one
page per topic listing the events it selects by tag (as Dossier's topics do), a timeline grouped
by month, and a home page. Hugo gets its fastest fair templates: actors are a
taxonomy (term pages list their events without filtering all pages), the timeline uses
GroupByDate, and nothing Hugo does not need (RSS, sitemap, taxonomy lists) is built.

    python3 Benchmarks/hugo_site.py REPORT_DIR/Content HUGO_DIR
"""
import re
import sys
from pathlib import Path

import yaml

CONFIG = """baseURL = "/"
relativeURLs = true
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[taxonomies]
  actor = "actors"
[markup.goldmark.renderer]
  unsafe = false
"""

BASEOF = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} — {{ site.Title }}</title>
<meta name="description" content="{{ .Summary | plainify }}"><link rel="stylesheet" href="/style.css"></head>
<body><header><a href="/">{{ site.Title }}</a> <nav><a href="/timeline/">Timeline</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>{{ site.Title }}</footer></body></html>
"""

SINGLE = """{{ define "main" }}<article><p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> {{ .Params.type }}</p>
<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>{{ .Content }}
<ul>{{ range .GetTerms "actors" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></article>{{ end }}
"""

TERM = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><time>{{ .Date.Format "2 January 2006" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}
"""

TIMELINE = """{{ define "main" }}<h1>Timeline</h1>{{ range site.RegularPages.GroupByDate "January 2006" }}<h2>{{ .Key }}</h2>
{{ range .Pages.Reverse }}<article><time>{{ .Date.Format "2 January 2006" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Params.summary }}</p></article>{{ end }}{{ end }}{{ end }}
"""

TOPIC = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
{{ $events := where (where site.RegularPages "Section" "events") "Params.tags" "intersect" .Params.select }}<p>{{ len $events }} events</p>
<ul>{{ range $events.ByDate }}<li><time>{{ .Date.Format "2 January 2006" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}
"""

HOME = """{{ define "main" }}<h1>{{ site.Title }}</h1><p>{{ len site.RegularPages }} events</p>
{{ range first 6 site.RegularPages.ByDate.Reverse }}<article><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Params.summary }}</p></article>{{ end }}{{ end }}
"""


def cross_references(markdown: str) -> str:
    return re.sub(r"\]\((actor|event|topic|page):([a-z0-9-]+)\)", lambda m: f"](/{m.group(1)}s/{m.group(2)}/)", markdown)


def front_matter(values: dict) -> str:
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=True) + "---\n"


def main(content: Path, site: Path):
    for folder in ("content/events", "content/actors", "content/topics", "content/timeline", "layouts/_default", "layouts/timeline", "layouts/topics", "static"):
        (site / folder).mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((content / "site.yaml").read_text())
    (site / "config.toml").write_text(f'title = "{config["title"]}"\n' + CONFIG)
    for name, text in (("baseof", BASEOF), ("single", SINGLE), ("term", TERM)):
        (site / "layouts/_default" / f"{name}.html").write_text(text)
    (site / "layouts/timeline/list.html").write_text(TIMELINE)
    (site / "layouts/topics/single.html").write_text(TOPIC)
    (site / "layouts/index.html").write_text(HOME)
    (site / "static/style.css").write_text("body{font-family:serif}\n")
    (site / "content/timeline/_index.md").write_text(front_matter({"title": "Timeline"}))
    for path in sorted((content / "events").glob("*.yaml")):
        for event in yaml.safe_load(path.read_text()):
            date = str(event.get("date") or event.get("start"))
            date = (date + "-01-01")[:10] if len(date) < 10 else date
            values = {"title": event["title"], "date": date, "type": event["type"], "summary": event.get("summary", ""),
                      "actors": [actor["id"] for actor in event.get("actors", [])], "tags": event.get("tags", [])}
            (site / "content/events" / f"{event['id']}.md").write_text(front_matter(values) + cross_references(event.get("body", "")))
    for path in sorted((content / "actors").glob("*.md")):
        _, head, body = path.read_text().split("---\n", 2)
        actor = yaml.safe_load(head)
        term = site / "content/actors" / actor.get("id", path.stem)
        term.mkdir(exist_ok=True)
        (term / "_index.md").write_text(front_matter({"title": actor["name"]}) + cross_references(body))


    for path in sorted((content / "topics").glob("*.md")):
        _, head, body = path.read_text().split("---\n", 2)
        topic = yaml.safe_load(head)
        (site / "content/topics" / f"{topic.get('id', path.stem)}.md").write_text(
            front_matter({"title": topic["title"], "select": topic.get("tags", [])}) + cross_references(body))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
