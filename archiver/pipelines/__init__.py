"""Item pipelines: extract, normalize, dedupe, store. Each is switched by ARCHIVER_<NAME>_ENABLED."""
