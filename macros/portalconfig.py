"""portal.yml, the portal-wide settings: read and validated in this one place.

Languages (macros.i18n), the funding comparison's data folders (macros.pages.funding) and the
open data licence (macros.opendata) all come from ``read``. A wrong entry stops with a German
message naming the file, the line and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

PORTAL_YML = Path(__file__).resolve().parent.parent / "portal.yml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LanguageEntry(_Strict):
    code: str = Field(min_length=2)  # BCP 47 tag
    path: str  # URL folder; "" for the default language
    name: str = Field(min_length=1)
    dir: Literal["ltr", "rtl"]
    material: str = Field(min_length=2)
    babel: str = Field(min_length=2)
    # Texts in this language count as checked only once readers of its target group have read
    # them (Leichte Sprache); until then its pages say so (notice.readers_unchecked).
    reader_check: bool = False


class LicenceEntry(_Strict):
    name: str = Field(min_length=1)
    id: str = Field(min_length=1)
    url: str = Field(min_length=1)


# owner/name, or group/subgroup/name on GitLab
REPO_PATTERN = r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$"
HTTPS_URL_PATTERN = r"^https://[A-Za-z0-9.-]+(:[0-9]+)?(/[^\s\"'<>]*)?$"
_PATTERN_HINTS = {REPO_PATTERN: "Besitzer/Name des Repositorys, z. B. 'kreis-unna/kim-portal'",
                  HTTPS_URL_PATTERN: "Adresse, beginnend mit https://"}
HttpsUrl = Annotated[str, StringConstraints(pattern=HTTPS_URL_PATTERN)]


# The repository portal.yml ships with: not a real target. A build with it still writes the CMS
# (kim serve --cms saves into the local files), but warns, and /redaktion/cms/ says that saving
# through the git host is not set up yet and how to set it (cms.publish, cms.page).
PLACEHOLDER_REPO = "beispiel/kim-portal"


class CmsEntry(_Strict):
    """The git host the editors' CMS at /redaktion/cms/ opens its pull/merge requests on."""

    backend: Literal["github", "gitlab"]
    repo: Annotated[str, StringConstraints(pattern=REPO_PATTERN)]
    branch: str = Field(default="main", min_length=1)
    # A self-hosted GitLab or GitHub Enterprise: its API root (default: github.com's/gitlab.com's).
    api_root: HttpsUrl | None = None
    # GitHub: the OAuth helper that hands out tokens; GitLab: the instance (with app_id, PKCE).
    base_url: HttpsUrl | None = None
    app_id: str | None = Field(default=None, min_length=1)  # GitLab OAuth application id

    @property
    def configured(self) -> bool:
        """False while ``repo`` is still the shipped placeholder."""
        return self.repo != PLACEHOLDER_REPO


class PortalConfig(_Strict):
    languages: tuple[LanguageEntry, ...] = ()  # macros.i18n wants German first, at the site root
    comparison: tuple[str, ...] = ()  # data folders, relative to the project
    open_data_licence: LicenceEntry | None = None
    cms: CmsEntry | None = None  # None: no /redaktion/cms/ in the built site


class PortalConfigError(ValueError):
    """portal.yml does not fit PortalConfig; the message is German and names file:line: field."""


def _line(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int:
    """The file line of the value at ``loc`` (as deep as the YAML goes), 1-based."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif (isinstance(node, yaml.SequenceNode) and isinstance(part, int)
              and part < len(node.value)):
            node = node.value[part]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


# The last reading of each file, by its text: a build asks for the settings a few dozen times
# (languages, comparison, licence, CMS), and parsing and validating costs about 10 ms each.
_READ: dict[Path, tuple[str, PortalConfig]] = {}


def read(config: Path = PORTAL_YML) -> PortalConfig:
    text = config.read_text(encoding="utf-8")
    known = _READ.get(config)
    if known is not None and known[0] == text:
        return known[1]  # frozen: safe to share
    raw = yaml.safe_load(text) or {}
    try:
        found = _READ[config] = (text, PortalConfig.model_validate(raw))
        return found[1]
    except ValidationError as error:
        root = yaml.compose(text)
        raise PortalConfigError("\n".join(
            f"{config.name}:{_line(root, tuple(e['loc']))}: "
            f"{'.'.join(str(part) for part in e['loc'])}: {_german(e)}"
            for e in error.errors())) from None


def _german(error: dict) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unbekanntes Feld"
    if kind == "missing":
        return "Pflichtfeld fehlt"
    if kind == "literal_error":
        return f"erwartet ist einer der Werte {error['ctx']['expected'].replace(' or ', ' oder ')}"
    if kind in ("string_too_short", "too_short"):
        return "darf nicht leer sein"
    if kind == "string_pattern_mismatch":
        pattern = error["ctx"]["pattern"]
        return f"erwartet: {_PATTERN_HINTS.get(pattern, f'Text nach dem Muster {pattern}')}"
    return f"ungültiger Wert (erwartet: {kind.replace('_', ' ')})"
