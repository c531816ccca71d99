#!/usr/bin/env bash
# Regenerates every icon the installers need from icon.svg (run after editing the SVG; the outputs are committed,
# so packaging never needs these tools). Debian: apt-get install -y librsvg2-bin icnsutils icoutils
#   png/NxN.png  Linux (electron-builder reads the folder; names must be NxN.png), also the window icon
#   icon.icns    macOS (16…1024, incl. the @2x sizes Retina Docks use)
#   icon.ico     Windows (16…256; 256 is stored as PNG, the rest as bitmaps, as Explorer expects)
set -euo pipefail
cd "$(dirname "$0")"
for tool in rsvg-convert png2icns icotool; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y librsvg2-bin icnsutils icoutils" >&2; exit 1; }
done
rm -rf png && mkdir png
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "png/${size}x${size}.png"
done
png2icns icon.icns png/{16x16,32x32,48x48,128x128,256x256,512x512,1024x1024}.png >/dev/null
icotool -c -o icon.ico png/{16x16,24x24,32x32,48x48,64x64,128x128}.png -r png/256x256.png
echo "icons written to $(pwd)"
