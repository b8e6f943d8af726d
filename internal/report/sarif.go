package report

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/tfgate/tfgate/internal/gate"
)

// sarifSchema and sarifVersion identify the SARIF dialect written.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// rulesDocURL is where each rule's help lives (docs/rules.md, anchored
	// by rule id).
	rulesDocURL = "https://github.com/tfgate/tfgate/blob/main/docs/rules.md"
)

// The SARIF wire types: the subset of SARIF 2.1.0 that GitHub code
// scanning reads.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool              sarifTool                `json:"tool"`
		AutomationDetails *sarifAutomation         `json:"automationDetails,omitempty"`
		BaseIDs           map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
		Invocations       []sarifInvocation        `json:"invocations"`
		Results           []sarifResult            `json:"results"`
		Properties        sarifRunProps            `json:"properties"`
	}
	// sarifAutomation names the analysis: code scanning keys a repository's
	// analyses by the id up to its last slash (the category).
	sarifAutomation struct {
		ID string `json:"id"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name            string      `json:"name"`
		Version         string      `json:"version"`
		SemanticVersion string      `json:"semanticVersion,omitempty"`
		InformationURI  string      `json:"informationUri"`
		Rules           []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string          `json:"id"`
		Name                 string          `json:"name"`
		ShortDescription     sarifText       `json:"shortDescription"`
		FullDescription      sarifText       `json:"fullDescription"`
		Help                 sarifHelp       `json:"help"`
		HelpURI              string          `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
		Properties           sarifRuleProps  `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifRuleConfig struct {
		Level string `json:"level"`
	}
	sarifRuleProps struct {
		Tags             []string `json:"tags"`
		SecuritySeverity string   `json:"security-severity"`
		Precision        string   `json:"precision"`
		Enforcement      string   `json:"enforcement"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool                `json:"executionSuccessful"`
		ExitCode            int                 `json:"exitCode"`
		Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level   string    `json:"level"`
		Message sarifText `json:"message"`
	}
	sarifResult struct {
		RuleID              string             `json:"ruleId"`
		RuleIndex           int                `json:"ruleIndex"`
		Kind                string             `json:"kind"`
		Level               string             `json:"level"`
		Message             sarifText          `json:"message"`
		Locations           []sarifLocation    `json:"locations"`
		RelatedLocations    []sarifRelated     `json:"relatedLocations,omitempty"`
		PartialFingerprints map[string]string  `json:"partialFingerprints"`
		Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
		Properties          sarifResultProps   `json:"properties"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical  `json:"physicalLocation"`
		LogicalLocations []sarifLogical `json:"logicalLocations"`
	}
	// sarifRelated is a sub-resource whose finding the result carries.
	sarifRelated struct {
		ID               int            `json:"id"`
		PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
		LogicalLocations []sarifLogical `json:"logicalLocations"`
		Message          sarifText      `json:"message"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine int `json:"startLine"`
		EndLine   int `json:"endLine,omitempty"`
	}
	sarifLogical struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	sarifSuppression struct {
		Kind          string `json:"kind"`
		Status        string `json:"status"`
		Justification string `json:"justification"`
	}
	sarifResultProps struct {
		Status       string `json:"status"`
		ResourceType string `json:"resourceType,omitempty"`
		Input        string `json:"input"`
		Blocking     bool   `json:"blocking"`
		WaiverOwner  string `json:"waiverOwner,omitempty"`
		WaiverTicket string `json:"waiverTicket,omitempty"`
		WaiverExpiry string `json:"waiverExpires,omitempty"`
	}
	// sarifRunProps keeps what code scanning would show as noise but a
	// reviewer needs: every pass, and the verdict.
	sarifRunProps struct {
		Verdict  string `json:"verdict"`
		Passed   int    `json:"passed"`
		Failed   int    `json:"failed"`
		Unknown  int    `json:"unknown"`
		Waived   int    `json:"waived"`
		Blocking int    `json:"blocking"`
		// BlockingUnknown counts the unknown results that fail the gate.
		BlockingUnknown int `json:"blockingUnknown"`
		// Coverage says how much of the inputs the rules judged.
		Coverage string   `json:"coverage"`
		Judged   int      `json:"judged"`
		Present  int      `json:"present"`
		Unjudged []string `json:"unjudgedTypes"`
		// Incomplete lists what the check could not evaluate.
		Incomplete []string     `json:"incomplete"`
		Passes     []sarifCheck `json:"passes"`
	}
	sarifCheck struct {
		Rule     string `json:"rule"`
		Resource string `json:"resource"`
		Input    string `json:"input"`
	}
)

