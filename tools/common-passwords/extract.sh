#!/usr/bin/env bash
# Extracts the list of common passwords the app rejects (Platform/Auth/CommonPasswords.txt) from the npm
# package @zxcvbn-ts/language-common (MIT; the list of the zxcvbn project by Dropbox). Only entries that
# the length rule would let through (10 characters or more) are kept: shorter ones are rejected anyway,
# and the file stays small. Entries are lower-cased, because the app compares case-insensitively.
set -euo pipefail
version=4.1.3
here=$(cd "$(dirname "$0")" && pwd)
dest="$here/../../src/Quartiersnetz.Web/Platform/Auth"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "@zxcvbn-ts/language-common@$version" >/dev/null
tar xzf "zxcvbn-ts-language-common-$version.tgz"
node -e '
const list = require("./package/src/passwords.json");
const seen = new Set();
const out = [];
for (const entry of list) {
  const p = String(entry).toLowerCase();
  if (p.length >= 10 && p.length <= 200 && !seen.has(p)) { seen.add(p); out.push(p); }
}
process.stdout.write(out.join("\n") + "\n");
' > "$dest/CommonPasswords.txt"
{
  echo "CommonPasswords.txt: entries of at least 10 characters, lower-cased, from the npm package"
  echo "@zxcvbn-ts/language-common $version (src/passwords.json), extracted by tools/common-passwords/extract.sh."
  echo "The list comes from the zxcvbn project (Dan Wheeler and Dropbox, Inc.) as maintained by zxcvbn-ts."
  echo
  cat package/LICENSE.txt
} > "$dest/CommonPasswords.LICENSE.txt"
echo "wrote $(wc -l < "$dest/CommonPasswords.txt") passwords to $dest/CommonPasswords.txt"
