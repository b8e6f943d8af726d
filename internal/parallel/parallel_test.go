package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestForCallsEachIndexOnce(t *testing.T) {
	for _, procs := range []int{1, 2, 4} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 7, 1000} {
			calls := make([]atomic.Int32, n)
			For(n, func(i int) { calls[i].Add(1) })
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Errorf("GOMAXPROCS %d, n %d: index %d called %d times", procs, n, i, c)
				}
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

func TestChunksCoverTheRange(t *testing.T) {
	for _, tc := range []struct{ n, size int }{{0, 4}, {1, 4}, {4, 4}, {5, 4}, {1000, 256}} {
		covered := make([]atomic.Int32, tc.n)
		var chunks atomic.Int32
		Chunks(tc.n, tc.size, func(start, end int) {
			chunks.Add(1)
			if start%tc.size != 0 || end-start > tc.size || end <= start {
				t.Errorf("n %d size %d: chunk [%d, %d)", tc.n, tc.size, start, end)
			}
			for i := start; i < end; i++ {
				covered[i].Add(1)
			}
		})
		for i := range covered {
			if c := covered[i].Load(); c != 1 {
				t.Errorf("n %d size %d: index %d covered %d times", tc.n, tc.size, i, c)
			}
		}
		if want := (tc.n + tc.size - 1) / tc.size; int(chunks.Load()) != want {
			t.Errorf("n %d size %d: %d chunks, want %d", tc.n, tc.size, chunks.Load(), want)
		}
	}
}