// writeSARIF writes SARIF 2.1.0 for code scanning: every failing, unknown
// and waived result is a result at its .tf file and lines (or at the input
// file with the address as a logical location when no line is known),
// waived ones as accepted suppressions; passes are listed in the run's
// properties rather than as alerts.
//
// The results and the passes are streamed one by one into the places the
// envelope leaves for them, so that the document is never held in memory
// whole; the bytes are those of encoding it whole (TestSARIFStreamsTheWholeDocument).
func writeSARIF(w io.Writer, r *Report) error {
	choice := sarifChoose(r)
	run, index := sarifEnvelope(r, choice)
	// Checked before anything is written, so that an error leaves no
	// partial document.
	for _, res := range r.Results {
		if _, ok := index[res.Rule]; !ok && res.Status != gate.Pass {
			return fmt.Errorf("result of rule %s, which is not in the catalogue", res.Rule.ID)
		}
	}
	var envelope bytes.Buffer
	enc := json.NewEncoder(&envelope)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}); err != nil {
		return err
	}
	resultsKey, passesKey := []byte(`"results": []`), []byte(`"passes": []`)
	if bytes.Count(envelope.Bytes(), resultsKey) != 1 || bytes.Count(envelope.Bytes(), passesKey) != 1 {
		return errors.New("SARIF report: no single place for the results and the passes")
	}
	head, rest, _ := bytes.Cut(envelope.Bytes(), resultsKey)
	middle, tail, ok := bytes.Cut(rest, passesKey)
	if !ok {
		return errors.New("SARIF report: the passes come before the results")
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head)
	bw.WriteString(`"results": `)
	results := arrayWriter{w: bw, indent: "        "} // runs[0].results[i]
	for i, res := range r.Results {
		if !choice.kept[i] {
			continue
		}
		if err := results.add(sarifResultOf(r, res, index[res.Rule])); err != nil {
			return err
		}
	}
	results.close()
	bw.Write(middle)
	bw.WriteString(`"passes": `)
	passes := arrayWriter{w: bw, indent: "          "} // runs[0].properties.passes[i]
	for _, res := range r.Results {
		if res.Status == gate.Pass {
			if err := passes.add(sarifCheck{Rule: res.Rule.ID, Resource: res.Resource, Input: res.Input}); err != nil {
				return err
			}
		}
	}
	passes.close()
	bw.Write(tail)
	return bw.Flush()
}

// sarifMaxResults is how many results code scanning takes from one run.
const sarifMaxResults = 5000

// sarifChoice says which results a SARIF run holds (kept, by position in
// the report) and how many that are not passes it leaves out.
type sarifChoice struct {
	kept                     []bool
	dropped, droppedBlocking int
}

// sarifChoose keeps every result that is not a pass, up to
// sarifMaxResults. Past that it keeps the blocking failures first, then
// the other failures, the blocking unknowns, the other unknowns and the
// waived results, each kind in report order; the run's notifications say
// how many were left out, and the verdict in its properties counts them
// all.
func sarifChoose(r *Report) sarifChoice {
	const kinds = 5
	kind := func(res gate.Result) int {
		blocking := 0
		if !r.Policy.Blocks(res) {
			blocking = 1
		}
		switch res.Status {
		case gate.Pass:
			return -1
		case gate.Fail:
			return blocking
		case gate.Unknown:
			return 2 + blocking
		}
		return 4
	}
	kindOf := make([]int8, len(r.Results))
	var count, room [kinds]int
	for i, res := range r.Results {
		k := kind(res)
		kindOf[i] = int8(k)
		if k >= 0 {
			count[k]++
		}
	}
	c := sarifChoice{kept: make([]bool, len(r.Results))}
	left := sarifMaxResults
	for k := range kinds {
		room[k] = min(count[k], left)
		left -= room[k]
		c.dropped += count[k] - room[k]
		if k == 0 || k == 2 {
			c.droppedBlocking += count[k] - room[k]
		}
	}
	for i, k := range kindOf {
		if k >= 0 && room[k] > 0 {
			c.kept[i] = true
			room[k]--
		}
	}
	return c
}

