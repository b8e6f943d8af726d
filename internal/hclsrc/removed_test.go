package hclsrc

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLoadRemovedBlocks: a removed block destroys what the state holds at
// its address, unless its lifecycle says destroy = false: a resource
// address becomes an instance to delete, a module a gap (its resources
// cannot be listed without the state).
func TestLoadRemovedBlocks(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": `
removed {
  from = aws_cloudtrail.org
}
removed {
  from = aws_s3_bucket.audit
  lifecycle {
    destroy = true
  }
}
removed {
  from = aws_s3_bucket.kept
  lifecycle {
    destroy = false
  }
}
removed {
  from = module.keys.aws_kms_key.this
}
removed {
  from = module.old
}
module "child" {
  source = "./child"
}
`,
		"child/main.tf": "removed {\n  from = aws_kms_key.k\n}\n",
	})
	m, _, err := Load(dir, LoadOptions{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	var deleted []string
	for _, r := range m.Resources {
		if slices.Equal(r.Actions, []string{"delete"}) && r.Mode == "managed" {
			deleted = append(deleted, r.Address+" "+r.Type)
		}
	}
	slices.Sort(deleted)
	want := []string{"aws_cloudtrail.org aws_cloudtrail", "aws_s3_bucket.audit aws_s3_bucket", "module.child.aws_kms_key.k aws_kms_key", "module.keys.aws_kms_key.this aws_kms_key"}
	if !slices.Equal(deleted, want) {
		t.Errorf("deleted %q, want %q", deleted, want)
	}
	if len(m.Gaps) != 1 || m.Gaps[0].Address != "module.old" || !strings.Contains(m.Gaps[0].Reason, "no state") {
		t.Errorf("gaps %+v, want one for module.old", m.Gaps)
	}
}
