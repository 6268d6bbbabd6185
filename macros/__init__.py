"""KIM-Portal: data, validation and page builders for KIM transparency portals.

The engine (MkDocs, mkdocs-macros, Material) is confined to macros/engine/; everything else here
is plain Python over the data and the built folder (CONTRIBUTING.md, "How a build works").
"""
