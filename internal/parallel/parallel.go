// Package parallel runs the iterations of a loop on every CPU.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls fn(i) for every i in [0, n), on as many goroutines as there
// are CPUs (GOMAXPROCS). The goroutines take the indexes in increasing
// order from a shared counter, so that the first iterations start first.
// For returns when every call has returned. Calls for different i must not
// write to the same memory; each typically stores its result at i.
func For(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
}

// Chunks calls fn(start, end) for consecutive ranges of [0, n) of size
// elements each (the last may be shorter), as For does: the k-th call
// covers [k*size, min((k+1)*size, n)).
func Chunks(n, size int, fn func(start, end int)) {
	For((n+size-1)/size, func(k int) {
		fn(k*size, min((k+1)*size, n))
	})
}
