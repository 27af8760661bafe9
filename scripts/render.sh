#!/bin/sh
# Converts workbooks to PDF with LibreOffice headless, so that anyone can
# look at the pages as a bureau head prints them:
#   scripts/render.sh out/2025            every workbook of the folder → render/2025/
#   scripts/render.sh /tmp/d.xlsx         one workbook (e.g. settle diff --xlsx) → render/d/
# The PDFs go under render/ in the current folder, never into a settlement
# folder: a published settlement holds exactly the files its manifest lists.
# Prints the pages of each PDF. Installs LibreOffice Calc, a CJK font and
# poppler-utils (pdfinfo, pdftoppm) from Debian when missing: without a
# CJK font every glyph prints as a box.
set -eu
target=${1:?usage: render.sh DIR|FILE.xlsx}
if [ -d "$target" ]; then
	pdfdir=render/$(basename "$target")
	set -- "$target"/*.xlsx
else
	[ -f "$target" ] || { echo "render.sh: $target: no such folder or workbook" >&2; exit 2; }
	pdfdir=render/$(basename "$target" .xlsx)
	set -- "$target"
fi
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1 || ! fc-list :lang=zh | grep -q .; then
	echo "installing libreoffice-calc-nogui, fonts-wqy-microhei and poppler-utils" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends \
		libreoffice-calc-nogui fonts-wqy-microhei poppler-utils
fi
mkdir -p "$pdfdir"
# A profile of our own: a first run writes one, and two renders at once
# must not share it.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$pdfdir" "$@" >&2
for xlsx in "$@"; do
	pdf="$pdfdir/$(basename "$xlsx" .xlsx).pdf"
	printf '%s: %s pages\n' "$pdf" "$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
done
