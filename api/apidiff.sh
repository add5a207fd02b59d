#!/usr/bin/env bash
# The Go API check (`make api-diff`, `make api-baseline`; api/README.md): apidiff
# compares the exported API of packages wrapper and gen with a baseline: the latest
# v* tag when there is one, else the export data recorded in api/baseline/*.apidiff.
# An incompatible change fails unless a line of api/apidiff-allowed.txt (an extended
# regular expression, with the package name first: "gen: ...") matches it.
#
#   bash api/apidiff.sh check        # the check
#   bash api/apidiff.sh record       # record the current API as api/baseline/*.apidiff
set -euo pipefail
cd "$(dirname "$0")/.."
go_cmd=${GO:-go}
apidiff=(${go_cmd} run golang.org/x/exp/cmd/apidiff@v0.0.0-20261113113407-e3970619a1a4)
pkgs=(wrapper gen)
out=${SPEC_OUT:-build}/apidiff
mkdir -p "$out"

case "${1:-check}" in
record)
  for p in "${pkgs[@]}"; do
    "${apidiff[@]}" -w "api/baseline/$p.apidiff" "./$p"
  done
  echo "api-baseline: recorded the Go API of ${pkgs[*]} in api/baseline/"
  exit 0
  ;;
check) ;;
*) echo "usage: $0 check|record" >&2; exit 2 ;;
esac

base=api/baseline
tag=$(git describe --tags --abbrev=0 --match 'v*' 2>/dev/null || true)
if [ -n "$tag" ]; then
  wt=$(mktemp -d)
  trap 'git worktree remove --force "$wt" >/dev/null 2>&1 || true' EXIT
  git worktree add --detach "$wt" "$tag" >/dev/null
  base=$out/base-$tag
  mkdir -p "$base"
  for p in "${pkgs[@]}"; do
    (cd "$wt" && "${apidiff[@]}" -w "$OLDPWD/$base/$p.apidiff" "./$p")
  done
fi
echo "api-diff: the Go API of ${pkgs[*]} against $base${tag:+ (release $tag)}"
fail=0
for p in "${pkgs[@]}"; do
  "${apidiff[@]}" -incompatible "$base/$p.apidiff" "./$p" > "$out/$p.txt"
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    allowed=0
    while IFS= read -r pattern; do
      case "$pattern" in ''|'#'*) continue ;; esac
      if printf '%s: %s\n' "$p" "$line" | grep -Eq -- "$pattern"; then allowed=1; break; fi
    done < api/apidiff-allowed.txt
    if [ $allowed -eq 0 ]; then
      echo "api-diff: $p: incompatible change: $line" >&2
      fail=1
    fi
  done < "$out/$p.txt"
done
if [ $fail -ne 0 ]; then
  echo "api-diff: failed; keep the API compatible, or mark the change intended in api/apidiff-allowed.txt and CHANGELOG.md (api/README.md)" >&2
  exit 1
fi
echo "api-diff: no unapproved incompatible change"
