"""The Parquet schema of a Commentary record, its version, and the field table the docs print.

Every field is declared once, on ``archiver.items.Commentary`` (type and meaning); the schema, the
dataset card's table and the README's table are made from that declaration.
"""

from __future__ import annotations

import re
from dataclasses import fields

import pyarrow as pa

from archiver.items import CAPTION_TYPE, UTC_TIMESTAMP, Commentary

__all__ = ["CAPTION_TYPE", "FIELD_DESCRIPTIONS", "RECORD_SCHEMA", "SCHEMA_VERSION", "UTC_TIMESTAMP", "field_rows", "record_table"]

#: 2 added ``byline_orgs``; files of version 1 read it as null.
SCHEMA_VERSION = "2"

RECORD_SCHEMA = pa.schema(
    [pa.field(f.name, f.metadata["arrow_type"], nullable=f.metadata["nullable"]) for f in fields(Commentary)],
    metadata={"archiver.schema_version": SCHEMA_VERSION},
)

#: What each column of the records and of an export means (``year`` is the partition a dataset adds).
FIELD_DESCRIPTIONS: dict[str, str] = {
    **{f.name: f.metadata["description"] for f in fields(Commentary)},
    "year": "partition: the UTC year of `published`; null when undated",
}


def type_name(data_type: pa.DataType) -> str:
    """A column's type as the docs print it."""
    text = str(data_type).replace("timestamp[us, tz=UTC]", "timestamp (UTC)")
    return re.sub(r"\b(?:item|element): ", "", text)  # "list<item: string>" reads "list<string>"


def field_rows(schema: pa.Schema, descriptions: dict[str, str] = FIELD_DESCRIPTIONS) -> list[str]:
    """The Markdown table of ``schema``'s columns: name, type, meaning."""
    rows = ["| column | type | meaning |", "|---|---|---|"]
    rows += [f"| `{column.name}` | {type_name(column.type)} | {descriptions[column.name]} |" for column in schema]
    return rows


def record_table() -> str:
    """The README's table of the record: every field, then the ``year`` partition."""
    return "\n".join(field_rows(RECORD_SCHEMA.append(pa.field("year", pa.int32()))))


if __name__ == "__main__":
    print(record_table())  # for the README, between its record-table markers
