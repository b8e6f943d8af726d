#!/usr/bin/env bash
# Peak memory and wall time of the tfgate CLI against the lower bound
# (encoding/json decoding the same file into interface{}), on plans of
# 1k, 10k and 50k resource instances made from the noncompliant foundation
# plan. Each figure is the best of RUNS runs (default 3) of a fresh process.
#
#	scripts/bench.sh [SIZE...]     e.g. scripts/bench.sh 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -x /usr/bin/time ]] || { echo "bench.sh: needs GNU time (/usr/bin/time; Debian package time)" >&2; exit 1; }
runs=${RUNS:-3}
sizes=("$@")
((${#sizes[@]} > 0)) || sizes=(1000 10000 50000)
base=testdata/foundation/environments/prod-noncompliant/plan.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/tfgate" ./cmd/tfgate
go build -o "$work/decodeany" ./scripts/decodeany
go build -o "$work/benchplan" ./scripts/benchplan

# best CMD...: prints "seconds peak-KiB", the least of each over the runs.
best() {
	local s k best_s="" best_k=""
	for ((i = 0; i < runs; i++)); do
		/usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
			# tfgate exits 1 when the plan fails the gate, as this one does.
			[[ $? -eq 1 ]] || { cat "$work/stderr" >&2; exit 1; }
		}
		read -r s k < <(tail -n 1 "$work/time") # after a "Command exited with non-zero status" line
		if [[ -z $best_s ]] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; fi
		if [[ -z $best_k ]] || ((k < best_k)); then best_k=$k; fi
	done
	echo "$best_s $best_k"
}

printf '%-8s %9s %22s %22s %13s\n' instances "file MB" "tfgate s / peak MiB" "decode s / peak MiB" "time / memory"
for n in "${sizes[@]}"; do
	plan="$work/plan-$n.json"
	"$work/benchplan" -n "$n" -o "$plan" "$base"
	read -r ts tk < <(best "$work/tfgate" check --format json "$plan")
	read -r ds dk < <(best "$work/decodeany" "$plan")
	awk -v n="$n" -v size="$(stat -c %s "$plan")" -v ts="$ts" -v tk="$tk" -v ds="$ds" -v dk="$dk" 'BEGIN {
		printf "%-8d %9.1f %12.2f / %6.0f %12.2f / %6.0f %6.1f× / %.1f×\n",
			n, size / 1e6, ts, tk / 1024, ds, dk / 1024, ts / ds, tk / dk
	}'
done
