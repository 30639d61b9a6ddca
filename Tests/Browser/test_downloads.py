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
    for broken in ({**event, "precision": "week"}, {**event, "date": "28 January 2024"}, {k: v for k, v in event.items() if k != "title"},
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
