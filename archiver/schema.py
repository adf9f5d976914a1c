"""The pyarrow schema of a Commentary record and its version."""

import pyarrow as pa

#: 2 added ``byline_orgs``; files of version 1 read it as null.
SCHEMA_VERSION = "2"

CAPTION_TYPE = pa.struct(
    [
        pa.field("text", pa.string()),
        pa.field("credit", pa.string()),
        pa.field("image_url", pa.string()),
    ]
)

UTC_TIMESTAMP = pa.timestamp("us", tz="UTC")

RECORD_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),
        pa.field("canonical_url", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("source_domain", pa.string()),
        pa.field("platform", pa.string()),
        pa.field("title", pa.string()),
        pa.field("byline", pa.list_(pa.string())),
        pa.field("byline_orgs", pa.list_(pa.string())),
        pa.field("byline_raw", pa.string()),
        pa.field("poster", pa.string()),
        pa.field("published", UTC_TIMESTAMP),
        pa.field("published_raw", pa.string()),
        pa.field("original_published", UTC_TIMESTAMP),
        pa.field("original_published_raw", pa.string()),
        pa.field("updated", UTC_TIMESTAMP),
        pa.field("original_source", pa.string()),
        pa.field("original_url", pa.string()),
        pa.field("captions", pa.list_(CAPTION_TYPE)),
        pa.field("body", pa.string()),
        pa.field("paywalled", pa.bool_()),
        pa.field("tags", pa.list_(pa.string())),
        pa.field("language", pa.string()),
        pa.field("word_count", pa.int32()),
        pa.field("content_hash", pa.string()),
        pa.field("simhash", pa.uint64()),
        pa.field("fetched_at", UTC_TIMESTAMP),
        pa.field("http_status", pa.int16()),
        pa.field("warc_file", pa.string()),
        pa.field("warc_record_id", pa.string()),
        pa.field("extractor_version", pa.string()),
        pa.field("field_sources", pa.map_(pa.string(), pa.string())),
        pa.field("run_id", pa.string()),
        pa.field("version", pa.int32()),
    ],
    metadata={"archiver.schema_version": SCHEMA_VERSION},
)
