"""Project checks dbt-bouncer 4.3 does not ship (loaded via custom_checks_dir).

* check_source_freshness_populated_except: every source has a freshness
  (warn_after or error_after), except the tables listed, each with a reason:
  the built-in check can only exclude whole YAML files.
* check_exposure_depends_only_on_path: every model an exposure depends on
  lives under a path matching a pattern (e.g. only marts), the built-in
  exposure checks know access levels, not layers.
"""

from __future__ import annotations

import re

from dbt_bouncer.check_framework.decorator import check, fail


def _populated(freshness) -> bool:
    return freshness is not None and any(
        t is not None and t.count is not None and t.period is not None
        for t in (freshness.warn_after, freshness.error_after)
    )


@check(code="BANK001")
def check_source_freshness_populated_except(source, *, exempt: dict[str, str]):
    """Sources must have a freshness, unless listed in `exempt`.

    Parameters:
        exempt (dict[str, str]): `source_name.table_name` -> why the table
            has no freshness (e.g. reference data, simulator ground truth).
    """
    display = f"{source.source_name}.{source.name}"
    if display in exempt:
        # keep the list honest: an exempt table that sets a freshness is stale
        if _populated(source.freshness):
            fail(f"`{display}` is exempt from freshness but sets one: drop the exemption.")
    elif not _populated(source.freshness):
        fail(f"`{display}` does not have a populated freshness (and is not exempt).")


@check(code="BANK002")
def check_exposure_depends_only_on_path(exposure, ctx, *, upstream_path_pattern: str):
    """Exposures may depend only on models whose path matches the pattern.

    Parameters:
        upstream_path_pattern (str): Regexp the upstream models' paths must match.
    """
    pattern = re.compile(upstream_path_pattern.strip())
    models_by_id = ctx.models_by_unique_id or {m.unique_id: m for m in ctx.models}
    bad = []
    for node_id in getattr(exposure.depends_on, "nodes", []) or []:
        model = models_by_id.get(node_id)
        if model is None:
            bad.append(node_id)  # a source, seed or snapshot: not a mart
        elif pattern.match(model.original_file_path) is None:
            bad.append(model.name)
    if bad:
        fail(f"`{exposure.name}` depends on nodes outside `{upstream_path_pattern}`: {bad}.")
