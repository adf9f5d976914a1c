"""The evidence collected for a page's fields: first offer wins, and each value keeps its rule."""

from __future__ import annotations

from typing import Any


class FieldSet:
    """Collects candidate values per field; rules offer values from the strongest evidence down.

    A field keeps the first non-empty value offered, with the name of the rule that offered it,
    so ``field_sources`` can tell a researcher where every value came from.
    """

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.sources: dict[str, str] = {}

    def offer(self, field: str, value: Any, rule: str) -> bool:
        """Keep ``value`` for ``field`` unless the field already has one; True when kept."""
        if field in self.values or value in (None, "", [], {}):
            return False
        self.values[field] = value
        self.sources[field] = rule
        return True

    def get(self, field: str, default: Any = None) -> Any:
        return self.values.get(field, default)

    def has(self, field: str) -> bool:
        return field in self.values
