"""The site's Content-Security-Policy: everything from the site's own origin, nothing else.

One definition, used twice: as ``<meta http-equiv="Content-Security-Policy">`` in every page
(overrides/main.html, so a plain static web server also applies it) and as an HTTP header from
``kim serve`` (macros/serve.py). The meta form ignores ``frame-ancestors`` and reporting, so the
policy keeps only directives that work in both.
"""

from __future__ import annotations

CSP_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    # No 'unsafe-inline' and no 'unsafe-eval': our scripts are files under assets/js/, data for
    # them sits in <script type="application/json"> blocks, which are not executed.
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    # data: for the small SVG icons Material's CSS embeds
    # (mask-image: url("data:image/svg+xml,..."))
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)

CONTENT_SECURITY_POLICY = "; ".join(f"{name} {value}" for name, value in CSP_DIRECTIVES)
