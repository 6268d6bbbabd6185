"""`kim cms-config`: the Decap CMS configuration follows macros/schema.py field by field.

The expectations are read from the pydantic models themselves (their fields, annotations,
titles and descriptions), not from a copy, so a field added to, changed in or removed from the
schema without the generated configuration following it fails here.
"""

from __future__ import annotations

import types
import typing
from datetime import date

import pytest
import yaml
from pydantic import BaseModel, WithJsonSchema
from support import ROOT

from macros import cli, cms_config, portalconfig, schema
from macros.i18n import DEFAULT_LANGUAGE, languages


@pytest.fixture(scope="module")
def config():
    return cms_config.generate(portalconfig.read().cms, "data")


def collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def _unwrap(annotation):
    """(inner type, optional?, patterns) of an annotation, through Optional and Annotated."""
    optional, patterns = False, []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            base, *meta = typing.get_args(annotation)
            patterns += [getattr(m, "pattern", None) for m in meta]
            patterns += [p for m in meta for p in getattr(m, "metadata", ())
                         if isinstance(p, str)]
            annotation = base
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            annotation = args[0]
        else:
            return annotation, optional, [p for p in patterns if p]


def _field_patterns(info) -> list[str]:
    return [m.pattern for m in info.metadata if getattr(m, "pattern", None)]


def check_text(spec, required: bool) -> None:
    codes = [lang.code for lang in languages() if lang.code != DEFAULT_LANGUAGE]
    assert spec["widget"] == "object"
    assert [f["name"] for f in spec["fields"]] == ["de", *codes]
    assert spec["fields"][0]["required"] is required
    for group in spec["fields"][1:]:
        assert group["required"] is False
        assert [f["name"] for f in group["fields"]] == list(schema.Translation.model_fields)
        status = next(f for f in group["fields"] if f["name"] == "status")
        assert [o["value"] for o in status["options"]] == list(
            typing.get_args(schema.Translation.model_fields["status"].annotation))


def check_value(spec, annotation, patterns, required: bool = True) -> None:
    """The widget for one value type (a field's, or a list's items); `required`: whether the
    value must be given (inside an optional object the form requires nothing, as Decap would
    otherwise refuse the empty optional object)."""
    inner, _, more = _unwrap(annotation)
    patterns = [*patterns, *more]
    if isinstance(inner, type) and issubclass(inner, schema.Text):
        check_text(spec, required)
    elif isinstance(inner, type) and issubclass(inner, BaseModel):
        assert spec["widget"] == "object"
        check_fields(spec["fields"], inner, given=required)
    elif typing.get_origin(inner) is typing.Literal:
        values = list(typing.get_args(inner))
        assert spec["widget"] == "select"
        assert [o["value"] for o in spec["options"]] == values
        for vocabulary in cms_config.VOCABULARIES:
            if set(vocabulary) == set(values):
                assert [o["label"] for o in spec["options"]] == [
                    f"{vocabulary[v]} ({v})" for v in values]
    elif typing.get_origin(inner) is list:
        (item,) = typing.get_args(inner)
        item_inner, _, item_patterns = _unwrap(item)
        enum = [m.json_schema.get("enum") for m in typing.get_args(item)[1:]
                if isinstance(m, WithJsonSchema)] if typing.get_origin(item) is \
            typing.Annotated else []
        if typing.get_origin(item_inner) is typing.Literal or enum:
            values = list(typing.get_args(item_inner)) or enum[0]
            assert spec["widget"] == "select" and spec["multiple"] is True
            assert [o["value"] for o in spec["options"]] == values
            return
        assert spec["widget"] == "list"
        if isinstance(item_inner, type) and issubclass(item_inner, BaseModel) and \
                not issubclass(item_inner, schema.Text):
            check_fields(spec["fields"], item_inner)
        else:
            check_value(spec["field"], item, item_patterns)
    elif inner is date:
        assert spec["widget"] == "datetime" and spec["format"] == "YYYY-MM-DD"
        assert spec["time_format"] is False
    elif inner is bool:
        assert spec["widget"] in ("boolean", "select")
    elif inner is str:
        assert spec["widget"] in ("string", "text")
        if patterns:
            assert spec["pattern"][0] == patterns[0]
            assert spec["pattern"][1] == cms_config.PATTERN_MESSAGES[patterns[0]]
        else:
            assert "pattern" not in spec


