"""The evidence collected for a page's fields: first offer wins, and each value keeps its rule;
a later rule that knows better overrides, and what it replaced is kept."""

from __future__ import annotations

from typing import Any


class FieldSet:
    """Collects candidate values per field; rules offer values from the strongest evidence down.

    A field keeps the first non-empty value offered, with the name of the rule that offered it,
    so ``field_sources`` can tell a researcher where every value came from. The few rules that
    correct an earlier one (a date the page prints over a template's, an in-body byline over
    markup's) say so with ``override``, which keeps what it replaced in ``replaced``.
    """

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.sources: dict[str, str] = {}
        #: field -> the (value, rule) pairs overrides replaced, oldest first
        self.replaced: dict[str, list[tuple[Any, str]]] = {}

    def offer(self, field: str, value: Any, rule: str) -> bool:
        """Keep ``value`` for ``field`` unless the field already has one; True when kept."""
        if field in self.values or value in (None, "", [], {}):
            return False
        self.values[field] = value
        self.sources[field] = rule
        return True

    def override(self, field: str, value: Any, rule: str) -> None:
        """Put ``value`` in ``field`` whatever it holds; an empty value takes the field's value back.
        The value replaced and its rule are kept in ``replaced``."""
        if field in self.values:
            self.replaced.setdefault(field, []).append((self.values.pop(field), self.sources.pop(field)))
        self.offer(field, value, rule)

    def get(self, field: str, default: Any = None) -> Any:
        return self.values.get(field, default)

    def has(self, field: str) -> bool:
        return field in self.values
