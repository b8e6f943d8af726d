#!/usr/bin/env bash
# Peak memory and wall time of the tfgate CLI against the lower bound
# (encoding/json decoding the same file into interface{}), on plans of
# 1k, 10k and 50k resource instances made from the noncompliant foundation
# plan. Each program runs RUNS times (default 3) as a fresh process, the
# two taking turns, so that both meet the same spells of a machine whose
# speed drifts. Times and peaks are the best of the runs; the time ratio
# is the median of the runs' ratios, each tfgate run against the decoding
# just before it.
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

# measure CMD...: prints "seconds peak-KiB" for one run; the time to the
# millisecond (GNU time gives hundredths).
measure() {
	local start end
	start=$(date +%s%N)
	/usr/bin/time -f '%M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
		# tfgate exits 1 when the plan fails the gate, as this one does.
		[[ $? -eq 1 ]] || { cat "$work/stderr" >&2; exit 1; }
	}
	end=$(date +%s%N)
	# The peak is on the last line, after any "Command exited with
	# non-zero status" line.
	echo "$(((end - start) / 1000000)) $(tail -n 1 "$work/time")" | awk '{ printf "%.3f %d\n", $1 / 1000, $2 }'
}

printf '%-8s %9s %22s %22s %13s\n' instances "file MB" "tfgate s / peak MiB" "decode s / peak MiB" "time / memory"
for n in "${sizes[@]}"; do
	plan="$work/plan-$n.json"
	"$work/benchplan" -n "$n" -o "$plan" "$base"
	: >"$work/runs"
	for ((i = 0; i < runs; i++)); do
		read -r ds dk < <(measure "$work/decodeany" "$plan")
		read -r ts tk < <(measure "$work/tfgate" check --format json "$plan")
		echo "$ts $tk $ds $dk" >>"$work/runs"
	done
	# Each run's ratio, sorted, then the least of each column and the
	# median ratio.
	awk '{ print $1 / $3, $0 }' "$work/runs" | sort -g | awk -v n="$n" -v size="$(stat -c %s "$plan")" '
		function least(a, b) { return a == "" || b < a ? b : a }
		{ ratio[NR] = $1; ts = least(ts, $2); tk = least(tk, $3); ds = least(ds, $4); dk = least(dk, $5) }
		END {
			m = NR % 2 ? ratio[(NR + 1) / 2] : (ratio[NR / 2] + ratio[NR / 2 + 1]) / 2
			printf "%-8d %9.1f %12.3f / %6.0f %12.3f / %6.0f %6.2f× / %.1f×\n",
				n, size / 1e6, ts, tk / 1024, ds, dk / 1024, m, tk / dk
		}'
done
