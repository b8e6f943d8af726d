#!/usr/bin/env bash
# Regenerate the plan.json of every Terraform fixture under testdata/.
#
# A fixture is a directory holding a file named ".fixture". A prior.tfstate
# beside it is the state the plan starts from (planned with -refresh=false).
# The .fixture file may set
#   root=<path relative to the fixture dir>
# naming the project root that has to be copied along (for example ../.. when
# the fixture is environments/prod and it uses ../../modules). Without it the
# fixture dir itself is the root. Lines starting with # are comments.
#
# For each fixture the project root is copied into a scratch directory, a local
# backend and an offline AWS provider configuration are added, and then
#   terraform init / terraform plan / terraform show -json
# run there. The raw JSON is written to <fixture>/plan.json. Nothing in the
# repository is touched apart from plan.json.
#
# Usage:
#   bash scripts/fixtures.sh                  # every fixture under testdata/
#   bash scripts/fixtures.sh DIR [DIR...]     # only these fixture dirs
#
# Environment:
#   TFGATE_PROVIDER_MIRROR  provider filesystem mirror (the directory that
#                           contains registry.terraform.io/). Searched for
#                           when unset.
#   TERRAFORM               terraform binary to use (default: terraform).
set -euo pipefail

die() {
	printf 'fixtures.sh: error: %s\n' "$*" >&2
	exit 1
}

log() {
	printf 'fixtures.sh: %s\n' "$*" >&2
}

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
repo_root=$(cd -- "${script_dir}/.." && pwd -P)

# --- tools -------------------------------------------------------------------

tf=${TERRAFORM:-terraform}
if ! command -v "$tf" >/dev/null 2>&1; then
	die "terraform not found on PATH (set TERRAFORM to the binary to use)"
fi

# --- provider mirror -----------------------------------------------------------

find_mirror() {
	local candidate
	# The mirror root is the parent of a registry.terraform.io directory.
	while IFS= read -r candidate; do
		if [[ -d "${candidate}/hashicorp/aws" ]]; then
			dirname -- "$candidate"
			return 0
		fi
	done < <(find / -maxdepth 3 -type d -name registry.terraform.io \
		-not -path '/proc/*' -not -path '/sys/*' 2>/dev/null | sort)
	return 1
}

if [[ -n "${TFGATE_PROVIDER_MIRROR:-}" ]]; then
	mirror=$TFGATE_PROVIDER_MIRROR
	[[ -d "${mirror}/registry.terraform.io" ]] ||
		die "TFGATE_PROVIDER_MIRROR=${mirror} has no registry.terraform.io directory"
else
	mirror=$(find_mirror) ||
		die "no Terraform provider mirror found (no */registry.terraform.io/hashicorp/aws within depth 3 of /); set TFGATE_PROVIDER_MIRROR"
fi
mirror=$(cd -- "$mirror" && pwd -P)

# --- scratch space ---------------------------------------------------------------

