// Package house holds the house rules' parameters and the heuristics that
// OpenAPI, AsyncAPI and Protobuf lint share: which names denote money and
// how a minor-units name is spelled, and which example values look like
// live credentials.
package house

import (
	"cmp"
	"fmt"
	"regexp"
)

// Config holds the house-rule parameters (the `house` key of
// .contractctl.yaml).
type Config struct {
	IdempotencyHeader   string   `yaml:"idempotency_header"`
	IdempotencyProperty string   `yaml:"idempotency_property"`
	VersionPath         string   `yaml:"version_path"`
	TraceHeaders        []string `yaml:"trace_headers"`
	SignatureHeader     string   `yaml:"signature_header"`
	TimestampHeader     string   `yaml:"timestamp_header"`
	EventIDProperty     string   `yaml:"event_id_property"`
	Money               Money    `yaml:"money"`

	versionPath *regexp.Regexp
}

// VersionPathRegexp is the compiled version_path.
func (h *Config) VersionPathRegexp() *regexp.Regexp { return h.versionPath }

// defaultMoneyWords and defaultMoneyExclude are the money-name word lists.
var (
	defaultMoneyWords   = []string{"amount", "price", "fee", "balance", "cost", "total"}
	defaultMoneyExclude = []string{"count", "counts", "number", "num", "qty", "quantity", "percent", "percentage",
		"rate", "ratio", "bps", "id", "ids", "uuid", "key", "token", "tokens", "hash", "type", "currency", "unit",
		"units", "decimal", "decimals", "precision", "scale", "exponent", "code", "status", "url", "description",
		"name", "date", "time", "at", "is", "has", "enabled", "details", "byte", "bytes", "size", "length",
		"version", "index", "metric", "metrics", "usage", "hours", "minutes", "seconds", "days", "formatted", "prefix",
		"uri", "level", "score", "recipient", "boost", "error", "failures"}
)

// Complete fills in the defaults of every unset parameter and compiles
// version_path (an error names the key).
func (h *Config) Complete() error {
	h.IdempotencyHeader = cmp.Or(h.IdempotencyHeader, "Idempotency-Key")
	h.IdempotencyProperty = cmp.Or(h.IdempotencyProperty, "operation_id")
	h.VersionPath = cmp.Or(h.VersionPath, `^/v[0-9]+(/|$)`)
	if len(h.TraceHeaders) == 0 {
		h.TraceHeaders = []string{"Trace-Id"}
	}
	h.SignatureHeader = cmp.Or(h.SignatureHeader, "X-Signature")
	h.TimestampHeader = cmp.Or(h.TimestampHeader, "X-Timestamp")
	h.EventIDProperty = cmp.Or(h.EventIDProperty, "event_id")
	if len(h.Money.Words) == 0 {
		h.Money.Words = defaultMoneyWords
	}
	if h.Money.Exclude == nil {
		h.Money.Exclude = defaultMoneyExclude
	}
	var err error
	if h.versionPath, err = regexp.Compile(h.VersionPath); err != nil {
		return fmt.Errorf("version_path: %w", err)
	}
	return nil
}
