#!/usr/bin/env bash
# The GitHub Action's install step: put a tfgate binary at $TFGATE_BIN.
#
#   VERSION        release tag to download (v1.2.3); empty for the action's
#                  own ref when that is a release tag
#   ACTION_REF     the ref the action was used at (github.action_ref)
#   ACTION_PATH    the action's checkout (github.action_path)
#   BUILD          "true" to build from the action's source instead (needs
#                  Go on the runner; the caller's toolchain is left alone)
#   TFGATE_BIN     where the binary goes
#   TFGATE_RELEASES base URL of the releases (for tests)
#
# A downloaded binary is verified against the release's SHA256SUMS; a
# mismatch or a missing checksum is an error, never a fallback.
set -euo pipefail
: "${TFGATE_BIN:?}" "${ACTION_PATH:?}"
releases=${TFGATE_RELEASES:-https://github.com/tfgate/tfgate/releases/download}
version=${VERSION:-}
if [[ -z "$version" && "${ACTION_REF:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+].*)?$ ]]; then
	version=$ACTION_REF
fi

if [[ "${BUILD:-false}" == "true" || -z "$version" ]]; then
	if [[ "${BUILD:-false}" != "true" ]]; then
		echo "::error::tfgate: no release to download (the action is used at '${ACTION_REF:-}', not a release tag); set the version input, or build-from-source: true" >&2
		exit 2
	fi
	command -v go >/dev/null || { echo "::error::tfgate: build-from-source needs Go on the runner (actions/setup-go)" >&2; exit 2; }
	# GOTOOLCHAIN=auto fetches the Go that go.mod names into the module
	# cache for this build only; PATH and the caller's go stay as they are.
	(cd "$ACTION_PATH" && GOTOOLCHAIN=auto GOFLAGS=-trimpath go build \
		-ldflags "-X main.version=${ACTION_REF:-dev}" -o "$TFGATE_BIN" ./cmd/tfgate)
	echo "tfgate: built from source at ${ACTION_REF:-the checkout of the action}"
	exit 0
fi

case "$(uname -s)" in
Linux) os=linux ;;
Darwin) os=darwin ;;
MINGW* | MSYS* | CYGWIN*) os=windows ;;
*) echo "::error::tfgate: no release binary for $(uname -s)" >&2; exit 2 ;;
esac
case "$(uname -m)" in
x86_64 | amd64) arch=amd64 ;;
aarch64 | arm64) arch=arm64 ;;
*) echo "::error::tfgate: no release binary for $(uname -m)" >&2; exit 2 ;;
esac
asset="tfgate_${version}_${os}_${arch}"
[[ $os == windows ]] && asset+=.exe
dir=$(mktemp -d)
trap 'rm -rf -- "$dir"' EXIT
curl -fsSL --retry 3 -o "$dir/$asset" "$releases/$version/$asset"
curl -fsSL --retry 3 -o "$dir/SHA256SUMS" "$releases/$version/SHA256SUMS"
line=$(awk -v a="$asset" '$2 == a || $2 == "*" a' "$dir/SHA256SUMS")
if [[ -z "$line" ]]; then
	echo "::error::tfgate: SHA256SUMS of $version lists no $asset" >&2
	exit 2
fi
(cd "$dir" && printf '%s\n' "$line" | sha256sum --check --status) || {
	echo "::error::tfgate: $asset of $version does not match its SHA-256 checksum" >&2
	exit 2
}
install -m 0755 "$dir/$asset" "$TFGATE_BIN"
echo "tfgate: installed $version ($asset, checksum verified)"
