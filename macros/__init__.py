"""KIM-Portal: data, validation and page builders for KIM transparency portals.

The work lives in the modules of this package; the MkDocs side is the hook files listed in
mkdocs.yml (page_hooks.py renders the declared template pages from their macro calls, without
Jinja; see doccheck.py).
"""
