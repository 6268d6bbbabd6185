"""How far a paper has come, in words that never call a proposal a decision."""

from __future__ import annotations

from markupsafe import Markup

from ..context import PageContext
from ..schema import Paper


def decided(paper: Paper) -> bool:
    """True only when a document states the decision (decision_state 'Beschluss')."""
    return paper.decision_state == "Beschluss"


def state(ctx: PageContext, value: str) -> Markup:
    """The state as the document gives it; 'keine Angabe' when no document does."""
    return ctx.t(f"decision.{value}")
