package compat

import (
	"fmt"
	"strings"
)

// Level is one of Confluent Schema Registry's compatibility levels.
type Level int

// The seven Confluent compatibility levels. The zero value is NONE.
const (
	None Level = iota
	Backward
	BackwardTransitive
	Forward
	ForwardTransitive
	Full
	FullTransitive
)

// Levels lists every level in Confluent's declaration order.
func Levels() []Level {
	return []Level{None, Backward, BackwardTransitive, Forward, ForwardTransitive, Full, FullTransitive}
}

// String returns Confluent's name of the level ("BACKWARD_TRANSITIVE").
func (l Level) String() string {
	switch l {
	case None:
		return "NONE"
	case Backward:
		return "BACKWARD"
	case BackwardTransitive:
		return "BACKWARD_TRANSITIVE"
	case Forward:
		return "FORWARD"
	case ForwardTransitive:
		return "FORWARD_TRANSITIVE"
	case Full:
		return "FULL"
	case FullTransitive:
		return "FULL_TRANSITIVE"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// ParseLevel parses a level name case-insensitively, as Confluent does.
func ParseLevel(s string) (Level, error) {
	var names []string
	for _, l := range Levels() {
		if strings.EqualFold(s, l.String()) {
			return l, nil
		}
		names = append(names, l.String())
	}
	return None, fmt.Errorf("invalid compatibility level %q: want one of %s", s, strings.Join(names, ", "))
}

// MarshalText implements encoding.TextMarshaler.
func (l Level) MarshalText() ([]byte, error) {
	if l < None || l > FullTransitive {
		return nil, fmt.Errorf("invalid compatibility level %d", int(l))
	}
	return []byte(l.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Transitive reports whether the level checks every previous version
// rather than only the latest.
func (l Level) Transitive() bool {
	return l == BackwardTransitive || l == ForwardTransitive || l == FullTransitive
}

// Backward reports whether the new schema must read data written with the
// previous ones (BACKWARD*, FULL*).
func (l Level) Backward() bool {
	return l == Backward || l == BackwardTransitive || l == Full || l == FullTransitive
}

// Forward reports whether the previous schemas must read data written with
// the new one (FORWARD*, FULL*).
func (l Level) Forward() bool {
	return l == Forward || l == ForwardTransitive || l == Full || l == FullTransitive
}

// LevelResult is the outcome of CheckLevelResult.
type LevelResult struct {
	// Issues are the failing version's issues when a version fails (forward
	// ones first, then backward ones, as Confluent orders them for FULL);
	// otherwise the compatible differences of every version checked.
	Issues []Issue
	// Failed is the index in previous (oldest first) of the version the
	// candidate is incompatible with, or -1 when it is compatible.
	Failed int
	// Checked is how many previous versions were compared.
	Checked int
}

// Compatible reports whether the candidate passed the level.
func (r LevelResult) Compatible() bool { return r.Failed < 0 }

// CheckLevel checks candidate against the previous versions of a subject
// (ordered oldest first) at level and returns the issues; the candidate is
// rejected when any of them has Compatible == false (see Incompatible).
//
// It follows Confluent Schema Registry: NONE and an empty history check
// nothing; non-transitive levels compare with the latest version only;
// transitive levels walk the versions newest to oldest and stop at the first
// one that fails, returning only that version's issues. BACKWARD is
// c.Check(candidate, previous), FORWARD is c.Check(previous, candidate),
// FULL is both, forward issues first.
func CheckLevel(c Checker, level Level, candidate Schema, previous []Schema) []Issue {
	return CheckLevelResult(c, level, candidate, previous).Issues
}

// CheckLevelResult is CheckLevel that also tells which version failed.
func CheckLevelResult(c Checker, level Level, candidate Schema, previous []Schema) LevelResult {
	res := LevelResult{Failed: -1}
	if level == None || len(previous) == 0 || !(level.Backward() || level.Forward()) {
		return res
	}
	last := len(previous) - 1
	first := last
	if level.Transitive() {
		first = 0
	}
	var compatible []Issue
	d, _ := c.(Decider)
	for i := last; i >= first; i-- {
		if d != nil && (!level.Forward() || d.Compatible(previous[i], candidate)) &&
			(!level.Backward() || d.Compatible(candidate, previous[i])) {
			res.Checked++ // no issue at all: nothing to add to compatible
			continue
		}
		var issues []Issue
		if level.Forward() {
			issues = append(issues, c.Check(previous[i], candidate)...)
		}
		if level.Backward() {
			issues = append(issues, c.Check(candidate, previous[i])...)
		}
		res.Checked++
		if len(Incompatible(issues)) > 0 {
			res.Issues, res.Failed = issues, i
			return res
		}
		compatible = append(compatible, issues...)
	}
	res.Issues = compatible
	return res
}

// Incompatible returns the issues that break compatibility
// (Compatible == false), in order.
func Incompatible(issues []Issue) []Issue {
	var out []Issue
	for _, is := range issues {
		if !is.Compatible {
			out = append(out, is)
		}
	}
	return out
}
