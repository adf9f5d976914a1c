"""The record is declared once (archiver/items.py); the Parquet schema and the docs are made from it."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from archiver.items import Commentary
from archiver.schema import FIELD_DESCRIPTIONS, RECORD_SCHEMA, record_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_schema_has_every_field_of_the_record_in_its_order() -> None:
    assert RECORD_SCHEMA.names == [f.name for f in fields(Commentary)]
    assert not RECORD_SCHEMA.field("id").nullable and RECORD_SCHEMA.field("title").nullable
    assert str(RECORD_SCHEMA.field("published").type) == "timestamp[us, tz=UTC]"


def test_every_field_has_a_one_line_meaning() -> None:
    for name in RECORD_SCHEMA.names + ["year"]:
        assert FIELD_DESCRIPTIONS[name].strip() and "\n" not in FIELD_DESCRIPTIONS[name], name


def test_the_readme_table_is_the_one_the_record_declares() -> None:
    found = re.search(r"<!-- record-table:[^\n]*-->\n(.*?)<!-- /record-table -->", README.read_text(), re.S)
    assert found, "README.md lost its record-table markers"
    assert found.group(1).strip() == record_table(), "README's record table is stale: run python -m archiver.schema"