scratch=$(mktemp -d "${TMPDIR:-/tmp}/tfgate-fixtures.XXXXXX")
cleanup() {
	rm -rf -- "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "${scratch}/plugin-cache"

cat >"${scratch}/terraform.rc" <<EOF
plugin_cache_dir = "${scratch}/plugin-cache"
plugin_cache_may_break_dependency_lock_file = true
disable_checkpoint = true

provider_installation {
  filesystem_mirror {
    path    = "${mirror}"
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
EOF

export TF_CLI_CONFIG_FILE="${scratch}/terraform.rc"
export TF_PLUGIN_CACHE_DIR="${scratch}/plugin-cache"
export TF_IN_AUTOMATION=1
export TF_INPUT=0
export CHECKPOINT_DISABLE=1
export AWS_EC2_METADATA_DISABLED=true
# A profile from the caller's environment would make the provider look for
# shared config; the fixtures use static fake keys only.
unset AWS_PROFILE AWS_DEFAULT_PROFILE TF_WORKSPACE TF_DATA_DIR \
	TF_CLI_ARGS TF_CLI_ARGS_init TF_CLI_ARGS_plan TF_CLI_ARGS_show

# --- override files --------------------------------------------------------------

write_backend_override() {
	cat >"$1/backend_override.tf" <<'EOF'
# Added by scripts/fixtures.sh: keep state local while planning the fixture.
terraform {
  backend "local" {}
}
EOF
}

# Fake credentials and every switch that would otherwise make the provider
# call AWS while it is configured.
provider_settings='  access_key                  = "AKIAFIXTURE000000000"
  secret_key                  = "fixture-secret-key-not-real"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true'

write_provider_config() {
	local dir=$1
	if grep -Eqs '^[[:space:]]*provider[[:space:]]+"aws"' "$dir"/*.tf; then
		# Merge into the fixture's own provider block (region, default_tags
		# and the rest stay as written).
		cat >"$dir/provider_override.tf" <<EOF
# Added by scripts/fixtures.sh: offline planning with fake credentials.
provider "aws" {
${provider_settings}
}
EOF
	else
		cat >"$dir/fixture_provider.tf" <<EOF
# Added by scripts/fixtures.sh: offline planning with fake credentials.
provider "aws" {
  region = "us-east-1"
${provider_settings}
}
EOF
	fi
}

# --- one fixture -------------------------------------------------------------------

# Print the root= value of a .fixture file ("." when absent).
fixture_root() {
	local file=$1 line root=.
	while IFS= read -r line || [[ -n "$line" ]]; do
		line=${line%%#*}
		line=${line//[[:space:]]/}
		case $line in
		root=*) root=${line#root=} ;;
		"") ;;
		*) die "${file}: unknown setting '${line}'" ;;
		esac
	done <"$file"
	[[ -n "$root" ]] || root=.
	printf '%s\n' "$root"
}

run_fixture() {
	local fixture=$1 n=$2
	local rel_name=${fixture#"${repo_root}/"}
	local root_rel root work_root sub work logf started elapsed

	root_rel=$(fixture_root "${fixture}/.fixture")
	[[ -d "${fixture}/${root_rel}" ]] ||
		die "${rel_name}/.fixture: root ${root_rel} is not a directory"
	root=$(cd -- "${fixture}/${root_rel}" && pwd -P)

	case $fixture in
	"$root") sub=. ;;
	"$root"/*) sub=${fixture#"${root}/"} ;;
	*) die "${rel_name}: fixture is not inside its root ${root_rel}" ;;
	esac

	work_root="${scratch}/work-${n}"
	mkdir -p "$work_root"
	# Copy the project without local Terraform state, caches or old outputs.
	tar -C "$root" -cf - \
		--exclude='.terraform' \
		--exclude='.terraform.lock.hcl' \
		--exclude='terraform.tfstate' \
		--exclude='terraform.tfstate.backup' \
		--exclude='*.tfplan' \
		--exclude='plan.json' \
		. | tar -C "$work_root" -xf -

	work="${work_root}/${sub}"
	write_backend_override "$work"
	write_provider_config "$work"

	local -a plan_args=(-input=false -no-color -lock=false -out=plan.tfplan)
	if [[ -f "${fixture}/tfvars.example" ]]; then
		plan_args+=(-var-file=tfvars.example)
	fi
	# A fixture with a prior.tfstate plans against that state, so that it
	# can update, replace and delete. Refreshing would ask AWS about the
	# resources, so the plan trusts the state as written.
	if [[ -f "${fixture}/prior.tfstate" ]]; then
		cp -- "${fixture}/prior.tfstate" "${work}/terraform.tfstate"
		plan_args+=(-refresh=false)
	fi

	logf="${scratch}/log-${n}.txt"
	started=$SECONDS
	log "${rel_name}: planning"
	if ! (
		cd -- "$work" &&
			"$tf" init -input=false -no-color >"$logf" 2>&1 &&
			"$tf" plan "${plan_args[@]}" >>"$logf" 2>&1 &&
			"$tf" show -json -no-color plan.tfplan >plan.json 2>>"$logf"
	); then
		cat "$logf" >&2
		die "${rel_name}: terraform failed (output above)"
	fi

	# Write next to the fixture through a temp name so a failed run never
	# leaves a truncated plan.json behind.
	cp -- "${work}/plan.json" "${fixture}/plan.json.tmp"
	mv -f -- "${fixture}/plan.json.tmp" "${fixture}/plan.json"
	elapsed=$((SECONDS - started))
	log "${rel_name}: wrote plan.json (${elapsed}s)"

	rm -rf -- "$work_root"
}

# --- fixture selection --------------------------------------------------------------

fixtures=()
if (($# > 0)); then
	for arg in "$@"; do
		if [[ -d "$arg" ]]; then
			dir=$(cd -- "$arg" && pwd -P)
		elif [[ -d "${repo_root}/${arg}" ]]; then
			dir=$(cd -- "${repo_root}/${arg}" && pwd -P)
		else
			die "${arg}: no such directory"
		fi
		[[ -f "${dir}/.fixture" ]] || die "${arg}: not a fixture (no .fixture file)"
		fixtures+=("$dir")
	done
else
	[[ -d "${repo_root}/testdata" ]] || die "no testdata/ directory in ${repo_root}"
	while IFS= read -r marker; do
		fixtures+=("$(cd -- "$(dirname -- "$marker")" && pwd -P)")
	done < <(find "${repo_root}/testdata" -type f -name .fixture \
		-not -path '*/.terraform/*' | LC_ALL=C sort)
	((${#fixtures[@]} > 0)) || die "no fixtures (.fixture files) under testdata/"
fi

log "terraform: $("$tf" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p' | head -n1)"
log "provider mirror: ${mirror}"

i=0
for fixture in "${fixtures[@]}"; do
	i=$((i + 1))
	run_fixture "$fixture" "$i"
done

log "done: ${#fixtures[@]} fixture(s) regenerated"