// sarifEnvelope is the run without its results and passes, and each rule's
// position in the run's rules.
func sarifEnvelope(r *Report, choice sarifChoice) (sarifRun, map[*gate.Rule]int) {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:            r.Tool.Name,
			Version:         r.Tool.Version,
			SemanticVersion: semanticVersion(r.Tool.Version),
			InformationURI:  "https://github.com/tfgate/tfgate",
			Rules:           make([]sarifRule, len(r.Rules)),
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true, ExitCode: r.ExitCode}},
		Results:     []sarifResult{},
		Properties: sarifRunProps{
			Verdict:         r.Summary.Verdict(),
			Passed:          r.Summary.Passed,
			Failed:          r.Summary.Failed,
			Unknown:         r.Summary.Unknown,
			Waived:          r.Summary.Waived,
			Blocking:        r.Summary.Blocking,
			BlockingUnknown: r.Summary.BlockingUnknown,
			Coverage:        r.Summary.Coverage.String(),
			Judged:          r.Summary.Coverage.Judged,
			Present:         r.Summary.Coverage.Present,
			Unjudged:        nonNil(r.Summary.Coverage.Unjudged),
			Incomplete:      nonNil(r.Summary.Incomplete),
			Passes:          []sarifCheck{},
		},
	}
	for _, what := range r.Summary.Incomplete {
		level := "error"
		if r.Summary.AllowIncomplete {
			level = "warning"
		}
		run.Invocations[0].Notifications = append(run.Invocations[0].Notifications, sarifNotification{Level: level, Message: sarifText{sarifMessage("not evaluated: " + what)}})
	}
	for _, warning := range r.Warnings {
		run.Invocations[0].Notifications = append(run.Invocations[0].Notifications, sarifNotification{Level: "warning", Message: sarifText{sarifMessage(warning)}})
	}
	if choice.dropped > 0 {
		level := "warning"
		if choice.droppedBlocking > 0 {
			level = "error"
		}
		run.Invocations[0].Notifications = append(run.Invocations[0].Notifications, sarifNotification{Level: level, Message: sarifText{fmt.Sprintf(
			"%d results (%d of them blocking) are not in this file: code scanning takes at most %d per run, so it holds the blocking failures first; the verdict counts them all, and the JSON report lists them",
			choice.dropped, choice.droppedBlocking, sarifMaxResults)}})
	}
	if r.Category != "" {
		id := r.Category
		if !strings.HasSuffix(id, "/") {
			id += "/"
		}
		run.AutomationDetails = &sarifAutomation{ID: id}
	}
	if r.BaseDir != "" {
		run.BaseIDs = map[string]sarifArtifact{sarifRoot: {URI: fileURI(r.BaseDir) + "/"}}
	}
	index := map[*gate.Rule]int{}
	for i, rule := range r.Rules {
		index[rule] = i
		run.Tool.Driver.Rules[i] = sarifRuleFor(rule)
	}
	return run, index
}

