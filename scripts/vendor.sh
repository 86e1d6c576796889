#!/usr/bin/env bash
# Copy the pinned front-end libraries and fonts from node_modules into portal/static/vendor, with their licences.
# Source maps come along: the minified files name them, and the manifest storage of production
# refuses to collect a file that names a missing one. Run through `make vendor` after changing package.json; the copied files are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
dest=portal/static/vendor
rm -rf "$dest" && mkdir -p "$dest"/{leaflet,leaflet.markercluster,chart.js}
cp -r node_modules/leaflet/dist/{leaflet.js,leaflet.js.map,leaflet.css,images} node_modules/leaflet/LICENSE "$dest/leaflet/"
cp node_modules/leaflet.markercluster/dist/{leaflet.markercluster.js,leaflet.markercluster.js.map,MarkerCluster.css,MarkerCluster.Default.css} \
   node_modules/leaflet.markercluster/MIT-LICENCE.txt "$dest/leaflet.markercluster/"
mkdir -p "$dest/leaflet-geoman"
cp node_modules/@geoman-io/leaflet-geoman-free/dist/{leaflet-geoman.min.js,leaflet-geoman.min.js.map,leaflet-geoman.css,leaflet-geoman.css.map} \
   node_modules/@geoman-io/leaflet-geoman-free/LICENSE "$dest/leaflet-geoman/"
node -p "require('./node_modules/@geoman-io/leaflet-geoman-free/package.json').version" > "$dest/leaflet-geoman/VERSION"
# Chart.js: only the parts the charts use (portal/frontend/chart.js), bundled as the global `Chart`, licence on top.
chart_version=$(node -p "require('./node_modules/chart.js/package.json').version")
node_modules/.bin/esbuild portal/frontend/chart.js --bundle --minify --format=iife --target=es2020 \
  --legal-comments=none --log-level=warning --outfile="$dest/chart.js/chart.portal.min.js" \
  --banner:js="/*! Chart.js v$chart_version | (c) Chart.js Contributors | MIT License (LICENSE.md) */"
cp node_modules/chart.js/LICENSE.md "$dest/chart.js/"
for pkg in leaflet leaflet.markercluster chart.js; do
  node -p "require('./node_modules/$pkg/package.json').version" > "$dest/$pkg/VERSION"
done
# Fonts: the upright variable Noto Sans of each script (Latin + Vietnamese, KR, JP, SC, TC), split by the
# packages into unicode-range woff2 slices so that a browser fetches only the slices a page uses.
fonts="$dest/fonts"
families="noto-sans noto-sans-kr noto-sans-jp noto-sans-sc noto-sans-tc"
for family in $families; do
  src="node_modules/@fontsource-variable/$family"
  mkdir -p "$fonts/$family"
  grep -o "files/[^)]*\.woff2" "$src/wght.css" | sort -u | while read -r file; do cp "$src/$file" "$fonts/$family/"; done
  cp "$src/LICENSE" "$fonts/$family/LICENSE"
  node -p "require('./$src/package.json').version" > "$fonts/$family/VERSION"
done
# One stylesheet per site language (<code>.css, linked by base.html): every face of the families that write
# the language, and of the other families only the faces that hold the language switcher's names (each
# language named in itself, as in settings.LANGUAGES). url()s relative to the stylesheet, for the manifest storage.
node - "$fonts" <<'JS'
const fs = require("fs");
const dest = process.argv[2];
const written = {"noto-sans-kr": "한국어", "noto-sans-jp": "日本語", "noto-sans-sc": "简体中文", "noto-sans-tc": "繁體中文"};
const stacks = {"en": ["noto-sans"], "vi": ["noto-sans"], "ko": ["noto-sans-kr", "noto-sans"],
  "ja": ["noto-sans-jp", "noto-sans"], "zh-hans": ["noto-sans-sc", "noto-sans"], "zh-hant": ["noto-sans-tc", "noto-sans"]};
const faces = (family) => fs.readFileSync(`node_modules/@fontsource-variable/${family}/wght.css`, "utf8")
  .split(/\n(?=\/\* )/).filter((block) => block.includes("@font-face"))
  .map((block) => block.trim().replace(/url\(\.\/files\//g, `url(${family}/`));
const covers = (block, text) => block.match(/unicode-range:\s*([^;]+);/)[1].split(",").some((range) => {
  const [low, high] = range.trim().slice(2).split("-").map((hex) => parseInt(hex, 16));
  return [...text].some((char) => char.codePointAt(0) >= low && char.codePointAt(0) <= (high ?? low));
});
for (const [language, stack] of Object.entries(stacks)) {
  const blocks = Object.keys({"noto-sans": 1, ...written}).flatMap((family) => stack.includes(family)
    ? faces(family) : faces(family).filter((block) => covers(block, written[family])));
  fs.writeFileSync(`${dest}/${language}.css`, `/* Fonts for pages in ${language}: scripts/vendor.sh writes this file. */\n`
    + blocks.join("\n\n") + "\n");
}
JS
# The PDF font for Korean, Japanese and Chinese (zones/comparison_export.py): the Noto Sans CJK Regular
# collection as Debian packages it (fonts-noto-cjk), which npm does not carry unsliced. Committed; refreshed
# axe-core, for the accessibility browser tests only: never served by the site.
axe=tests/browser/vendor/axe-core
rm -rf "$axe" && mkdir -p "$axe"
cp node_modules/axe-core/{axe.min.js,LICENSE,LICENSE-3RD-PARTY.txt} "$axe/"
node -p "require('./node_modules/axe-core/package.json').version" > "$axe/VERSION"
# only when asked, on a Debian machine: scripts/vendor.sh --pdf-font
if [[ "${1:-}" == "--pdf-font" ]]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb x)
  cp "$tmp"/x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc zones/fonts/
  cp "$tmp"/x/usr/share/doc/fonts-noto-cjk/copyright zones/fonts/LICENSE-NotoSansCJK.txt
  dpkg-deb -f "$tmp"/fonts-noto-cjk_*.deb Version > zones/fonts/VERSION-NotoSansCJK
  rm -rf "$tmp"
fi
echo "vendored into $dest"
