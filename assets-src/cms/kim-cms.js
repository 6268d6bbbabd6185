// The editors' CMS at /redaktion/cms/: registers the file format "kim-yaml" and starts Decap CMS.
// Bundled by `npm run build` (esbuild) into build/cms/kim-cms.js; macros/cms.py copies it.
//
// Why a format of our own: the data files are read by PyYAML (YAML 1.1) and validated strictly
// (macros/schema.py), and Decap's own YAML format would write what the loader refuses:
// - a text may be written short, as a plain German string: read as {de: "..."} for the form;
// - empty fields (""/[]/{}), which Decap keeps once touched, are left out ("keine Angabe");
// - dates are written as YAML dates (2022-01-31), not as quoted strings;
// - a yes/no/unknown choice (select "true"/"false") is written as a YAML boolean;
// - strings YAML 1.1 would read as something else ("15:00", "yes", "0777") are quoted;
// - keys follow the schema's order (Decap keeps the order in which fields were filled in).
// The paths of those fields come from the page (<script type="application/json" id="kim-cms">),
// written by macros/cms.py from the same generated configuration.
import YAML from "yaml";

const spec = JSON.parse(document.getElementById("kim-cms").textContent);
const TEXT = new Set(spec.text);
const DATES = new Set(spec.dates);
const CHOICE_BOOLEANS = new Set(spec.choice_booleans);
const DEFAULT_FALSE = new Set(spec.default_false);
// per object path ("", "name", "locations.*.address", ...) its keys in the schema's order
const ORDER = spec.order;
function rank(path, key) {
  const keys = ORDER[path] || [];
  return keys.includes(key) ? keys.indexOf(key) : keys.length;
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const child = (path, key) => (path ? `${path}.${key}` : String(key));
const item = (path) => `${path}.*`;

function day(date) {
  return date.toISOString().slice(0, 10);
}

// File -> form: Date objects to "YYYY-MM-DD", short texts to {de}, booleans of a choice to text.
function toForm(value, path) {
  if (value instanceof Date) return day(value);
  if (TEXT.has(path) && typeof value === "string") return { de: value };
  if (CHOICE_BOOLEANS.has(path) && typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map((entry) => toForm(entry, item(path)));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toForm(v, child(path, k))]));
  }
  return value;
}

function empty(value) {
  return value === null || value === undefined || value === "" ||
    (Array.isArray(value) && value.length === 0) ||
    (isObject(value) && Object.keys(value).length === 0);
}

// Form -> file: drop empty values, write dates as dates and choices as booleans.
function toFile(value, path) {
  if (typeof value === "string") {
    const text = value.trim() === "" ? "" : value;
    if (DATES.has(path) && /^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(`${text}T00:00:00Z`);
    if (CHOICE_BOOLEANS.has(path) && (text === "true" || text === "false")) return text === "true";
    return text;
  }
  if (value === false && DEFAULT_FALSE.has(path)) return undefined;
  if (Array.isArray(value)) {
    return value.map((entry) => toFile(entry, item(path))).filter((entry) => !empty(entry));
  }
  if (isObject(value)) {
    const kept = Object.entries(value)
      .map(([k, v]) => [k, toFile(v, child(path, k))])
      .filter(([, v]) => !empty(v))
      .sort(([a], [b]) => rank(path, a) - rank(path, b));
    return Object.fromEntries(kept);
  }
  return value;
}

const format = {
  fromFile(content) {
    const parsed = YAML.parse(content, { version: "1.1", schema: "yaml-1.1", maxAliasCount: 0 });
    return toForm(parsed ?? {}, "");
  },
  toFile(data) {
    const cleaned = toFile(JSON.parse(JSON.stringify(data ?? {})), "");
    return YAML.stringify(cleaned, { version: "1.1", schema: "yaml-1.1", lineWidth: 100,
                                     minContentWidth: 40, aliasDuplicateObjects: false });
  },
};

// Files whose name starts with "_" (offers/_vorlage.yml, the template for new offers) are skipped
// by the build, and the CMS's lists leave them out too. Decap's collection filter can only compare
// a field with a value, so each backend's folder listings are filtered where they are made.
const skipped = (entry) => /(^|\/)_[^/]*$/.test(entry.file.path);
for (const name of ["gitlab", "github", "proxy"]) {
  const registered = window.CMS.getBackend(name);
  if (!registered) continue;
  const init = registered.init;
  registered.init = (...args) => {
    const backend = init(...args);
    for (const method of ["entriesByFolder", "allEntriesByFolder"]) {
      const list = backend[method];
      if (typeof list !== "function") continue;
      backend[method] = async (...rest) =>
        (await list.apply(backend, rest)).filter((entry) => !skipped(entry));
    }
    return backend;
  };
}

window.CMS.registerCustomFormat("kim-yaml", "yml", format);
window.CMS.init();
