"""The words of the site's pages, in English in the code and translated in the catalog: the templates show them
through ``words()``, in the language of the run (the list's own text is Chinese on every page)."""

from __future__ import annotations

from ...core.i18n import N_, _

# The pages' lang attribute: each language's catalog gives its BCP 47 tag (Chinese: zh-CN).
LANGUAGE_TAG = N_("en")

WORDS = {
    "site_title": N_("Basic public service lists"),
    "skip": N_("Skip to the content"),
    "home": N_("All editions"),
    "editions": N_("Editions"),
    "edition": N_("Edition"),
    "level": N_("Level"),
    "document_number": N_("Document number"),
    "issuer": N_("Issued by"),
    "in_force": N_("In force"),
    "not_in_force": N_("not signed yet"),
    "current": N_("current"),
    "services": N_("Services"),
    "categories": N_("Categories"),
    "period": N_("Plan period"),
    "previous": N_("Revises"),
    "table": N_("The list"),
    "search": N_("Search the services"),
    "search_hint": N_("A name, a target, a unit or a number"),
    "category": N_("Category"),
    "department": N_("Department"),
    "change": N_("Change since the previous edition"),
    "all": N_("All"),
    "unchanged": N_("Unchanged"),
    "no_match": N_("No service matches."),
    "downloads": N_("Downloads"),
    "file": N_("File"),
    "format": N_("Format"),
    "size": N_("Size"),
    "sha256": N_("SHA-256"),
    "source": N_("Source YAML"),
    "revision": N_("Revision"),
    "revision_notes": N_("Revision notes (修订说明)"),
    "revision_table": N_("Revision table (修订对照表)"),
    "column": N_("Column"),
    "before": N_("Before"),
    "after": N_("After"),
    "note": N_("Note"),
    "no_changes": N_("No change to the list's table."),
    "units": N_("Units"),
    "unit_registry": N_("Unit registry"),
    "lineage": N_("Lineage"),
    "succeeds": N_("Succeeds"),
    "since": N_("Since"),
    "basis": N_("Basis"),
    "counterpart": N_("District counterpart"),
    "tasks": N_("Tasks"),
    "task_sheet": N_("Task sheet"),
    "role": N_("Role"),
    "lead": N_("leads"),
    "co": N_("takes part"),
    "row": N_("Row"),
    "main_row": N_("the service's own row"),
    "parts": N_("Parts"),
    "part": N_("Part"),
    "merged": N_("merged cell: shown from the row above"),
    "amounts": N_("Amounts"),
    "amount": N_("Amount"),
    "quote": N_("As the text says"),
    "history": N_("History"),
    "what_changed": N_("What changed"),
    "first_edition": N_("the first edition of the list"),
    "added_here": N_("added in this edition"),
    "number_moved": N_("number"),
    "service_file": N_("This service's YAML"),
    "data_urls": N_("Stable addresses: services/ID.html, data/list.json"),
    "kind": N_("Kind"),
    "rename": N_("renamed"),
    "merge": N_("merged"),
    "split": N_("split"),
    "payers": N_("Payers"),
    "parent_policy": N_("Parent policy"),
    "made_by": N_("Made by qingdan from the edition's YAML."),
}


def words() -> dict[str, str]:
    """Every word of the pages in the language of this run."""
    return {key: _(text) for key, text in WORDS.items()}


def language_tag() -> str:
    return _(LANGUAGE_TAG)
