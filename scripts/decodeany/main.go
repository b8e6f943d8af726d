// Command decodeany reads a JSON file and decodes it with encoding/json
// into interface{}: the lower bound for any program that reads the file,
// whose time and peak memory scripts/bench.sh compares tfgate with.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: decodeany FILE.json")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "decodeany:", err)
		os.Exit(1)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		fmt.Fprintln(os.Stderr, "decodeany:", err)
		os.Exit(1)
	}
	runtime.KeepAlive(v)
}
