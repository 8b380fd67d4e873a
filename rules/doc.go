// Package rules is contractctl's catalogue: every lint, breaking-change and
// registry rule as a value (ID, default severity, formats, summary, doc,
// examples), the Finding shape that every job produces, severities, the
// .contractctl.yaml configuration and the ignore/waiver mechanism. It imports
// nothing else of contractctl's, so every other package can depend on it.
package rules
