package asyncapi

import (
	"cmp"
	"fmt"
	"regexp"
)

// Config holds the AsyncAPI house-rule parameters (the `asyncapi` key of
// .contractctl.yaml).
type Config struct {
	ChannelVersion   string   `yaml:"channel_version"`
	EventIDProperty  string   `yaml:"event_id_property"`
	TraceHeaders     []string `yaml:"trace_headers"`
	SignatureHeaders []string `yaml:"signature_headers"`

	channelVersion *regexp.Regexp
}

// ChannelVersionRegexp is the compiled channel_version.
func (a *Config) ChannelVersionRegexp() *regexp.Regexp { return a.channelVersion }

// Complete fills in the defaults of every unset parameter and compiles
// channel_version (an error names the key).
func (a *Config) Complete() error {
	a.ChannelVersion = cmp.Or(a.ChannelVersion, `(^|[/.])v[0-9]+([/.]|$)`)
	a.EventIDProperty = cmp.Or(a.EventIDProperty, "event_id")
	if len(a.TraceHeaders) == 0 {
		a.TraceHeaders = []string{"trace_id", "traceparent"}
	}
	if len(a.SignatureHeaders) == 0 {
		a.SignatureHeaders = []string{"X-Signature", "X-Timestamp"}
	}
	var err error
	if a.channelVersion, err = regexp.Compile(a.ChannelVersion); err != nil {
		return fmt.Errorf("channel_version: %w", err)
	}
	return nil
}
