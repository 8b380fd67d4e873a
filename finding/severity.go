package finding

import (
	"fmt"
	"strings"
)

// Severity orders findings. Off silences a rule; it never appears on a finding.
type Severity int

// Severities, lowest first.
const (
	Off Severity = iota
	Info
	Warn
	Error
)

var severityNames = [...]string{Off: "off", Info: "info", Warn: "warn", Error: "error"}

// String returns the severity as written in config and reports.
func (s Severity) String() string {
	if s < Off || s > Error {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads "error", "warn" (or "warning"), "info" and "off" (or "none").
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warn", "warning":
		return Warn, nil
	case "info":
		return Info, nil
	case "off", "none":
		return Off, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want error, warn, info or off)", s)
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
