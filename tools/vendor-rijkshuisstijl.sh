#!/usr/bin/env bash
# Vendors the Rijkshuisstijl Community CSS (NL Design System) into wwwroot/lib/rijkshuisstijl-community, so that
# building and running the app needs no Node. Run it from anywhere when the versions below change; commit the result.
#
# Needs Node 20+ and npm (only for this script). It installs the pinned packages into a temporary directory and
# copies only what the app uses:
#   design-tokens/root.css   the Rijkshuisstijl design tokens (CSS custom properties on :root), the package's file as is
#   components.css           the components the app uses, built from the components package's own sources: the
#                            per-component CSS of its pinned dependencies (@utrecht/*, @nl-design-system-candidate/*)
#                            followed by the community's own rules for those components, in the order of its bundle.
#                            The package's complete bundle (dist/index.css, 352 kB) would be 22 kB with Brotli; the
#                            subset is a fraction of it.
#   LICENSE files            of every package whose CSS is copied, next to it.
# No font is copied: the packages contain none. The tokens name 'Fira Sans' first and fall back to Arial, Verdana,
# sans-serif; the Rijksoverheid's own typefaces are not free to use and are not part of the packages.
set -euo pipefail

COMPONENTS_VERSION=12.0.0   # @rijkshuisstijl-community/components-css (EUPL-1.2)
TOKENS_VERSION=11.1.0       # @rijkshuisstijl-community/design-tokens (see its LICENSE.md)
SASS_VERSION=1.108.2        # sass (MIT), only to compile the community's SCSS; nothing of it is vendored

# The components the app uses. UTRECHT: packages whose dist/index.css is copied (in this order).
# CANDIDATE: @nl-design-system-candidate/* packages, included through the community's SCSS below.
# RHC: the community's own component sources (components-css/src/<name>/index.scss).
UTRECHT=(alert badge-status button button-link document form-field form-field-description form-field-error-message
         form-fieldset form-label link link-button nav-bar nav-list ordered-list page-body page-content page-footer
         page-header page-layout paragraph select table textarea textbox unordered-list checkbox radio-button
         separator)
CANDIDATE=(heading link paragraph skip-link number-badge)
RHC=(alert button checkbox form-field heading link number-badge ordered-list paragraph select separator skip-link
     table text-input textarea unordered-list visually-hidden)

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/wwwroot/lib/rijkshuisstijl-community"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
npm init -y >/dev/null
npm install --ignore-scripts --no-audit --no-fund --save-exact --loglevel=error \
    "@rijkshuisstijl-community/components-css@$COMPONENTS_VERSION" \
    "@rijkshuisstijl-community/design-tokens@$TOKENS_VERSION" \
    "sass@$SASS_VERSION"

nm="$tmp/node_modules"
pkg="$nm/@rijkshuisstijl-community/components-css"
# The community's SCSS reaches its dependencies as ../../node_modules/… (its own, unhoisted, folder).
ln -s "$nm" "$pkg/node_modules"

rm -rf "$out"
mkdir -p "$out/design-tokens" "$out/components-css/licenses"

# Tokens: the file as published.
cp "$nm/@rijkshuisstijl-community/design-tokens/dist/root.css" "$out/design-tokens/root.css"
cp "$nm/@rijkshuisstijl-community/design-tokens/LICENSE.md" "$out/design-tokens/LICENSE.md"

# Components: one SCSS entry with the chosen parts, compiled to one plain CSS file.
entry="$pkg/ibt-subset.scss"
{
    for c in "${UTRECHT[@]}"; do echo "@use \"node_modules/@utrecht/$c-css/dist/index.css\" as utrecht-$c;"; done
    for c in "${RHC[@]}"; do echo "@use \"src/$c/index\" as rhc-$c;"; done
} > "$entry"
{
    echo "/* Rijkshuisstijl Community components-css $COMPONENTS_VERSION, the components this app uses: built by"
    echo "   tools/vendor-rijkshuisstijl.sh from the package's sources and its pinned dependencies. Do not edit."
    echo "   EUPL-1.2; see licenses/ next to this file. */"
    (cd "$pkg" && "$nm/.bin/sass" --no-source-map --style=compressed --load-path="$pkg" ibt-subset.scss) | sed "1s/^\xEF\xBB\xBF//"  # sass starts non-ASCII output with a BOM
} > "$out/components-css/components.css"

# Licences of every package whose CSS is in components.css.
cp "$pkg/LICENSE.md" "$out/components-css/LICENSE.md"
for c in "${UTRECHT[@]}"; do cp "$nm/@utrecht/$c-css/LICENSE.md" "$out/components-css/licenses/utrecht-$c-css.LICENSE.md"; done
for c in "${CANDIDATE[@]}"; do cp "$nm/@nl-design-system-candidate/$c-css/LICENSE.md" "$out/components-css/licenses/nl-design-system-candidate-$c-css.LICENSE.md"; done

# What is in the folder, with the exact versions, for reviewers and licence checks.
{
    echo "# Rijkshuisstijl Community CSS (vendored)"
    echo
    echo "Written by tools/vendor-rijkshuisstijl.sh; do not edit by hand. See docs/operations.md (*The look*)."
    echo
    echo "| package | version | licence |"
    echo "| --- | --- | --- |"
    for p in "@rijkshuisstijl-community/components-css" "@rijkshuisstijl-community/design-tokens" \
             $(printf '@utrecht/%s-css ' "${UTRECHT[@]}") $(printf '@nl-design-system-candidate/%s-css ' "${CANDIDATE[@]}"); do
        node -e 'const p=require(process.argv[1]);console.log(`| ${p.name} | ${p.version} | ${p.license} |`)' "$nm/$p/package.json"
    done
} > "$out/README.md"

ls -l "$out" "$out/design-tokens" "$out/components-css"
