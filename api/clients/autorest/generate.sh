#!/usr/bin/env bash
# Generates the AutoRest Python client of the generator matrix, offline:
#
#   bash api/clients/autorest/generate.sh SPEC OUTDIR
#
# Everything comes from api/node_modules (npm ci, pinned in api/package.json) and
# Debian packages; nothing is fetched from PyPI and nothing goes to ~/.autorest:
#
# * AutoRest core and modelerfour are the pinned local packages (--version, --use),
#   so the autorest CLI does not download extensions at run time.
# * @autorest/python runs its Python half from a virtual environment in its package
#   folder, which its npm install script would fill from PyPI. Instead, that
#   environment is made here from Debian's python3 with --system-site-packages,
#   over the Debian packages that hold the same modules (black, python3-jinja2,
#   python3-yaml, python3-docutils, python3-jsonrpc, python3-m2r; `make
#   spec-clients-deps` installs them). Its install script is never run (npm ci
#   --ignore-scripts), and start.py uses an existing environment as it is.
# * The generator imports m2r2, a fork of m2r with the same API that Debian does
#   not package; a one-line module m2r2.py in the environment re-exports m2r.
# * PYTHONUNBUFFERED must be unset: the extension prints one line on stdout before
#   the JSON-RPC stream starts, and unbuffered that line reaches AutoRest first,
#   which then stops with "Header must provide a Content-Length property".
#
# Options: msrest models (the strictest decoding), head-as-boolean (the domain check
# answers True for 200, taken, and False for 404, available).
set -euo pipefail

spec=$1
out=$2
root=$(cd "$(dirname "$0")/../../.." && pwd)
modules=$root/api/node_modules
python=${PYTHON:-/usr/bin/python3}
ext=$modules/@autorest/python

if ! "$python" -c 'import azure.core, black, jinja2, yaml, docutils, jsonrpc, m2r, isodate, requests' 2>/dev/null; then
  echo "autorest: $python lacks Debian packages the generator or the client needs; run 'make spec-clients-deps'" >&2
  exit 1
fi

venv=$ext/venv
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv --system-site-packages --without-pip "$venv"
fi
site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
printf '# m2r2 is a fork of m2r with the same API; Debian packages m2r.\nfrom m2r import *  # noqa: F401,F403\nfrom m2r import RestRenderer, convert  # noqa: F401\n' > "$site/m2r2.py"

rm -rf "$out"
mkdir -p "$out"
env -u PYTHONUNBUFFERED "$modules/.bin/autorest" \
  --version="$modules/@autorest/core" \
  --use="$modules/@autorest/modelerfour" \
  --use="$ext" \
  --python \
  --input-file="$spec" \
  --output-folder="$out" \
  --namespace=partnercenter \
  --package-name=partnercenter \
  --models-mode=msrest \
  --head-as-boolean=true \
  --clear-output-folder \
  > "$out.log" 2>&1 || { cat "$out.log" >&2; exit 1; }
grep -E '^(warning|error)' "$out.log" | sed 's/^/autorest: /' || true
echo "autorest: client generated in $out"
