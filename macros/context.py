"""What a page builder needs to know: the data, the language, and where the page is."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from . import formatting
from .html import join, relative_url, tag
from .i18n import DEFAULT_LANGUAGE, Language, Translator, wrap_lang
from .loader import Dataset
from .schema import Source


def page_url(name: str, *key: object) -> str:
    """The URL (inside a language) of the page of type ``name`` for ``key``: the page-type
    table's URL function (macros/pages/registry.py ``url``), the one source of every URL."""
    from .pages.registry import url  # the table sits above the builders: looked up when called

    return url(name, *key)


@dataclass
class PageContext:
    data: Dataset
    lang: Language
    url: str = ""  # this page's URL inside its language, e.g. "bausteine/1/"
    # URL folder of the language build the page is written into; differs from lang.path on a
    # page shown in German for want of a translation. None: lang.path.
    build_path: str | None = None
    # Absolute URL of the language build this page is written into (MkDocs' site_url), for
    # the few places that need an absolute address (schema.org @id and url); "" when unknown.
    site_url: str = ""
    tr: Translator = field(init=False)

    def __post_init__(self) -> None:
        self.tr = Translator(self.lang)

    # shorthands used by every page builder
    def t(self, key: str, **values: object) -> Markup:
        return self.tr.t(key, **values)

    def absolute(self) -> str | None:
        """This page's absolute URL, or None when the site's address is not known."""
        return f"{self.site_url.rstrip('/')}/{self.url}" if self.site_url else None

    def site_root(self) -> str | None:
        """The site's absolute root URL (German pages live there), or None when unknown."""
        if not self.site_url:
            return None
        root = self.site_url.rstrip("/")
        folder = self.lang.path if self.build_path is None else self.build_path
        if folder and root.endswith(f"/{folder}"):
            root = root[: -len(folder) - 1]
        return root + "/"

    def href(self, to_url: str) -> str:
        return relative_url(self.url, to_url)

    def link(self, name: str, *key: object, anchor: str = "") -> str:
        """Relative link to the page of type ``name`` for ``key`` (page_url), with an anchor."""
        return self.href(page_url(name, *key) + (f"#{anchor}" if anchor else ""))

    def site_href(self, to_url: str) -> str:
        """Link to a file that exists once for the whole site (e.g. 'daten/x.csv')."""
        prefix = self.lang.path if self.build_path is None else self.build_path
        return relative_url(f"{prefix}/{self.url}" if prefix else self.url, to_url)

    def money(self, amount) -> str:
        return formatting.money(amount, self.lang.babel)

    def number(self, value) -> str:
        return formatting.number(value, self.lang.babel)

    def day(self, value) -> str:
        return formatting.day(value, self.lang.babel)

    def german(self, name: str) -> Markup | str:
        """A German proper name from the data (town, provider, street) as shown on this page:
        marked lang="de" on every other language's page (WCAG 3.1.2)."""
        return name if self.lang.code == DEFAULT_LANGUAGE else wrap_lang(name, DEFAULT_LANGUAGE)

    def actor(self, ident: str | None) -> Markup | str:
        """Name of an organisation, provider or municipality by its (validated) id."""
        if ident is None:
            return ""
        if ident in self.data.organizations:
            return self.tr.text(self.data.organizations[ident].name)
        if ident in self.data.providers:
            # a provider's name is German only (plain text in providers.yml): marked as German
            # on every other language's page
            return self.german(self.data.providers[ident].name)
        return self.german(self.data.municipalities[ident].name)

    def source(self, source: Source | None) -> Markup:
        """Provenance of a fact: 'Quelle: <document>, <section>' linking to the sources page."""
        if source is None:
            return Markup("")
        document = self.data.documents[source.document]
        name = (f"{document.publisher}, {document.reference}" if document.reference
                else document.title)
        link = tag("a", name, href=self.link("sources", anchor=document.id))
        section = Markup(", {}").format(source.section) if source.section else Markup("")
        return tag("span", Markup("{}: {}{}").format(self.t("source"), link, section),
                   class_="kim-source")

    def fallback_notice(self) -> Markup:
        """Say so when part of a block is shown in German because a translation is missing."""
        if not self.tr.fell_back:
            return Markup("")
        # The notice is in the reader's language even inside German text: it says so itself.
        return tag("p", self.t("notice.untranslated"), class_="kim-notice", role="note",
                   lang=self.lang.code, dir=self.lang.dir)

    def block(self, css: str, *parts: Markup) -> Markup:
        """The outer element of a macro's output; fallback notice first where needed."""
        body = join(parts)
        return tag("div", join([self.fallback_notice(), body]), class_=css)
