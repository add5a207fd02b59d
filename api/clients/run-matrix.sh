#!/usr/bin/env bash
# The generator matrix (`make spec-clients`, api/README.md): generates a client from the
# UNPATCHED spec with each generator, compiles it with the scenario script that uses it,
# and runs the script against the standalone fake (`partnercenter fake serve`).
#
#   bash api/clients/run-matrix.sh [GENERATOR...]
#
# GENERATOR is openapi-fetch, hey-api, orval or autorest; default: all four. Environment:
# SPEC (default openapi.yaml), SPEC_OUT (default build; everything goes to
# SPEC_OUT/clients), GO (default go), PYTHON (default /usr/bin/python3, Debian's, which
# has the packages of `make spec-clients-deps`), PARTNERCENTER_BIN (a built
# cmd/partnercenter to use instead of building one).
#
# Per generator, two fakes start on loopback, one answering the organization as the
# documented array, over HTTPS with its certificate handed to the client as trusted,
# and one answering it as a bare object (--organization-as-object) over plain HTTP
# (--http). Not two HTTPS fakes: their certificates carry the same subject, and
# OpenSSL, which Node and Python use, picks one of them by subject and rejects the
# other's server. So both transports get exercised. After the script the
# fakes stop and their --violations files must be empty (the documented refusals the
# scenario provokes on purpose are answers, not violations): a request that broke the
# spec (a wrongly serialized filter, an undeclared parameter) fails the generator even
# when the script did not notice.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
spec=$(realpath "${SPEC:-openapi.yaml}")
out=$(mkdir -p "${SPEC_OUT:-build}/clients" && realpath "${SPEC_OUT:-build}/clients")
go_cmd=${GO:-go}
npm_bin=$root/api/node_modules/.bin
generators=("$@")
[ ${#generators[@]} -gt 0 ] || generators=(openapi-fetch hey-api orval autorest)
python=${PYTHON:-/usr/bin/python3}

# Generated customers on top of the documented ones; the listing check counts them all.
extra_customers=25
documented_customers=2

# unexpected_violations FILE: prints the lines of the violations FILE. The fake reports
# only requests that break the spec (and its own errors); a refusal the spec documents
# (x-refusals), which the scenario provokes on purpose, is an answer, not a violation.
unexpected_violations() {
  [ -e "$1" ] || return 0
  grep -v '^[[:space:]]*$' "$1" || true
}

fake_pids=()
stop_fakes() {
  local pid
  for pid in "${fake_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${fake_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  fake_pids=()
}
trap stop_fakes EXIT

# start_fake DIR [FLAGS...]: starts a fake writing its URL, certificate and violations
# into DIR, and waits (at most 30 s) for the URL file.
start_fake() {
  local dir=$1
  shift
  rm -rf "$dir"
  mkdir -p "$dir"
  local cert=(--cert-file "$dir/cert.pem")
  [[ " $* " == *" --http "* ]] && cert=()
  "$out/partnercenter" fake serve --addr 127.0.0.1:0 --customers "$extra_customers" \
    --url-file "$dir/url" "${cert[@]}" --violations "$dir/violations.jsonl" \
    --duration 10m "$@" > "$dir/stdout.log" 2> "$dir/stderr.log" &
  fake_pids+=($!)
  local i
  for i in $(seq 300); do
    [ -s "$dir/url" ] && return 0
    if ! kill -0 "${fake_pids[-1]}" 2>/dev/null; then
      echo "run-matrix: the fake in $dir exited:" >&2
      cat "$dir/stderr.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "run-matrix: the fake in $dir wrote no URL within 30 s" >&2
  return 1
}

echo "run-matrix: generating from $spec into $out"
rm -rf "$out/src" "$out/js"
mkdir -p "$out/src"
cp -r api/clients/. "$out/src/"
rm -f "$out/src/run-matrix.sh" "$out/src/tsconfig.json"
# The generated code and the scripts import openapi-fetch etc. from api/'s pinned tools.
ln -sfn "$root/api/node_modules" "$out/node_modules"

ts=()
for g in "${generators[@]}"; do
  case $g in
    openapi-fetch)
      "$npm_bin/openapi-typescript" "$spec" --output "$out/src/openapi-fetch/openapi.ts" ;;
    hey-api)
      "$npm_bin/openapi-ts" --input "$spec" --output "$out/src/hey-api/generated" --client @hey-api/client-fetch ;;
    orval)
      SPEC="$spec" OUT="$out/src/orval" "$npm_bin/orval" --config api/clients/orval/orval.config.cjs ;;
    autorest)
      bash api/clients/autorest/generate.sh "$spec" "$out/autorest" ;;
    *)
      echo "run-matrix: unknown generator $g" >&2
      exit 2 ;;
  esac
  [ "$g" = autorest ] || ts+=("$g")
done
# Only the selected TypeScript clients are compiled.
for d in openapi-fetch hey-api orval; do
  [[ " ${ts[*]} " == *" $d "* ]] || rm -rf "${out:?}/src/$d"
done
rm -rf "$out/src/autorest"
if [ ${#ts[@]} -gt 0 ]; then
  cp api/clients/tsconfig.json "$out/tsconfig.json"
  "$npm_bin/tsc" -p "$out/tsconfig.json"
fi

if [ -n "${PARTNERCENTER_BIN:-}" ]; then
  cp "$PARTNERCENTER_BIN" "$out/partnercenter"
else
  "$go_cmd" build -o "$out/partnercenter" ./cmd/partnercenter
fi

failed=0
passed=0
for g in "${generators[@]}"; do
  run=$out/run/$g
  start_fake "$run/array"
  start_fake "$run/object" --organization-as-object --http
  cp "$run/array/cert.pem" "$run/trusted.pem"
  export PC_FAKE_URL PC_FAKE_OBJECT_URL PC_FAKE_CUSTOMERS
  PC_FAKE_URL=$(cat "$run/array/url")
  PC_FAKE_OBJECT_URL=$(cat "$run/object/url")
  PC_FAKE_CUSTOMERS=$((documented_customers + extra_customers))
  rc=0
  if [ "$g" = autorest ]; then
    SSL_CERT_FILE="$run/trusted.pem" REQUESTS_CA_BUNDLE="$run/trusted.pem" \
      PYTHONPATH="$out/autorest" "$python" api/clients/autorest/run.py || rc=$?
  else
    NODE_EXTRA_CA_CERTS="$run/trusted.pem" node "$out/js/$g/run.js" || rc=$?
  fi
  stop_fakes
  for form in array object; do
    unexpected=$(unexpected_violations "$run/$form/violations.jsonl")
    if [ -n "$unexpected" ]; then
      echo "FAIL $g: the fake ($form) saw requests that break the spec:"
      printf '%s\n' "$unexpected" | sed 's/^/     /'
      rc=1
    fi
  done
  if [ "$rc" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "spec-clients: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
