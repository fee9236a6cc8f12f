#!/usr/bin/env bash
# Refresh the vendored front-end files under static/vendor/ from the npm registry.
# Not part of set-up: the built files are committed. Run by hand to upgrade, then commit.
set -euo pipefail
cd "$(dirname "$0")/.."
COMPONENTS_VERSION="${COMPONENTS_VERSION:-12.0.0}"
TOKENS_VERSION="${TOKENS_VERSION:-11.1.0}"
HTMX_VERSION="${HTMX_VERSION:-2.0.11}"
AXE_VERSION="${AXE_VERSION:-4.14.1}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  npm pack --silent \
    "@rijkshuisstijl-community/components-css@${COMPONENTS_VERSION}" \
    "@rijkshuisstijl-community/design-tokens@${TOKENS_VERSION}" \
    "htmx.org@${HTMX_VERSION}" \
    "axe-core@${AXE_VERSION}" >/dev/null
  for f in *.tgz; do mkdir -p "${f%.tgz}"; tar xzf "$f" -C "${f%.tgz}"; done
)
dest=static/vendor
mkdir -p "$dest/rijkshuisstijl" "$dest/htmx" "$dest/axe-core"
cp "$work"/rijkshuisstijl-community-components-css-*/package/dist/index.css "$dest/rijkshuisstijl/components.css"
cp "$work"/rijkshuisstijl-community-design-tokens-*/package/dist/index.css "$dest/rijkshuisstijl/design-tokens.css"
cp "$work"/rijkshuisstijl-community-components-css-*/package/LICENSE.md "$dest/rijkshuisstijl/LICENSE.md"
cp "$work"/htmx.org-*/package/dist/htmx.min.js "$dest/htmx/htmx.min.js"
cp "$work"/htmx.org-*/package/LICENSE "$dest/htmx/LICENSE"
cp "$work"/axe-core-*/package/axe.min.js "$dest/axe-core/axe.min.js"
cp "$work"/axe-core-*/package/LICENSE "$dest/axe-core/LICENSE"
cat > "$dest/VERSIONS" <<VERS
@rijkshuisstijl-community/components-css ${COMPONENTS_VERSION}
@rijkshuisstijl-community/design-tokens ${TOKENS_VERSION}
htmx.org ${HTMX_VERSION}
axe-core ${AXE_VERSION}
VERS
echo "Vendored files refreshed in $dest:"
cat "$dest/VERSIONS"