// sarifResultOf is the SARIF result of a result that is not a pass, of the
// rule at position i in the run's rules.
func sarifResultOf(r *Report, res gate.Result, i int) sarifResult {
	out := sarifResult{
		RuleID:              res.Rule.ID,
		RuleIndex:           i,
		Kind:                "fail",
		Level:               sarifLevel(res.Rule.Severity),
		Message:             sarifText{sarifMessage(instanceMessage(res))},
		Locations:           []sarifLocation{r.sarifLocationFor(res)},
		PartialFingerprints: map[string]string{"tfgate/v1": fingerprint(res)},
		Properties: sarifResultProps{
			Status:       string(res.Status),
			ResourceType: res.ResourceType,
			Input:        res.Input,
			Blocking:     r.Policy.Blocks(res),
		},
	}
	for n, call := range res.Calls {
		out.RelatedLocations = append(out.RelatedLocations, sarifRelated{
			ID: len(res.Related) + n + 1,
			PhysicalLocation: &sarifPhysical{
				ArtifactLocation: r.sarifArtifact(r.sourcePath(gate.Result{Input: res.Input, Location: &call})),
				Region:           sarifRegion{StartLine: call.StartLine, EndLine: call.EndLine},
			},
			LogicalLocations: []sarifLogical{{FullyQualifiedName: res.Resource, Kind: "module"}},
			Message:          sarifText{sarifMessage(fmt.Sprintf("module call %d of %d of %s", n+1, len(res.Calls), res.Resource))},
		})
	}
	for n, rel := range res.Related {
		related := sarifRelated{
			ID:               n + 1,
			LogicalLocations: []sarifLogical{{FullyQualifiedName: rel.Resource, Kind: "resource"}},
			Message:          sarifText{sarifMessage(rel.Resource)},
		}
		if l := rel.Location; l != nil {
			related.PhysicalLocation = &sarifPhysical{
				ArtifactLocation: r.sarifArtifact(r.sourcePath(gate.Result{Input: res.Input, Location: l})),
				Region:           sarifRegion{StartLine: l.StartLine, EndLine: l.EndLine},
			}
		}
		out.RelatedLocations = append(out.RelatedLocations, related)
	}
	if res.Status == gate.Unknown {
		// A result whose kind is not "fail" has level "none" (SARIF
		// 3.27.9); the rule's severity stays in its security-severity.
		out.Kind, out.Level = "review", "none"
	}
	if w := res.Waiver; w != nil && res.Status == gate.Waived {
		kind := "external" // in .tfgate.hcl
		if w.InSource {
			kind = "inSource" // a tfgate:ignore comment beside the block
		}
		out.Suppressions = []sarifSuppression{{Kind: kind, Status: "accepted", Justification: w.Reason}}
		out.Properties.WaiverOwner, out.Properties.WaiverTicket, out.Properties.WaiverExpiry = w.Owner, w.Ticket, w.Expires
	}
	return out
}

// arrayWriter writes the elements of a JSON array, each marshalled on its
// own, laid out as json.MarshalIndent lays out an array whose elements
// start at indent (two spaces deeper than the array).
type arrayWriter struct {
	w      *bufio.Writer
	indent string
	n      int
}

func (a *arrayWriter) add(v any) error {
	item, err := json.MarshalIndent(v, a.indent, "  ")
	if err != nil {
		return err
	}
	if a.n == 0 {
		a.w.WriteString("[\n")
	} else {
		a.w.WriteString(",\n")
	}
	a.n++
	a.w.WriteString(a.indent)
	a.w.Write(item)
	return nil
}

func (a *arrayWriter) close() {
	if a.n == 0 {
		a.w.WriteString("[]")
		return
	}
	a.w.WriteString("\n" + a.indent[2:] + "]")
}

func sarifRuleFor(rule *gate.Rule) sarifRule {
	var text, md strings.Builder
	text.WriteString(rule.Description)
	md.WriteString(mdText(rule.Description))
	if rule.Remediation != "" {
		fmt.Fprintf(&text, "\n\nRemediation: %s", rule.Remediation)
		fmt.Fprintf(&md, "\n\n**Remediation:** %s", mdText(rule.Remediation))
	}
	if len(rule.References) > 0 {
		text.WriteString("\n\nReferences:")
		md.WriteString("\n\n**References:**\n")
		for _, ref := range rule.References {
			fmt.Fprintf(&text, "\n- %s", ref.URL)
			fmt.Fprintf(&md, "\n- %s", mdLink(ref))
		}
	}
	description := rule.Description
	if description == "" {
		description = rule.Title
	}
	helpURI := "" // a user rule is not in tfgate's rule reference
	if rule.Builtin {
		helpURI = rulesDocURL + "#" + rule.ID
	} else {
		helpURI = declaredHelp(rule)
	}
	tags := []string{"security", "terraform"}
	tags = append(tags, rule.ResourceTypes...)
	return sarifRule{
		ID:                   rule.ID,
		Name:                 ruleName(rule.ID),
		ShortDescription:     sarifText{sarifMessage(rule.Title)},
		FullDescription:      sarifText{sarifMessage(description)},
		Help:                 sarifHelp{Text: sarifMessage(text.String()), Markdown: md.String()},
		HelpURI:              helpURI,
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(rule.Severity)},
		Properties: sarifRuleProps{
			Tags:             tags,
			SecuritySeverity: securitySeverity(rule.Severity),
			Precision:        "high",
			Enforcement:      string(rule.Enforcement),
		},
	}
}

