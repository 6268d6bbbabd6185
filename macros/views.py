"""Renders page markup from Jinja templates in macros/templates/.

Views build view-models (plain data: str, numbers, lists, dicts; Markup only for text that
project code already escaped, such as catalogue strings); templates turn them into HTML.
The environment autoescapes every value and is StrictUndefined, so a misspelt field fails the
build instead of printing nothing. Templates are project code: no YAML value is ever loaded or
evaluated as a template, it only reaches one as escaped data.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateSyntaxError
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"


# Names a plain dict has as attributes (methods, dunders); any other name is never one.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class ModelEnvironment(Environment):
    """Jinja's environment with a faster ``a.b`` for view-models, which are plain dicts.

    Jinja looks for an attribute first and only then for an item; on a dict that costs an
    AttributeError per field read (a third of an offer page's template time). A plain dict has
    no attributes but its class's (``dir(dict)``), so for any other name the item is looked up
    first: the same result, without the exception."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@cache
def environment() -> Environment:
    # Whitespace is controlled in the templates themselves ({%- -%}), so that the output is the
    # same byte for byte as the tag() builders it replaced. auto_reload off: templates do not
    # change during a build, and the check costs a stat() per render.
    env = ModelEnvironment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, auto_reload=False, keep_trailing_newline=False)
    env.filters["script_json"] = json_text
    return env


def compile_all() -> None:
    """Compile every template into the environment's cache (the build does this before its
    language workers fork, so that they share the compiled templates instead of each compiling
    them again). A template that does not compile is left to fail where it is used."""
    env = environment()
    for name in env.list_templates(extensions=["html"]):
        try:
            env.get_template(name)
        except TemplateSyntaxError:
            continue


def json_text(value: object) -> Markup:
    """JSON for the inside of a <script> data block that no YAML text can break out of
    (<, > and & as \\u escapes, so neither </script> nor <!-- can occur)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def render(template: str, /, **model: Any) -> Markup:
    """The template (path under macros/templates/) filled with the view-model; positional, so
    that the view-model may have a field of any name (a field "name" is common)."""
    return Markup(environment().get_template(template).render(**model))
