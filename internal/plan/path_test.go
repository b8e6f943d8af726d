package plan

import "testing"

func TestPathString(t *testing.T) {
	key := func(k string) step { return step{key: k, index: -1} }
	index := func(i int) step { return step{index: i} }
	tests := []struct {
		steps []step
		want  string
	}{
		{nil, ""},
		{[]step{key("tags")}, "tags"},
		{[]step{key("rule"), index(0), key("id")}, "rule[0].id"},
		{[]step{index(2), index(10)}, "[2][10]"},
		{[]step{key("a"), key("b"), index(1)}, "a.b[1]"},
		// An empty key adds nothing, and no dot follows an empty path.
		{[]step{key(""), key("b")}, "b"},
		{[]step{key("a"), key("")}, "a."},
	}
	for _, tt := range tests {
		var p path
		for _, s := range tt.steps {
			if s.index < 0 {
				p.pushKey(s.key)
			} else {
				p.pushIndex(s.index)
			}
		}
		if got := p.String(); got != tt.want {
			t.Errorf("%v: got %q, want %q", tt.steps, got, tt.want)
		}
		for range tt.steps {
			p.pop()
		}
		if got := p.String(); got != "" {
			t.Errorf("%v: after popping every step got %q", tt.steps, got)
		}
	}
}
