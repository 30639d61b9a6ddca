"""The data downloads checked by the standard tools that their users have: the events JSON
against the JSON Schema the site publishes (Python's jsonschema), the GeoJSON against RFC 7946's
shape, the CSV read back by Python's csv module. For the sample report and a synthetic one."""
import csv
import json
import pathlib
import subprocess
import tempfile

import jsonschema
import pytest

from conftest import dossier_executable, REPOSITORY


def build(arguments, cwd):
    subprocess.run([str(dossier_executable()), "build", "--no-search"] + arguments, cwd=cwd, check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module", params=["sample", "synthetic"])
def site(request):
    with tempfile.TemporaryDirectory(prefix="dossier-downloads-") as folder:
        folder = pathlib.Path(folder)
        if request.param == "sample":
            build(["--output", str(folder / "Site")], REPOSITORY)
        else:
            subprocess.run([str(dossier_executable()), "generate", "--events", "2000", "--actors", "50", str(folder)], check=True, capture_output=True)
            build(["--content", str(folder / "Content"), "--templates", str(REPOSITORY / "Templates"), "--output", str(folder / "Site")], folder)
        yield folder / "Site"


def test_the_events_json_validates_against_the_published_schema(site):
    schema = json.loads((site / "data/events.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads((site / "data/events.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["schema_version"] == 1
    assert len(document["events"]) > 10


def test_the_schema_catches_a_broken_document(site):
    schema = json.loads((site / "data/events.schema.json").read_text(encoding="utf-8"))
    document = json.loads((site / "data/events.json").read_text(encoding="utf-8"))
    event = document["events"][0]
    for broken in ({**event, "precision": "fortnight"}, {**event, "date": "28 January 2024"}, {k: v for k, v in event.items() if k != "title"},
                   {**event, "start": "2024-01-01"} if "date" in event else {**event, "date": "2024-01-01"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**document, "events": [broken]}, schema, cls=jsonschema.Draft202012Validator)


def test_the_geojson_is_a_feature_collection_of_points(site):
    collection = json.loads((site / "data/events.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90


def test_the_csv_has_every_source_of_every_event(site):
    document = json.loads((site / "data/events.json").read_text(encoding="utf-8"))
    with open(site / "data/events.csv", newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [row["id"] for row in rows] == [event["id"] for event in document["events"]]
    for row, event in zip(rows, document["events"]):
        urls = [row[f"source_url" if n == 1 else f"source_{n}_url"] for n in range(1, len(event["sources"]) + 1)]
        assert urls == [source["url"] for source in event["sources"]]
        authors = [row["source_author" if n == 1 else f"source_{n}_author"] for n in range(1, len(event["sources"]) + 1)]
        assert authors == [source.get("author", "") for source in event["sources"]]


def test_the_calendar_parses_with_a_real_icalendar_library(site):
    import datetime
    import icalendar

    calendar = icalendar.Calendar.from_ical((site / "data/events.ics").read_bytes())
    document = json.loads((site / "data/events.json").read_text(encoding="utf-8"))
    events = calendar.walk("VEVENT")
    assert len(events) == len(document["events"])
    assert len({str(event["UID"]) for event in events}) == len(events), "UIDs are unique"
    for event, record in zip(events, document["events"]):
        assert str(event["SUMMARY"]) == record["title"]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is datetime.date and type(end) is datetime.date, "all-day events"
        assert end > start
        first = record.get("date") or record["start"]
        assert start.isoformat().startswith(first)
        description = str(event.get("DESCRIPTION", ""))
        if record["precision"] == "day" and "end" not in record:
            assert (end - start).days == 1
        elif record["precision"] in ("month", "year"):
            assert description.startswith(f"Known to the {record['precision']}:")
            assert (end - start).days >= 28


def test_the_feeds_have_what_their_specifications_require(site):
    import xml.etree.ElementTree as ElementTree

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(site / "feed.xml").getroot()
    for required in ("id", "title", "updated"):
        assert feed.find(atom + required) is not None and feed.find(atom + required).text
    entries = feed.findall(atom + "entry")
    assert entries
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(atom + required).text
        assert entry.find(atom + "id").text.startswith("urn:uuid:")
    updated = [entry.find(atom + "updated").text for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.find(atom + "updated").text == updated[0]

    json_feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert json_feed["version"] == "https://jsonfeed.org/version/1.1"
    assert json_feed["title"]
    assert [item["id"] for item in json_feed["items"]] == [entry.find(atom + "id").text for entry in entries]
    for item in json_feed["items"]:
        assert item["id"] and ("content_text" in item or "content_html" in item)
