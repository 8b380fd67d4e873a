package rules

import "github.com/contractctl/contractctl/finding"

// Rule IDs of the mechanism itself, shared by every job.
const (
	IgnoreExpired = "ignore-expired"
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
	}}
}
