package protobuf

import (
	"slices"
	"strconv"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// compareMessages is MessageSchemaDiff.compare: fields (unless this original
// message is already being compared further up), then nested types.
func (d *differ) compareMessages(original, update protoreflect.MessageDescriptor) {
	key := original.FullName()
	if _, busy := d.active[key]; !busy {
		d.active[key] = struct{}{}
		defer delete(d.active, key)
		d.compareMessageFields(original, update)
	}
	d.compareTypeElements(typesOf(original), typesOf(update), update)
}

// messageFields indexes a message's fields by tag, across top-level fields
// and oneof members alike.
type messageFields struct {
	byTag      map[int32]protoreflect.FieldDescriptor
	tagToOneof map[int32]string
	oneofs     map[string]protoreflect.OneofDescriptor
	oneofOrder []protoreflect.OneofDescriptor
}

func collectFields(md protoreflect.MessageDescriptor) messageFields {
	mf := messageFields{
		byTag:      map[int32]protoreflect.FieldDescriptor{},
		tagToOneof: map[int32]string{},
		oneofs:     map[string]protoreflect.OneofDescriptor{},
	}
	fields := md.Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if isProto2Group(fd) {
			continue
		}
		tag := int32(fd.Number())
		mf.byTag[tag] = fd
		if od := fd.ContainingOneof(); od != nil && !od.IsSynthetic() {
			mf.tagToOneof[tag] = string(od.Name())
		}
	}
	oneofs := md.Oneofs()
	for i := 0; i < oneofs.Len(); i++ {
		if od := oneofs.Get(i); !od.IsSynthetic() {
			mf.oneofs[string(od.Name())] = od
			mf.oneofOrder = append(mf.oneofOrder, od)
		}
	}
	return mf
}

// compareMessageFields is the field and oneof part of
// MessageSchemaDiff.compare: fields are matched by tag across the whole
// message, independent of oneof membership.
func (d *differ) compareMessageFields(original, update protoreflect.MessageDescriptor) {
	orig, upd := collectFields(original), collectFields(update)
	d.checkNewExclusivity(orig, upd)
	d.compareOneofNames(orig, upd, update)
	deleted := deletedOneofs(orig, upd)
	for _, tag := range unionTags(orig, upd) {
		d.compareTag(tag, orig, upd, deleted, update)
	}
}

// oneofMembers lists the fields of a oneof as Confluent's parser sees them
// (proto2 groups excluded).
func oneofMembers(od protoreflect.OneofDescriptor) []protoreflect.FieldDescriptor {
	fields := od.Fields()
	out := make([]protoreflect.FieldDescriptor, 0, fields.Len())
	for i := 0; i < fields.Len(); i++ {
		if fd := fields.Get(i); !isProto2Group(fd) {
			out = append(out, fd)
		}
	}
	return out
}

// deletedOneofs returns the original oneofs that are gone by name and none of
// whose members survive anywhere: a complete (compatible) deletion whose
// members are not reported one by one.
func deletedOneofs(orig, upd messageFields) map[string]bool {
	deleted := map[string]bool{}
	for name, od := range orig.oneofs {
		if _, ok := upd.oneofs[name]; ok {
			continue
		}
		survives := false
		for _, fd := range oneofMembers(od) {
			if _, ok := upd.byTag[int32(fd.Number())]; ok {
				survives = true
				break
			}
		}
		if !survives {
			deleted[name] = true
		}
	}
	return deleted
}

// checkNewExclusivity reports newly introduced mutual exclusivity: an update
// oneof whose pre-existing members come from more than one original group
// (an original oneof, or each original top-level field on its own).
// Brand-new members are ignored: old data never set them.
func (d *differ) checkNewExclusivity(orig, upd messageFields) {
	for _, od := range upd.oneofOrder {
		groups := map[string]bool{}
		topLevelMovedIn := 0
		for _, fd := range oneofMembers(od) {
			tag := int32(fd.Number())
			if name, ok := orig.tagToOneof[tag]; ok {
				groups["oneof:"+name] = true
			} else if _, ok := orig.byTag[tag]; ok {
				groups["field:"+strconv.Itoa(int(tag))] = true
				topLevelMovedIn++
			}
		}
		if len(groups) <= 1 {
			continue
		}
		d.push(string(od.Name()))
		if topLevelMovedIn > 1 {
			d.add(MultipleFieldsMovedToOneof, od)
		} else {
			d.add(FieldMovedToExistingOneof, od)
		}
		d.pop()
	}
}

// compareOneofNames reports oneofs added or removed by name, in name order.
func (d *differ) compareOneofNames(orig, upd messageFields, update protoreflect.MessageDescriptor) {
	names := make([]string, 0, len(orig.oneofs)+len(upd.oneofs))
	for name := range orig.oneofs {
		names = append(names, name)
	}
	for name := range upd.oneofs {
		if _, ok := orig.oneofs[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		d.push(name)
		if uo, ok := upd.oneofs[name]; !ok {
			d.add(OneofRemoved, update)
		} else if _, ok := orig.oneofs[name]; !ok {
			d.add(OneofAdded, uo)
		}
		d.pop()
	}
}

// unionTags is every field number of either version, ascending.
func unionTags(orig, upd messageFields) []int32 {
	tags := make([]int32, 0, len(orig.byTag)+len(upd.byTag))
	for tag := range orig.byTag {
		tags = append(tags, tag)
	}
	for tag := range upd.byTag {
		if _, ok := orig.byTag[tag]; !ok {
			tags = append(tags, tag)
		}
	}
	slices.Sort(tags)
	return tags
}

// compareTag reports one field number: removed, added, moved out of a oneof,
// and/or changed. Oneof members are reported under their oneof's name.
func (d *differ) compareTag(tag int32, orig, upd messageFields, deleted map[string]bool, update protoreflect.MessageDescriptor) {
	of, uf := orig.byTag[tag], upd.byTag[tag]
	origOneof, updOneof := orig.tagToOneof[tag], upd.tagToOneof[tag]
	tagStr := strconv.Itoa(int(tag))
	switch {
	case uf == nil && origOneof != "":
		if deleted[origOneof] {
			return
		}
		var at protoreflect.Descriptor = update
		if uo, ok := upd.oneofs[origOneof]; ok {
			at = uo
		}
		d.addUnder(OneofFieldRemoved, at, origOneof, tagStr)
	case uf == nil:
		if of.Cardinality() == protoreflect.Required {
			d.addUnder(RequiredFieldRemoved, update, tagStr)
		} else {
			d.addUnder(FieldRemoved, update, tagStr)
		}
	case of == nil && updOneof != "":
		d.addUnder(OneofFieldAdded, uf, updOneof, tagStr)
	case of == nil:
		if uf.Cardinality() == protoreflect.Required {
			d.addUnder(RequiredFieldAdded, uf, tagStr)
		} else {
			d.addUnder(FieldAdded, uf, tagStr)
		}
	default:
		if origOneof != "" && updOneof == "" {
			d.addUnder(OneofFieldMovedToTopLevel, uf, tagStr)
		}
		if updOneof != "" {
			d.push(updOneof)
			defer d.pop()
		}
		d.push(tagStr)
		d.compareFields(of, uf)
		d.pop()
	}
}
