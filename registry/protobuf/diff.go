package protobuf

import (
	"strconv"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/contractctl/contractctl/internal/compat"
)

// Checker is Confluent's Protobuf compatibility check. It implements
// compat.Checker: Check(reader, writer) reports
// SchemaDiff.compare(original = writer, update = reader).
type Checker struct{}

var _ compat.Checker = Checker{}

// SchemaTypeMismatch is reported when a schema given to Check is not a
// *Schema of this package (Confluent: "Incompatible because of different
// schema type").
const SchemaTypeMismatch = "SCHEMA_TYPE_MISMATCH"

// Check lists every difference between writer (the original) and reader (the
// update); the update is incompatible when any Issue has Compatible false.
func (Checker) Check(reader, writer compat.Schema) []compat.Issue {
	update, _ := reader.(*Schema)
	original, _ := writer.(*Schema)
	return Diff(original, update)
}

// Diff is Confluent's SchemaDiff.compare(original, update): every
// difference, in Confluent's order, with Line/Column in update's source.
// A nil (or zero) schema yields a single SchemaTypeMismatch issue.
func Diff(original, update *Schema) []compat.Issue {
	if !original.valid() || !update.valid() {
		return []compat.Issue{{
			Type:    SchemaTypeMismatch,
			Message: "Incompatible because of different schema type",
		}}
	}
	d := &differ{orig: original, upd: update, active: map[protoreflect.FullName]struct{}{}}
	if original.fd.Package() != update.fd.Package() {
		line, col := update.packagePosition()
		d.addAt(PackageChanged, line, col)
	}
	d.compareTypeElements(typesOf(original.fd), typesOf(update.fd), nil)
	return d.issues
}

// differ is the state of one comparison (Confluent's diff Context).
type differ struct {
	orig, upd *Schema
	path      []string
	issues    []compat.Issue
	// active holds the original messages whose fields are being compared,
	// which cuts recursion through self-referencing types. Scoped
	// (added/removed around each comparison) and shared with sub-differs.
	active map[protoreflect.FullName]struct{}
}

// sub starts a nested comparison of a referenced message, reported at the
// message's package-local name.
func (d *differ) sub(localName string) *differ {
	return &differ{orig: d.orig, upd: d.upd, path: strings.Split(localName, "."), active: d.active}
}

func (d *differ) push(elem string) { d.path = append(d.path, elem) }
func (d *differ) pop()             { d.path = d.path[:len(d.path)-1] }

func (d *differ) add(diffType string, at protoreflect.Descriptor) {
	line, col := d.upd.position(at)
	d.addAt(diffType, line, col)
}

// addUnder reports a difference at the current path extended by elems.
func (d *differ) addUnder(diffType string, at protoreflect.Descriptor, elems ...string) {
	d.path = append(d.path, elems...)
	d.add(diffType, at)
	d.path = d.path[:len(d.path)-len(elems)]
}

func (d *differ) addAt(diffType string, line, col int) {
	info := describe(diffType)
	path := "#/" + strings.Join(d.path, "/")
	d.issues = append(d.issues, compat.Issue{
		Type:       diffType,
		Path:       path,
		Message:    info.message + " (" + path + ")",
		Compatible: info.compatible,
		Line:       line,
		Column:     col,
	})
}

func compatibleAll(issues []compat.Issue) bool {
	for _, is := range issues {
		if !is.Compatible {
			return false
		}
	}
	return true
}

// typeList is the messages (in declaration order, without map entries and
// proto2 groups, which Confluent's parser does not see as types) and enums
// declared in one scope.
type typeList struct {
	messages []protoreflect.MessageDescriptor
	enums    []protoreflect.EnumDescriptor
}

type scope interface {
	Messages() protoreflect.MessageDescriptors
	Enums() protoreflect.EnumDescriptors
	Extensions() protoreflect.ExtensionDescriptors
}

func typesOf(s scope) typeList {
	hidden := map[protoreflect.FullName]bool{}
	markGroups := func(fields interface {
		Len() int
		Get(int) protoreflect.FieldDescriptor
	}) {
		for i := 0; i < fields.Len(); i++ {
			if fd := fields.Get(i); isProto2Group(fd) {
				hidden[fd.Message().FullName()] = true
			}
		}
	}
	if md, ok := s.(protoreflect.MessageDescriptor); ok {
		markGroups(md.Fields())
	}
	markGroups(s.Extensions())
	var tl typeList
	msgs := s.Messages()
	for i := 0; i < msgs.Len(); i++ {
		md := msgs.Get(i)
		if md.IsMapEntry() || hidden[md.FullName()] {
			continue
		}
		tl.messages = append(tl.messages, md)
	}
	enums := s.Enums()
	for i := 0; i < enums.Len(); i++ {
		tl.enums = append(tl.enums, enums.Get(i))
	}
	return tl
}

