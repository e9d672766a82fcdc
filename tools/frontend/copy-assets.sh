#!/usr/bin/env bash
# Installs the pinned front-end packages and copies the files the app serves into wwwroot/lib.
# The copied files are committed, so running the app needs neither npm nor a CDN.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest="$here/../../src/Quartiersnetz.Web/wwwroot/lib"
cd "$here"
npm ci --no-audit --no-fund
kern=node_modules/@kern-ux/native
rm -rf "$dest/kern"
mkdir -p "$dest/kern/fonts"
cp "$kern/dist/kern.min.css" "$dest/kern/"
cp "$kern/dist/fonts/fira-sans.css" "$dest/kern/fonts/"
cp -r "$kern/dist/fonts/fira-sans" "$dest/kern/fonts/"
cp "$kern/LICENSE.md" "$dest/kern/LICENSE.md"
echo "copied @kern-ux/native $(node -p "require('./$kern/package.json').version") to $dest/kern"
leaflet=node_modules/leaflet
rm -rf "$dest/leaflet"
mkdir -p "$dest/leaflet/images"
cp "$leaflet/dist/leaflet.js" "$leaflet/dist/leaflet.css" "$dest/leaflet/"
cp "$leaflet/dist/images/"*.png "$dest/leaflet/images/"
cp "$leaflet/LICENSE" "$dest/leaflet/LICENSE"
echo "copied leaflet $(node -p "require('./$leaflet/package.json').version") to $dest/leaflet"
