package protobuf

import (
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
}

// NewLocations indexes info (nil gives an empty index).
func NewLocations(info *descriptorpb.SourceCodeInfo) *Locations {
	l := &Locations{byPath: map[string]*descriptorpb.SourceCodeInfo_Location{}}
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
	loc := l.byPath[PathKey(path)]
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
	filePackageTag      = 2
	fileDependencyTag   = 3
	fileMessageTag      = 4
	fileEnumTag         = 5
	fileServiceTag      = 6
	fileExtensionTag    = 7
	fileOptionsTag      = 8
	fileSyntaxTag       = 12
	fileEditionTag      = 14
	msgNameTag          = 1
	msgFieldTag         = 2
	msgNestedTag        = 3
	msgEnumTag          = 4
	msgExtRangeTag      = 5
	msgExtensionTag     = 6
	msgOptionsTag       = 7
	msgOneofTag         = 8
	msgReservedRangeTag = 9
	msgReservedNameTag  = 10
	fieldNameTag        = 1
	fieldNumberTag      = 3
	fieldLabelTag       = 4
	fieldTypeTag        = 5
	fieldTypeNameTag    = 6
	fieldDefaultTag     = 7
	fieldOptionsTag     = 8
	fieldJSONNameTag    = 10
	oneofNameTag        = 1
	enumNameTag         = 1
	enumValueTag        = 2
	enumOptionsTag      = 3
	enumReservedTag     = 4
	enumReservedNameTag = 5
	valueNameTag        = 1
	valueNumberTag      = 2
	valueOptionsTag     = 3
	serviceNameTag      = 1
	serviceMethodTag    = 2
	serviceOptionsTag   = 3
	methodNameTag       = 1
	methodInputTag      = 2
	methodOutputTag     = 3
	methodOptionsTag    = 4
	methodClientStrTag  = 5
	methodServerStrTag  = 6
)

// Exported element-path tags for diff/protobuf.
const (
	TagFilePackage      = filePackageTag
	TagFileMessage      = fileMessageTag
	TagFileEnum         = fileEnumTag
	TagFileService      = fileServiceTag
	TagFileExtension    = fileExtensionTag
	TagFileOptions      = fileOptionsTag
	TagFileSyntax       = fileSyntaxTag
	TagFileEdition      = fileEditionTag
	TagMsgField         = msgFieldTag
	TagMsgNested        = msgNestedTag
	TagMsgEnum          = msgEnumTag
	TagMsgExtRange      = msgExtRangeTag
	TagMsgExtension     = msgExtensionTag
	TagMsgOptions       = msgOptionsTag
	TagMsgOneof         = msgOneofTag
	TagMsgReservedRange = msgReservedRangeTag
	TagMsgReservedName  = msgReservedNameTag
	TagFieldName        = fieldNameTag
	TagFieldLabel       = fieldLabelTag
	TagFieldType        = fieldTypeTag
	TagFieldTypeName    = fieldTypeNameTag
	TagFieldDefault     = fieldDefaultTag
	TagFieldOptions     = fieldOptionsTag
	TagFieldJSONName    = fieldJSONNameTag
	TagEnumValue        = enumValueTag
	TagEnumOptions      = enumOptionsTag
	TagValueName        = valueNameTag
	TagServiceMethod    = serviceMethodTag
	TagMethodInput      = methodInputTag
	TagMethodOutput     = methodOutputTag
	TagMethodOptions    = methodOptionsTag
)

// with returns p extended by more, as a fresh slice.
func with(p []int32, more ...int32) []int32 {
	out := make([]int32, 0, len(p)+len(more))
	return append(append(out, p...), more...)
}

// With is with for other packages.
func With(p []int32, more ...int32) []int32 { return with(p, more...) }