func isProto2Group(fd protoreflect.FieldDescriptor) bool {
	return fd.Kind() == protoreflect.GroupKind && fd.ParentFile().Syntax() == protoreflect.Proto2
}

// compareTypeElements matches messages and enums of one scope by name
// (SchemaDiff.compareTypeElements); updParent locates removals.
func (d *differ) compareTypeElements(original, update typeList, updParent protoreflect.Descriptor) {
	origMsgs, origIdx, origNames := indexMessages(original.messages)
	updMsgs, updIdx, updNames := indexMessages(update.messages)
	all := newJavaHashSetOf(javaStringHash, origNames)
	all.addAll(updNames)
	for _, name := range all.ordered() {
		d.push(name)
		om, um := origMsgs[name], updMsgs[name]
		switch {
		case um == nil:
			d.add(MessageRemoved, updParent)
		case om == nil:
			d.add(MessageAdded, um)
		default:
			d.compareMessages(om, um)
			if origIdx[name] != updIdx[name] {
				d.add(MessageMoved, um)
			}
		}
		d.pop()
	}

	origEnums, origEnumNames := indexEnums(original.enums)
	updEnums, updEnumNames := indexEnums(update.enums)
	allEnums := newJavaHashSetOf(javaStringHash, origEnumNames)
	allEnums.addAll(updEnumNames)
	for _, name := range allEnums.ordered() {
		d.push(name)
		oe, ue := origEnums[name], updEnums[name]
		switch {
		case ue == nil:
			d.add(EnumRemoved, updParent)
		case oe == nil:
			d.add(EnumAdded, ue)
		default:
			d.compareEnums(oe, ue)
		}
		d.pop()
	}
}

// indexMessages returns messages by name, their index among the scope's
// messages, and the names in Java HashMap key order.
func indexMessages(list []protoreflect.MessageDescriptor) (map[string]protoreflect.MessageDescriptor, map[string]int, []string) {
	byName := make(map[string]protoreflect.MessageDescriptor, len(list))
	idx := make(map[string]int, len(list))
	keys := newJavaHashMap(javaStringHash)
	for i, md := range list {
		name := string(md.Name())
		byName[name] = md
		idx[name] = i
		keys.add(name)
	}
	return byName, idx, keys.ordered()
}

func indexEnums(list []protoreflect.EnumDescriptor) (map[string]protoreflect.EnumDescriptor, []string) {
	byName := make(map[string]protoreflect.EnumDescriptor, len(list))
	keys := newJavaHashMap(javaStringHash)
	for _, ed := range list {
		name := string(ed.Name())
		byName[name] = ed
		keys.add(name)
	}
	return byName, keys.ordered()
}

// compareEnums matches enum values by number (EnumSchemaDiff); with
// allow_alias the last value declared for a number represents it.
func (d *differ) compareEnums(original, update protoreflect.EnumDescriptor) {
	origByNum, origNums := indexValues(original)
	updByNum, updNums := indexValues(update)
	all := newJavaHashSetOf(javaIntHash, origNums)
	all.addAll(updNums)
	for _, num := range all.ordered() {
		d.push(strconv.Itoa(int(num)))
		ov, uv := origByNum[num], updByNum[num]
		switch {
		case uv == nil:
			d.add(EnumConstRemoved, update)
		case ov == nil:
			d.add(EnumConstAdded, uv)
		case ov.Name() != uv.Name():
			d.add(EnumConstChanged, uv)
		}
		d.pop()
	}
}

func indexValues(ed protoreflect.EnumDescriptor) (map[int32]protoreflect.EnumValueDescriptor, []int32) {
	values := ed.Values()
	byNum := make(map[int32]protoreflect.EnumValueDescriptor, values.Len())
	keys := newJavaHashMap(javaIntHash)
	for i := 0; i < values.Len(); i++ {
		v := values.Get(i)
		num := int32(v.Number())
		byNum[num] = v
		keys.add(num)
	}
	return byNum, keys.ordered()
}
