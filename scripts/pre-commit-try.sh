#!/usr/bin/env bash
# Run this repository's pre-commit hooks for real, from a scratch
# repository, as a user would with `pre-commit try-repo`: the check hook
# must fail a noncompliant root and pass a compliant one, the test hook
# must fail a broken policy test. Needs pre-commit, git and Go.
set -euo pipefail
repo=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
command -v pre-commit >/dev/null || { echo "pre-commit-try.sh: pre-commit is not installed" >&2; exit 1; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tfgate-pre-commit.XXXXXX")
trap 'rm -rf -- "$scratch"' EXIT
# try-repo needs a git repository; a checkout without .git is copied into
# one.
if ! git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	mkdir "$scratch/hooks"
	cp -R "$repo/." "$scratch/hooks/"
	git -C "$scratch/hooks" init -q
	git -C "$scratch/hooks" add -A
	git -C "$scratch/hooks" -c user.email=ci@example.com -c user.name=ci commit -qm hooks
	repo="$scratch/hooks"
fi
mkdir "$scratch/work"
cd "$scratch/work"
git init -q .
git config user.email ci@example.com
git config user.name ci
mkdir -p prod policies
cat >prod/main.tf <<'TF'
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
TF
cat >policies/org_test.rego <<'REGO'
package org_test

test_broken if {
	1 == 2
}
REGO
git add -A
git commit -qm scratch

# expect pass|fail PATTERN COMMAND...: the command passes or fails, and
# its output holds PATTERN (so that a failure is the one meant, not a
# failed build).
expect() {
	local want=$1 pattern=$2
	shift 2
	set +e
	out=$("$@" 2>&1)
	code=$?
	set -e
	if [[ "$want" == fail && $code -eq 0 || "$want" == pass && $code -ne 0 ]] || ! grep -Eq -- "$pattern" <<<"$out"; then
		echo "pre-commit-try.sh: $* should $want with output matching $pattern (exit $code):" >&2
		echo "$out" >&2
		exit 1
	fi
	echo "pre-commit-try.sh: ok: $want: $*"
}
expect fail 'FAIL aws-s3-encryption' pre-commit try-repo "$repo" tfgate-check --files prod/main.tf
expect fail 'FAIL .*test_broken' pre-commit try-repo "$repo" tfgate-test --files policies/org_test.rego
cat >prod/main.tf <<'TF'
resource "terraform_data" "nothing" {}
TF
git commit -qam compliant
expect pass 'tfgate check\.+Passed' pre-commit try-repo "$repo" tfgate-check --files prod/main.tf