// ruleName turns a rule id into the PascalCase name SARIF viewers show:
// aws-s3-encryption becomes AwsS3Encryption.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

func sarifLevel(s gate.Severity) string {
	switch s {
	case gate.SeverityCritical, gate.SeverityHigh:
		return "error"
	case gate.SeverityMedium:
		return "warning"
	}
	return "note"
}

// securitySeverity is the score GitHub maps to its severity labels: over
// 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, below 4.0 low.
func securitySeverity(s gate.Severity) string {
	switch s {
	case gate.SeverityCritical:
		return "9.5"
	case gate.SeverityHigh:
		return "8.0"
	case gate.SeverityMedium:
		return "5.5"
	case gate.SeverityLow:
		return "3.0"
	}
	return "1.0"
}

// sarifLocationFor places a result at its block when known, else at the
// input file's first line; the resource address is always the logical
// location, since GitHub rejects results without a physical location.
func (r *Report) sarifLocationFor(res gate.Result) sarifLocation {
	loc := sarifLocation{
		PhysicalLocation: sarifPhysical{
			ArtifactLocation: r.sarifArtifact(uri(res.Input)),
			Region:           sarifRegion{StartLine: 1},
		},
		LogicalLocations: []sarifLogical{{FullyQualifiedName: res.Resource, Kind: "resource"}},
	}
	if l := res.Location; l != nil {
		loc.PhysicalLocation.ArtifactLocation = r.sarifArtifact(r.sourcePath(res))
		loc.PhysicalLocation.Region = sarifRegion{StartLine: l.StartLine, EndLine: l.EndLine}
	}
	return loc
}

// sarifRoot names the repository root among the run's base URIs.
const sarifRoot = "SRCROOT"

// sarifArtifact is a file for code scanning: relative to the repository
// root (sarifRoot) when the report has one and the file is inside it, an
// absolute file URI when it is outside, and relative to the working
// directory without a root.
func (r *Report) sarifArtifact(p string) sarifArtifact {
	rel, inside := r.repoPath(p)
	switch {
	case !inside:
		return sarifArtifact{URI: fileURI(rel)}
	case r.BaseDir != "":
		return sarifArtifact{URI: rel, URIBaseID: sarifRoot}
	}
	return sarifArtifact{URI: rel}
}

// fileURI is the file URI of an absolute path.
func fileURI(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// instanceMessage is a result's message naming its resource instance, so
// that results of several instances of one module block (which share its
// line) read apart.
func instanceMessage(res gate.Result) string {
	if strings.Contains(res.Message, res.Resource) {
		return res.Message
	}
	return res.Resource + ": " + res.Message
}

// semanticVersion is a tool version as SARIF's semanticVersion wants it
// (Semantic Versioning 2.0, no leading v), or "" when it is not one.
func semanticVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	core, _, _ := strings.Cut(v, "+")
	core, _, _ = strings.Cut(core, "-")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return ""
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" || (len(p) > 1 && p[0] == '0') {
			return ""
		}
	}
	return v
}

// uri turns a local path into a relative URI reference with forward
// slashes.
func uri(p string) string {
	p = path.Clean(strings.ReplaceAll(p, `\`, "/"))
	return strings.TrimPrefix(p, "./")
}

// fingerprint identifies a result across runs by what it is about, not
// where: the rule, the resource address and the resource type, so an alert
// survives moved lines.
func fingerprint(res gate.Result) string {
	return digest(res.Rule.ID, res.Resource, res.ResourceType)
}

// digest identifies a tuple of strings: the first 16 bytes of the SHA-256
// of them joined by NUL, in hex.
func digest(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:16])
}
