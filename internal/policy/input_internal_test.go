package policy

import "testing"

func TestListKeyTellsListsApart(t *testing.T) {
	lists := [][]string{nil, {""}, {"", ""}, {"a", "b"}, {"a1:b"}, {"a:", "b"}, {"a", ":b"}, {"1:a"}, {"a\x00", "b"}, {"a", "\x00b"}}
	seen := map[string][]string{}
	for _, l := range lists {
		k := listKey(l)
		if prev, ok := seen[k]; ok {
			t.Errorf("listKey(%q) = listKey(%q) = %q", l, prev, k)
		}
		seen[k] = l
	}
}
