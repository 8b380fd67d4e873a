package protobuf

import (
	"slices"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/lint/protobuf/validaterules"
)

// runProtovalidate checks the buf.validate rules of every file that can
// use them (it imports buf/validate/validate.proto); other files cost one
// look at their imports.
func runProtovalidate(p *Pass) {
	p.OnFile(func(f File) {
		fd := f.file.f.Linked
		if fd == nil || !validaterules.Uses(fd) {
			return
		}
		c, err := p.l.validateRules()
		if err != nil {
			p.Report(f.Element, "protovalidate rules were not checked: %v", err)
			return
		}
		c.File(fd)
		defer c.Release(fd)
		v := validateVisit{p: p, c: c, file: f.file}
		v.messages(fd.Messages(), nil, protoset.TagFileMessage)
		v.extensions(fd.Extensions(), nil, protoset.TagFileExtension)
	})
}

// validateVisit walks one file's linked descriptors with their source
// paths.
type validateVisit struct {
	p    *Pass
	c    *validaterules.Checker
	file *pass
}

func (v validateVisit) messages(ms protoreflect.MessageDescriptors, parent []int32, tag int32) {
	for i := range ms.Len() {
		md := ms.Get(i)
		if md.IsMapEntry() {
			continue
		}
		path := protoset.With(parent, tag, int32(i))
		el := Element{path, "/" + string(md.FullName()), v.file}
		v.check(el, protoset.TagMsgOptions, func(r validaterules.Report) error { return v.c.Message(md, r) })
		fields := md.Fields()
		for j := range fields.Len() {
			fd := fields.Get(j)
			fel := Element{protoset.With(path, protoset.TagMsgField, int32(j)), el.Ptr + "/" + string(fd.Name()), v.file}
			v.check(fel, protoset.TagFieldOptions, func(r validaterules.Report) error { return v.c.Field(fd, r) })
		}
		v.messages(md.Messages(), path, protoset.TagMsgNested)
		v.extensions(md.Extensions(), path, protoset.TagMsgExtension)
	}
}

func (v validateVisit) extensions(xs protoreflect.ExtensionDescriptors, parent []int32, tag int32) {
	for i := range xs.Len() {
		xd := xs.Get(i)
		el := Element{protoset.With(parent, tag, int32(i)), "/" + string(xd.FullName()), v.file}
		v.check(el, protoset.TagFieldOptions, func(r validaterules.Report) error {
			if err := v.c.Predefined(xd, r); err != nil {
				return err
			}
			return v.c.Field(xd, r)
		})
	}
}

// check runs one element's checks, placing each problem at its option's
// span (paths on one span are one finding).
func (v validateVisit) check(el Element, optionsTag int32, run func(validaterules.Report) error) {
	extLen := len(el.Path) + 2 // element, options, the extension
	var inner []protoset.Loc
	innerDone := false
	err := run(func(paths [][]int32, msg string) {
		if !innerDone {
			inner, innerDone = literalLocs(v.file.f.Linked, el.Path, optionsTag), true
		}
		var seen []protoset.Span
		for _, rel := range paths {
			sp := el.Locs().OptionSpan(append(protoset.With(el.Path, optionsTag), rel...), extLen, inner)
			if !slices.Contains(seen, sp) {
				seen = append(seen, sp)
				v.p.ReportAt(el, sp, "%s", msg)
			}
		}
	})
	if err != nil {
		v.p.Report(el, "protovalidate rules were not checked: %v", err)
	}
}

// validateRules is the run's protovalidate checker, made when the first
// file that uses protovalidate is visited.
func (l *linter) validateRules() (*validaterules.Checker, error) {
	l.validateOnce.Do(func() { l.validate, l.validateErr = validaterules.New() })
	return l.validate, l.validateErr
}
