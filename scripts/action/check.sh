#!/usr/bin/env bash
# The GitHub Action's check step: run tfgate on the plan and write the
# step's outputs, the job summary, and whether to upload SARIF.
#
#   TFGATE_BIN   the tfgate binary
#   PLAN         the plan to check (JSON or a binary plan file)
#   DIR POLICY CONFIG FAIL_ON TICKET   the action's inputs of those names
#   CATEGORY     code scanning category; empty for one derived from the
#                working directory
#   ARGS         more arguments, passed through (split on whitespace)
#   UPLOAD_SARIF, MARKDOWN_SUMMARY   "true" or "false"
#   RUNNER_TEMP GITHUB_OUTPUT GITHUB_STEP_SUMMARY GITHUB_WORKSPACE   as
#                GitHub sets them
#
# Outputs: exit-code, verdict (passed, failed or error), sarif, markdown,
# json, category, upload (whether the upload step runs).
set -uo pipefail
: "${TFGATE_BIN:?}" "${PLAN:?}" "${RUNNER_TEMP:?}" "${GITHUB_OUTPUT:?}"

category=${CATEGORY:-}
if [[ -z "$category" ]]; then
	# The working directory relative to the workspace names the analysis,
	# so that one job can gate several environments.
	rel=$(realpath --relative-to="${GITHUB_WORKSPACE:-$PWD}" "$PWD" 2>/dev/null || echo .)
	category="tfgate"
	[[ "$rel" != "." ]] && category="tfgate/$rel"
fi
slug=$(printf '%s' "$category" | tr -c 'A-Za-z0-9._-' '-')
sarif="$RUNNER_TEMP/$slug.sarif"
markdown="$RUNNER_TEMP/$slug.md"
json="$RUNNER_TEMP/$slug.json"
rm -f -- "$sarif" "$markdown" "$json"

args=(check --format text --no-color --category "$category"
	--report "sarif=$sarif" --report "markdown=$markdown" --report "json=$json")
[[ -n "${DIR:-}" ]] && args+=(--dir "$DIR")
[[ -n "${POLICY:-}" ]] && args+=(--policy "$POLICY")
[[ -n "${CONFIG:-}" ]] && args+=(--config "$CONFIG")
[[ -n "${FAIL_ON:-}" ]] && args+=(--fail-on "$FAIL_ON")
[[ -n "${TICKET:-}" ]] && args+=(--ticket "$TICKET")
if [[ -n "${ARGS:-}" ]]; then
	read -r -a extra <<<"$ARGS"
	args+=("${extra[@]}")
fi

"$TFGATE_BIN" "${args[@]}" "$PLAN"
code=$?
case $code in
0) verdict=passed ;;
1) verdict=failed ;;
*) verdict=error ;;
esac
upload=false
if [[ "${UPLOAD_SARIF:-true}" == "true" && -s "$sarif" ]]; then
	upload=true
fi
{
	echo "exit-code=$code"
	echo "verdict=$verdict"
	echo "category=$category"
	echo "upload=$upload"
	[[ -s "$sarif" ]] && echo "sarif=$sarif"
	[[ -s "$markdown" ]] && echo "markdown=$markdown"
	[[ -s "$json" ]] && echo "json=$json"
} >>"$GITHUB_OUTPUT"
if [[ "${MARKDOWN_SUMMARY:-true}" == "true" && -s "$markdown" && -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
	cat -- "$markdown" >>"$GITHUB_STEP_SUMMARY"
fi
exit 0
