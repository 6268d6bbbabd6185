"""Generated record pages name their macro call in front matter; the call is parsed, never run."""

from __future__ import annotations

import pytest

from macros.generated_hooks import parse_call


def test_a_known_macro_with_literal_arguments_is_accepted():
    assert parse_call("paper_page('ds-1')") == ("paper_page", ("ds-1",))
    assert parse_call("module_page(2)") == ("module_page", (2,))


@pytest.mark.parametrize("call", [
    "__import__('os').system('true')",
    "unknown_macro(1)",
    "paper_page(open('x').read())",
    "paper_page(id='x')",
    "paper_page",
])
def test_anything_but_a_known_macro_with_literal_arguments_is_refused(call):
    with pytest.raises((ValueError, SyntaxError)):
        parse_call(call)
