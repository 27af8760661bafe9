#!/bin/sh
# Converts every workbook of a settlement folder to PDF with LibreOffice
# headless, so that anyone can look at the pages as a bureau head prints
# them: scripts/render.sh out/2025  (PDFs go to out/2025/pdf/).
# Installs LibreOffice Calc and a CJK font from Debian when missing:
# without a CJK font every glyph prints as a box.
set -eu
dir=${1:?usage: render.sh DIR}
if ! command -v soffice >/dev/null 2>&1 || ! fc-list :lang=zh | grep -q .; then
	echo "installing libreoffice-calc-nogui and fonts-wqy-microhei" >&2
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
		libreoffice-calc-nogui fonts-wqy-microhei poppler-utils
fi
mkdir -p "$dir/pdf"
# A profile of our own: a first run writes one, and two renders at once
# must not share it.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$dir/pdf" "$dir"/*.xlsx >&2
for pdf in "$dir"/pdf/*.pdf; do
	if command -v pdfinfo >/dev/null 2>&1; then
		printf '%s: %s pages\n' "$(basename "$pdf")" "$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
	else
		echo "$pdf"
	fi
done
