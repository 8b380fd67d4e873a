// Package finding is the one result shape of lint, diff and registry
// checks: Finding, Location, Severity, fingerprints, the report order and
// the summary counts. It is a leaf: it imports nothing of contractctl's.
package finding
