#!/usr/bin/env python3
"""Writes a Hugo site equivalent to a Dossier report, for the side-by-side benchmark.

The site a Hugo expert would write for the same report (issue #33): one page per event, and
every list Dossier splits into pages split the same way, with Hugo's own means. Actors, topics,
event types, countries, years and months are taxonomies, so a list page reads its own terms'
pages and never filters every page; each term page is paginated at Dossier's page size
(`lists.per_page`, 100 by default), as Dossier numbers its long lists. The timeline is an index
of years (a term page of the `years` taxonomy each, paginated), as Dossier's is once a report
has more events than a page holds; a topic's events are its terms' (an event is given the topics
whose tags it has, as Dossier's topics select). Nothing Hugo does not need is built (RSS,
sitemap). Dossier's sources pages have no counterpart here: Dossier does that work alone.

    python3 Benchmarks/hugo_site.py REPORT_DIR/Content HUGO_DIR
"""
import re
import sys
from pathlib import Path

import yaml

CONFIG = """baseURL = "/"
relativeURLs = true
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
paginate = {per_page}
[taxonomies]
  actor = "actors"
  topic = "topics"
  type = "types"
  country = "countries"
  year = "years"
  month = "months"
[markup.goldmark.renderer]
  unsafe = false
"""

BASEOF = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} — {{ site.Title }}</title>
<meta name="description" content="{{ .Summary | plainify }}"><link rel="stylesheet" href="/style.css"></head>
<body><header><a href="/">{{ site.Title }}</a> <nav><a href="/timeline/">Timeline</a> <a href="/actors/">Actors</a> <a href="/topics/">Topics</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>{{ site.Title }}</footer></body></html>
"""

SINGLE = """{{ define "main" }}<article><p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ range .GetTerms "types" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}
{{ range .GetTerms "countries" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>{{ .Content }}
<ul>{{ range .GetTerms "actors" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<ul>{{ range .Params.sources }}<li><a href="{{ .url }}">{{ .publisher }}: {{ .title }}</a></li>{{ end }}</ul>
<ul>{{ range .GetTerms "topics" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></article>{{ end }}
"""

# A term's events, a page of `paginate` at a time, oldest first, as Dossier lists them.
TERM = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ if eq .Paginator.PageNumber 1 }}{{ .Content }}{{ end }}
{{ $paginator := .Paginate .Pages.ByDate }}<p>{{ len .Pages }} events</p>
<ul>{{ range $paginator.Pages }}<li><time>{{ .Date.Format "2 January 2006" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
"""

TERMS = """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
"""

TIMELINE = """{{ define "main" }}<h1>Timeline</h1>
<ul>{{ range site.Taxonomies.years.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
"""

HOME = """{{ define "main" }}<h1>{{ site.Title }}</h1><p>{{ len (where site.RegularPages "Section" "events") }} events</p>
{{ range first 6 (where site.RegularPages "Section" "events").ByDate.Reverse }}<article><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Params.summary }}</p></article>{{ end }}{{ end }}
"""


def cross_references(markdown: str) -> str:
    return re.sub(r"\]\((actor|event|topic|page):([a-z0-9-]+)\)", lambda m: f"](/{m.group(1)}s/{m.group(2)}/)", markdown)


def front_matter(values: dict) -> str:
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=True) + "---\n"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main(content: Path, site: Path):
    for folder in ("content/events", "content/actors", "content/topics", "content/timeline", "layouts/_default",
                   "layouts/timeline", "static"):
        (site / folder).mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((content / "site.yaml").read_text())
    per_page = (config.get("lists") or {}).get("per_page", 100)
    (site / "config.toml").write_text(f'title = "{config["title"]}"\n' + CONFIG.format(per_page=per_page))
    for name, text in (("baseof", BASEOF), ("single", SINGLE), ("term", TERM), ("terms", TERMS)):
        (site / "layouts/_default" / f"{name}.html").write_text(text)
    (site / "layouts/timeline/list.html").write_text(TIMELINE)
    (site / "layouts/index.html").write_text(HOME)
    (site / "static/style.css").write_text("body{font-family:serif}\n")
    (site / "content/timeline/_index.md").write_text(front_matter({"title": "Timeline"}))
    topics = []
    for path in sorted((content / "topics").glob("*.md")):
        _, head, body = path.read_text().split("---\n", 2)
        topic = yaml.safe_load(head)
        topic_id = topic.get("id", path.stem)
        topics.append((topic_id, set(topic.get("tags", [])), set(topic.get("events", []))))
        term = site / "content/topics" / topic_id
        term.mkdir(exist_ok=True)
        (term / "_index.md").write_text(front_matter({"title": topic["title"]}) + cross_references(body))
    for path in sorted((content / "events").glob("*.yaml")):
        for event in yaml.safe_load(path.read_text()):
            date = str(event.get("date") or event.get("start"))
            date = (date + "-01-01")[:10] if len(date) < 10 else date
            location = event.get("location") or {}
            country = location.get("country") if isinstance(location, dict) else None
            values = {
                "title": event["title"], "date": date, "summary": event.get("summary", ""),
                "types": [event["type"]], "actors": [actor["id"] for actor in event.get("actors", [])],
                "countries": [slug(country)] if country else [], "years": [date[:4]], "months": [date[:7]],
                "topics": [topic_id for topic_id, tags, ids in topics
                           if tags.intersection(event.get("tags", [])) or event["id"] in ids],
                "sources": [{key: source.get(key, "") for key in ("publisher", "title", "url")}
                            for source in event.get("sources", [])],
            }
            (site / "content/events" / f"{event['id']}.md").write_text(
                front_matter(values) + cross_references(event.get("body", "")))
    for path in sorted((content / "actors").glob("*.md")):
        _, head, body = path.read_text().split("---\n", 2)
        actor = yaml.safe_load(head)
        term = site / "content/actors" / actor.get("id", path.stem)
        term.mkdir(exist_ok=True)
        (term / "_index.md").write_text(front_matter({"title": actor["name"]}) + cross_references(body))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