def check_fields(specs, model: type[BaseModel], given: bool = True) -> None:
    names = [info.alias or name for name, info in model.model_fields.items()]
    assert [s["name"] for s in specs] == names, model.__name__
    for (name, info), spec in zip(model.model_fields.items(), specs, strict=True):
        where = f"{model.__name__}.{name}"
        required = given and info.is_required()
        assert spec["required"] is required, where
        assert spec.get("hint") == info.description, where
        if info.title:
            assert spec["label"] == info.title, where
        _, optional, _ = _unwrap(info.annotation)
        if info.annotation is bool or (_unwrap(info.annotation)[0] is bool):
            if isinstance(info.default, bool):
                assert spec["widget"] == "boolean" and spec["default"] is info.default, where
            else:  # unknown stays unknown: no false for an untouched field
                assert optional and spec["options"] == cms_config.YES_NO, where
        check_value(spec, info.annotation, _field_patterns(info), required)


def test_offer_form_has_every_field_of_the_offer_model_in_order(config):
    check_fields(collection(config, "offers")["fields"], schema.Offer)


def test_provider_form_has_every_field_of_the_provider_model(config):
    (file,) = collection(config, "providers")["files"]
    check_fields(file["fields"], schema.ProvidersFile)


def test_phone_email_and_url_fields_carry_the_schema_patterns(config):
    (contacts,) = [f for f in collection(config, "offers")["fields"] if f["name"] == "contacts"]
    patterns = {f["name"]: f["pattern"][0] for f in contacts["fields"] if "pattern" in f}
    assert patterns == {"phone": schema.PHONE_PATTERN, "email": schema.EMAIL_PATTERN,
                        "website": schema.URL_PATTERN}


@pytest.mark.parametrize("name,vocabulary", [("topics", schema.TOPICS),
                                             ("target_groups", schema.TARGET_GROUPS),
                                             ("languages", schema.OFFER_LANGUAGES)])
def test_choices_offer_the_vocabulary_with_german_names(config, name, vocabulary):
    (field,) = [f for f in collection(config, "offers")["fields"] if f["name"] == name]
    assert field["multiple"] is True
    assert {o["value"]: o["label"] for o in field["options"]} == {
        key: f"{german} ({key})" for key, german in vocabulary.items()}


def test_no_label_is_a_field_name_or_a_made_up_english_title(config):
    def walk(fields):
        for field in fields:
            yield field
            yield from walk(field.get("fields", []))

    fields = list(walk(collection(config, "offers")["fields"]))
    assert len(fields) > 40
    made_up = {f["name"].replace("_", " ").title() for f in fields if "_" in f["name"]}
    assert [f["label"] for f in fields if "_" in f["label"] or f["label"] in made_up] == []


def test_saving_opens_a_request_on_the_configured_git_host(config):
    entry = portalconfig.read().cms
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {"name": entry.backend, "repo": entry.repo,
                                 "branch": entry.branch}
    assert "local_backend" not in config


def test_offers_live_in_the_data_folder_relative_to_the_repository(tmp_path):
    (tmp_path / ".git").mkdir()
    data = tmp_path / "regions" / "nord"
    data.mkdir(parents=True)
    assert cms_config.repository_folder(data) == (tmp_path.resolve(), "regions/nord")
    generated = cms_config.generate(portalconfig.read().cms, "regions/nord")
    assert collection(generated, "offers")["folder"] == "regions/nord/offers"
    assert collection(generated, "providers")["files"][0]["file"] == "regions/nord/providers.yml"


def test_kim_cms_config_writes_the_generated_yaml(tmp_path, capsys):
    out = tmp_path / "config.yml"
    assert cli.main(["cms-config", "--data", str(ROOT / "data"), "--out", str(out)]) == 0
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written == cms_config.generate(portalconfig.read().cms, "data")


def test_a_wrong_repository_in_portal_yml_is_refused_in_german_with_its_line(tmp_path):
    path = tmp_path / "portal.yml"
    path.write_text("cms:\n  backend: github\n  repo: nur-ein-name\n", encoding="utf-8")
    with pytest.raises(portalconfig.PortalConfigError,
                       match=r"portal\.yml:3: cms\.repo: erwartet: Besitzer/Name des "
                             r"Repositorys"):
        portalconfig.read(path)


def test_an_unknown_git_host_in_portal_yml_is_refused(tmp_path):
    path = tmp_path / "portal.yml"
    path.write_text("cms:\n  backend: bitbucket\n  repo: a/b\n", encoding="utf-8")
    with pytest.raises(portalconfig.PortalConfigError,
                       match=r"portal\.yml:2: cms\.backend: erwartet ist einer der Werte "
                             r"'github' oder 'gitlab'"):
        portalconfig.read(path)
