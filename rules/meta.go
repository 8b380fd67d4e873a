package rules

import "github.com/contractctl/contractctl/finding"

// Rule IDs of the mechanism itself, shared by every job.
const (
	IgnoreExpired   = "ignore-expired"
	ContractInvalid = "contract-invalid"
)

func metaRules() []Rule {
	return []Rule{{
		ID:       IgnoreExpired,
		Severity: finding.Warn,
		Job:      JobConfig,
		Summary:  "An ignore entry in .contractctl.yaml has passed its `until` date.",
		Doc: "Ignore entries may carry an `until` date so that waivers are temporary. " +
			"After that date the ignore no longer applies, the findings it silenced come back, " +
			"and this finding points at the entry so that someone either fixes the findings or " +
			"renews the waiver with a reason.",
		Bad: "ignore:\n  - rule: money-integer-minor-units\n    until: 2020-01-01\n",
		Good: "ignore:\n  - rule: money-integer-minor-units\n    until: 2099-12-31\n" +
			"    reason: \"v0 API, frozen\"\n",
	}, {
		ID:       ContractInvalid,
		Severity: finding.Error,
		Job:      JobLint,
		Summary:  "A contract cannot be parsed or compiled.",
		Doc: "A file that holds a contract but is not valid YAML or JSON, whose `$ref` leads to a file " +
			"that does not parse, or a Protobuf file that does not compile, cannot be checked. Each " +
			"such error is a finding at its file, line and column, every other file is still checked " +
			"and the report is written in full; then the run exits 2, whatever `--fail-on` says, " +
			"because what was not read was not checked.",
		Bad:  "openapi: 3.1.0\ninfo:\n  title: Payments: v1\n",
		Good: "openapi: 3.1.0\ninfo:\n  title: \"Payments: v1\"\n",
	}}
}
