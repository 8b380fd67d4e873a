package protoset

import (
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

// Features is the resolved editions feature set of one element: the
// defaults of its file's syntax or edition, overridden by the features
// set on the file and on every enclosing element, innermost last. Files
// in proto2 and proto3 cannot set features; their defaults are the
// behaviour of the syntax.
type Features struct {
	FieldPresence         descriptorpb.FeatureSet_FieldPresence
	EnumType              descriptorpb.FeatureSet_EnumType
	RepeatedFieldEncoding descriptorpb.FeatureSet_RepeatedFieldEncoding
	Utf8Validation        descriptorpb.FeatureSet_Utf8Validation
	MessageEncoding       descriptorpb.FeatureSet_MessageEncoding
	JSONFormat            descriptorpb.FeatureSet_JsonFormat
	// CppStringType is (pb.cpp).string_type: 1 VIEW, 2 CORD, 3 STRING.
	CppStringType int32
	// JavaUtf8Validation is (pb.java).utf8_validation: 1 DEFAULT, 2 VERIFY.
	JavaUtf8Validation int32
}

// The values of the language features contractctl reads.
const (
	CppStringView   = 1
	CppStringCord   = 2
	CppStringString = 3
	JavaUtf8Default = 1
	JavaUtf8Verify  = 2
)

// Field numbers of the FeatureSet extensions and of their fields.
const (
	featureExtCpp        = 1000
	featureExtJava       = 1001
	cppFieldStringType   = 2
	javaFieldUtf8Checked = 2
)

// Edition is fd's edition: EDITION_PROTO2, EDITION_PROTO3 or the declared
// one.
func Edition(fd *descriptorpb.FileDescriptorProto) descriptorpb.Edition {
	switch fd.GetSyntax() {
	case "proto3":
		return descriptorpb.Edition_EDITION_PROTO3
	case "editions":
		return fd.GetEdition()
	}
	return descriptorpb.Edition_EDITION_PROTO2
}

// FileFeatures resolves the features of fd itself.
func FileFeatures(fd *descriptorpb.FileDescriptorProto) Features {
	f := Features{
		FieldPresence:         descriptorpb.FeatureSet_EXPLICIT,
		EnumType:              descriptorpb.FeatureSet_OPEN,
		RepeatedFieldEncoding: descriptorpb.FeatureSet_PACKED,
		Utf8Validation:        descriptorpb.FeatureSet_VERIFY,
		MessageEncoding:       descriptorpb.FeatureSet_LENGTH_PREFIXED,
		JSONFormat:            descriptorpb.FeatureSet_ALLOW,
		CppStringType:         CppStringString,
		JavaUtf8Validation:    JavaUtf8Default,
	}
	switch ed := Edition(fd); {
	case ed == descriptorpb.Edition_EDITION_PROTO2:
		f.EnumType = descriptorpb.FeatureSet_CLOSED
		f.RepeatedFieldEncoding = descriptorpb.FeatureSet_EXPANDED
		f.Utf8Validation = descriptorpb.FeatureSet_NONE
		f.JSONFormat = descriptorpb.FeatureSet_LEGACY_BEST_EFFORT
	case ed == descriptorpb.Edition_EDITION_PROTO3:
		f.FieldPresence = descriptorpb.FeatureSet_IMPLICIT
	case ed >= descriptorpb.Edition_EDITION_2024:
		f.CppStringType = CppStringView
	}
	return f.With(fd.GetOptions().GetFeatures())
}

// With returns f overridden by the features fs sets.
func (f Features) With(fs *descriptorpb.FeatureSet) Features {
	if fs == nil {
		return f
	}
	if v := fs.GetFieldPresence(); v != 0 {
		f.FieldPresence = v
	}
	if v := fs.GetEnumType(); v != 0 {
		f.EnumType = v
	}
	if v := fs.GetRepeatedFieldEncoding(); v != 0 {
		f.RepeatedFieldEncoding = v
	}
	if v := fs.GetUtf8Validation(); v != 0 {
		f.Utf8Validation = v
	}
	if v := fs.GetMessageEncoding(); v != 0 {
		f.MessageEncoding = v
	}
	if v := fs.GetJsonFormat(); v != 0 {
		f.JSONFormat = v
	}
	if v := languageFeature(fs, featureExtCpp, cppFieldStringType); v != 0 {
		f.CppStringType = v
	}
	if v := languageFeature(fs, featureExtJava, javaFieldUtf8Checked); v != 0 {
		f.JavaUtf8Validation = v
	}
	return f
}

// languageFeature reads enum field num of the FeatureSet extension ext
// (pb.cpp, pb.java): an extension the compiler resolved, or unknown fields
// (0 when unset).
func languageFeature(fs *descriptorpb.FeatureSet, ext, num protowire.Number) int32 {
	var out int32
	fs.ProtoReflect().Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.IsExtension() && fd.Number() == ext && fd.Message() != nil {
			m := v.Message()
			if f := m.Descriptor().Fields().ByNumber(num); f != nil && m.Has(f) {
				out = int32(m.Get(f).Enum())
			}
		}
		return true
	})
	b := fs.ProtoReflect().GetUnknown()
	for len(b) > 0 {
		n, typ, l := protowire.ConsumeTag(b)
		if l < 0 {
			return out
		}
		b = b[l:]
		vl := protowire.ConsumeFieldValue(n, typ, b)
		if vl < 0 {
			return out
		}
		if n == ext && typ == protowire.BytesType {
			inner, _ := protowire.ConsumeBytes(b[:vl])
			for len(inner) > 0 {
				in, it, il := protowire.ConsumeTag(inner)
				if il < 0 {
					break
				}
				inner = inner[il:]
				ivl := protowire.ConsumeFieldValue(in, it, inner)
				if ivl < 0 {
					break
				}
				if in == num && it == protowire.VarintType {
					v, _ := protowire.ConsumeVarint(inner[:ivl])
					out = int32(v)
				}
				inner = inner[ivl:]
			}
		}
		b = b[vl:]
	}
	return out
}
