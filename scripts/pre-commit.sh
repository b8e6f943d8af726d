#!/usr/bin/env bash
# pre-commit entry point: check the plan.json of every directory holding a
# changed file. Directories without a plan.json are skipped with a note:
# tfgate gates plans, and a commit hook cannot run terraform plan for you.
set -euo pipefail

declare -A dirs=()
for file in "$@"; do
	dirs[$(dirname -- "$file")]=1
done

status=0
for dir in $(printf '%s\n' "${!dirs[@]}" | sort); do
	if [ -f "$dir/plan.json" ]; then
		tfgate check --quiet "$dir/plan.json" || status=$?
		if [ "$status" -ne 0 ]; then
			tfgate check "$dir/plan.json" || true
		fi
	else
		echo "tfgate: $dir has no plan.json; run terraform plan and terraform show -json to check it" >&2
	fi
done
exit "$status"
