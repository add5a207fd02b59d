#!/usr/bin/env bash
# Negative proof for the spec gates (run by `make spec-selftest`).
#
# Copies the spec (first argument, default openapi.yaml) into a temporary folder,
# breaks each copy in one known way and runs the real make target on it, with
# SPEC and SPEC_OUT pointing at the copy. A case passes when the target fails for
# the expected reason (a pattern in its output). An unbroken copy must pass every
# target first, so a failure can only come from the edit.
#
# The edits are sed scripts tied to the current text of openapi.yaml. When the spec
# moves on and an edit no longer changes anything, the script says so and fails:
# update the edit rather than deleting the case.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
spec_arg=${1:-openapi.yaml}
case $spec_arg in
  /*) spec=$spec_arg ;;
  *) spec=$root/$spec_arg ;;
esac
make_cmd=${MAKE:-make}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0

# copy NAME [SED_SCRIPT]: $tmp/NAME/openapi.yaml is the spec, edited by SED_SCRIPT.
copy() {
  local name=$1 script=${2:-}
  mkdir -p "$tmp/$name"
  if [ -z "$script" ]; then
    cp "$spec" "$tmp/$name/openapi.yaml"
    return
  fi
  sed -e "$script" "$spec" > "$tmp/$name/openapi.yaml"
  if cmp -s "$spec" "$tmp/$name/openapi.yaml"; then
    echo "FAIL $name: the edit no longer changes $spec_arg; update it in api/selftest.sh" >&2
    exit 1
  fi
}

# target NAME TARGET [MAKE_VARS...]: runs the make target on copy NAME; output in a log.
target() {
  local name=$1 goal=$2
  shift 2
  (cd "$root" && "$make_cmd" -s --no-print-directory "$goal" \
    SPEC="$tmp/$name/openapi.yaml" SPEC_OUT="$tmp/$name/build" SPEC_BASE="$spec" "$@") \
    > "$tmp/$name/$goal.log" 2>&1
}

ok() {
  passed=$((passed + 1))
  echo "ok   $*"
}

not_ok() {
  failed=$((failed + 1))
  echo "FAIL $*"
}

# expect_pass NAME TARGET WHAT [MAKE_VARS...]
expect_pass() {
  local name=$1 goal=$2 what=$3
  shift 3
  if target "$name" "$goal" "$@"; then
    ok "$what: $goal passes"
  else
    not_ok "$what: $goal failed on a copy that should pass; its output:"
    sed 's/^/     /' "$tmp/$name/$goal.log"
  fi
}

# expect_fail NAME TARGET PATTERN WHAT: the target must fail and print PATTERN.
expect_fail() {
  local name=$1 goal=$2 pattern=$3 what=$4
  if target "$name" "$goal"; then
    not_ok "$what: $goal passed on the broken copy"
  elif grep -qE -- "$pattern" "$tmp/$name/$goal.log"; then
    ok "$what: $goal fails ($(grep -oE -m1 -- "$pattern" "$tmp/$name/$goal.log"))"
  else
    not_ok "$what: $goal failed, but not with /$pattern/; its output:"
    sed 's/^/     /' "$tmp/$name/$goal.log"
  fi
}

echo "spec-selftest: breaking copies of $spec_arg in $tmp"

# Control: the unbroken copy passes, so the failures below come from the edits.
copy control
expect_pass control spec-lint "unchanged copy"
expect_pass control spec-ts "unchanged copy"
expect_pass control spec-diff "unchanged copy"

# Lint: a property without a description (configurable rule in api/redocly.yaml).
copy no-property-description '/^          description: Free-form labels attached to the customer\.$/d'
expect_fail no-property-description spec-lint 'rule/property-description' "Customer.tags without description"

# Lint: a header parameter without a description (parameter-description).
copy no-parameter-description '/^      description: An optional correlation vector for tracing across services\.$/d'
expect_fail no-parameter-description spec-lint 'parameter-description' "MS-CV parameter without description"

# Lint: an example that its schema rejects. Redocly reports it as a warning, so this
# also proves that spec-lint fails on warnings, not only on errors.
copy invalid-example '0,/relationshipToPartner: reseller$/s//relationshipToPartner: partner/'
expect_fail invalid-example spec-lint 'no-invalid-media-type-examples' "example with relationshipToPartner outside its enum"

# Breaking-change gate: a response field removed.
removed_field='/^    Customer:$/,/^    CustomerCompanyProfile:$/{/^        associatedPartnerId:$/,+2d}'
copy removed-field "$removed_field"
expect_fail removed-field spec-diff 'response-optional-property-removed' "Customer.associatedPartnerId removed"

# ... and the same removal passes once it is marked as intended.
copy removed-field-allowed "$removed_field"
cat > "$tmp/removed-field-allowed/allowed.txt" <<'EOF'
selftest: GET /customers removed the optional property `items/items/associatedPartnerId` from the response with the `200` status
selftest: GET /customers/{customerTenantId} removed the optional property `associatedPartnerId` from the response with the `200` status
selftest: PATCH /customers/{customerTenantId} removed the optional property `associatedPartnerId` from the response with the `200` status
EOF
expect_pass removed-field-allowed spec-diff "the same removal listed as intended" \
  SPEC_ALLOWED="$tmp/removed-field-allowed/allowed.txt"

# TypeScript: Customer.id becomes a number while usage.ts reads it as a string.
copy id-integer '/^    Customer:$/,/^    CustomerCompanyProfile:$/{/^        id:$/{n;s/type: string/type: integer/}}'
expect_fail id-integer spec-ts "usage\.ts\([0-9]+,[0-9]+\): error TS2322" "Customer.id as integer"

# TypeScript: a property usage.ts reads disappears (companyProfile.address).
copy no-address '/^    CustomerCompanyProfile:$/,/^    CustomerBillingProfile:$/{/^        address:$/,+1d}'
expect_fail no-address spec-ts "usage\.ts\([0-9]+,[0-9]+\): error TS2339" "CustomerCompanyProfile.address removed"

# TypeScript: ApiFault.code narrowed to a string, although the service sends a number.
copy code-string-only '/^    ErrorCode:$/a\
      type: string'
expect_fail code-string-only spec-ts "usage\.ts\([0-9]+,[0-9]+\): error TS" "ErrorCode as string only"

echo "spec-selftest: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
