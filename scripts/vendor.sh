#!/usr/bin/env bash
# Copy the pinned front-end libraries from node_modules into portal/static/vendor, with their licences.
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
cp node_modules/chart.js/dist/{chart.umd.min.js,chart.umd.min.js.map} node_modules/chart.js/LICENSE.md "$dest/chart.js/"
for pkg in leaflet leaflet.markercluster chart.js; do
  node -p "require('./node_modules/$pkg/package.json').version" > "$dest/$pkg/VERSION"
done
echo "vendored into $dest"
