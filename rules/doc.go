// Package rules is contractctl's catalogue: every lint, breaking-change and
// registry rule as a value (ID, default severity, job, formats, buf
// categories, summary, doc, examples). `contractctl rules`, docs/rules.md,
// SARIF rule metadata and config validation read it. It imports only the
// finding package, so every checker can depend on it.
package rules

// The OpenAPI diff rules (openapi_diff.go) are generated from one data
// file, openapi_diff.tsv; internal/gendiff's test fails when they differ.
//go:generate go run ./internal/gendiff
