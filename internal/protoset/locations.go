package protoset

import (
	"slices"
	"strings"

	"google.golang.org/protobuf/types/descriptorpb"
)

// Span is a 1-based source range; EndColumn is exclusive (buf's
// convention). The zero Span means "no location".
type Span struct {
	Line, Column, EndLine, EndColumn int
}

// IsZero reports whether s has no position.
func (s Span) IsZero() bool { return s.Line == 0 }

// Locations indexes a file's source info by element path.
type Locations struct {
	byPath map[string]*descriptorpb.SourceCodeInfo_Location
	all    []*descriptorpb.SourceCodeInfo_Location // in source-info order
}

// NewLocations indexes info (nil gives an empty index).
func NewLocations(info *descriptorpb.SourceCodeInfo) *Locations {
	l := &Locations{byPath: map[string]*descriptorpb.SourceCodeInfo_Location{}, all: info.GetLocation()}
	for _, loc := range info.GetLocation() {
		k := PathKey(loc.Path)
		if _, dup := l.byPath[k]; !dup { // the first location is the declaration
			l.byPath[k] = loc
		}
	}
	return l
}

// PathKey encodes an element path as a map key.
func PathKey(p []int32) string {
	var b strings.Builder
	b.Grow(len(p) * 4)
	for _, v := range p {
		b.WriteByte(byte(v >> 24))
		b.WriteByte(byte(v >> 16))
		b.WriteByte(byte(v >> 8))
		b.WriteByte(byte(v))
	}
	return b.String()
}

// Span returns the 1-based span of the element at path, or the zero Span.
func (l *Locations) Span(path ...int32) Span {
	if l == nil {
		return Span{}
	}
	return spanOf(l.byPath[PathKey(path)])
}

func spanOf(loc *descriptorpb.SourceCodeInfo_Location) Span {
	if loc == nil {
		return Span{}
	}
	s := loc.Span
	switch len(s) {
	case 3:
		return Span{int(s[0]) + 1, int(s[1]) + 1, int(s[0]) + 1, int(s[2]) + 1}
	case 4:
		return Span{int(s[0]) + 1, int(s[1]) + 1, int(s[2]) + 1, int(s[3]) + 1}
	}
	return Span{}
}

// A Loc is a location that source info does not hold, such as a field
// set inside an option's message literal.
type Loc struct {
	Path []int32
	Span Span
}

// OptionSpan returns the span of the option value at path, whose first
// extLen elements lead to the option itself (element, options tag,
// extension number), the way buf places option findings: the exact path
// when written (in source info, else in inner, locations inside message
// literals); else the first location inside path; else the deepest
// written prefix of path that is at least extLen long.
func (l *Locations) OptionSpan(path []int32, extLen int, inner []Loc) Span {
	if l == nil {
		return Span{}
	}
	if l.Has(path...) {
		return l.Span(path...)
	}
	for _, in := range inner {
		if slices.Equal(in.Path, path) {
			return in.Span
		}
	}
	var best Span
	bestLen := 0
	try := func(p []int32, sp func() Span) bool {
		switch {
		case len(p) >= extLen && len(p) > bestLen && len(p) <= len(path) && slices.Equal(path[:len(p)], p):
			best, bestLen = sp(), len(p)
		case len(p) >= len(path) && slices.Equal(p[:len(path)], path):
			best, bestLen = sp(), len(path)+1
			return true
		}
		return false
	}
	for _, loc := range l.all {
		if try(loc.Path, func() Span { return spanOf(loc) }) {
			return best
		}
	}
	for _, in := range inner {
		if try(in.Path, func() Span { return in.Span }) {
			return best
		}
	}
	return best
}

// Has reports whether the element at path is written in the source.
func (l *Locations) Has(path ...int32) bool {
	return l != nil && l.byPath[PathKey(path)] != nil
}

// Leading returns the leading comment of the element at path.
func (l *Locations) Leading(path ...int32) string {
	if l == nil {
		return ""
	}
	if loc := l.byPath[PathKey(path)]; loc != nil {
		return loc.GetLeadingComments()
	}
	return ""
}

// Comments returns the leading and trailing comments of the element at path.
func (l *Locations) Comments(path ...int32) (leading, trailing string) {
	if l == nil {
		return "", ""
	}
	if loc := l.byPath[PathKey(path)]; loc != nil {
		return loc.GetLeadingComments(), loc.GetTrailingComments()
	}
	return "", ""
}

// First returns the span of the first of paths that has a location.
func (l *Locations) First(paths ...[]int32) Span {
	for _, p := range paths {
		if s := l.Span(p...); !s.IsZero() {
			return s
		}
	}
	return Span{}
}

// Descriptor field numbers used in element paths (descriptor.proto).
const (
	TagFilePackage      = 2
	TagFileDependency   = 3
	TagFileMessage      = 4
	TagFileEnum         = 5
	TagFileService      = 6
	TagFileExtension    = 7
	TagFileOptions      = 8
	TagFileSyntax       = 12
	TagFileEdition      = 14
	TagMsgName          = 1
	TagMsgField         = 2
	TagMsgNested        = 3
	TagMsgEnum          = 4
	TagMsgExtRange      = 5
	TagMsgExtension     = 6
	TagMsgOptions       = 7
	TagMsgOneof         = 8
	TagMsgReservedRange = 9
	TagMsgReservedName  = 10
	TagFieldName        = 1
	TagFieldNumber      = 3
	TagFieldLabel       = 4
	TagFieldType        = 5
	TagFieldTypeName    = 6
	TagFieldDefault     = 7
	TagFieldOptions     = 8
	TagFieldJSONName    = 10
	TagOneofName        = 1
	TagEnumName         = 1
	TagEnumValue        = 2
	TagEnumOptions      = 3
	TagEnumReserved     = 4
	TagEnumReservedName = 5
	TagValueName        = 1
	TagValueNumber      = 2
	TagValueOptions     = 3
	TagServiceName      = 1
	TagServiceMethod    = 2
	TagServiceOptions   = 3
	TagMethodName       = 1
	TagMethodInput      = 2
	TagMethodOutput     = 3
	TagMethodOptions    = 4
	TagMethodClientStr  = 5
	TagMethodServerStr  = 6
)

// With returns p extended by more, as a fresh slice.
func With(p []int32, more ...int32) []int32 {
	out := make([]int32, 0, len(p)+len(more))
	return append(append(out, p...), more...)
}
