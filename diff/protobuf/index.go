package protobuf

import (
	"sort"

	"google.golang.org/protobuf/types/descriptorpb"
)

// index holds one revision's target files and their elements by
// fully-qualified name.
type index struct {
	files     map[string]*descriptorpb.FileDescriptorProto // by import-path-relative name
	paths     map[string]string                            // name → reader-relative path
	fileNames []string                                     // sorted
	msgs      map[string]msgRef
	enums     map[string]enumRef
	services  map[string]*descriptorpb.ServiceDescriptorProto
	serviceIn map[string]string // service → file name
	exts      map[string]string // extension full name → file name
	pkgs      *pkgIndex
}

type msgRef struct {
	file string
	fd   *descriptorpb.FileDescriptorProto
	msg  *descriptorpb.DescriptorProto
}

type enumRef struct {
	file string
	fd   *descriptorpb.FileDescriptorProto
	enum *descriptorpb.EnumDescriptorProto
}

func newIndex(protos map[string]*descriptorpb.FileDescriptorProto, targets map[string]string) *index {
	x := &index{files: map[string]*descriptorpb.FileDescriptorProto{}, paths: targets,
		msgs: map[string]msgRef{}, enums: map[string]enumRef{},
		services: map[string]*descriptorpb.ServiceDescriptorProto{}, serviceIn: map[string]string{},
		exts: map[string]string{}, pkgs: newPkgIndex()}
	for name := range targets {
		fd := protos[name]
		if fd == nil {
			continue
		}
		x.files[name] = fd
		x.fileNames = append(x.fileNames, name)
		x.pkgs.add(fd)
		pkg := fd.GetPackage()
		var walk func(scope string, ms []*descriptorpb.DescriptorProto)
		walk = func(scope string, ms []*descriptorpb.DescriptorProto) {
			for _, m := range ms {
				full := join(scope, m.GetName())
				x.msgs[full] = msgRef{name, fd, m}
				for _, e := range m.EnumType {
					x.enums[join(full, e.GetName())] = enumRef{name, fd, e}
				}
				for _, ext := range m.Extension {
					x.exts[join(full, ext.GetName())] = name
				}
				walk(full, m.NestedType)
			}
		}
		walk(pkg, fd.MessageType)
		for _, e := range fd.EnumType {
			x.enums[join(pkg, e.GetName())] = enumRef{name, fd, e}
		}
		for _, s := range fd.Service {
			x.services[join(pkg, s.GetName())] = s
			x.serviceIn[join(pkg, s.GetName())] = name
		}
		for _, ext := range fd.Extension {
			x.exts[join(pkg, ext.GetName())] = name
		}
	}
	sort.Strings(x.fileNames)
	return x
}

// pkgIndex records, per package, the names of its top-level and nested
// elements (for PACKAGE_* deletion rules).
type pkgIndex struct {
	pkgs     map[string]bool
	msgs     map[string]bool
	enums    map[string]bool
	services map[string]bool
	exts     map[string]bool
}

func newPkgIndex() *pkgIndex {
	return &pkgIndex{pkgs: map[string]bool{}, msgs: map[string]bool{}, enums: map[string]bool{},
		services: map[string]bool{}, exts: map[string]bool{}}
}

func (p *pkgIndex) add(fd *descriptorpb.FileDescriptorProto) {
	pkg := fd.GetPackage()
	p.pkgs[pkg] = true
	var walk func(scope string, ms []*descriptorpb.DescriptorProto)
	walk = func(scope string, ms []*descriptorpb.DescriptorProto) {
		for _, m := range ms {
			full := join(scope, m.GetName())
			p.msgs[full] = true
			for _, e := range m.EnumType {
				p.enums[join(full, e.GetName())] = true
			}
			for _, x := range m.Extension {
				p.exts[join(full, x.GetName())] = true
			}
			walk(full, m.NestedType)
		}
	}
	walk(pkg, fd.MessageType)
	for _, e := range fd.EnumType {
		p.enums[join(pkg, e.GetName())] = true
	}
	for _, s := range fd.Service {
		p.services[join(pkg, s.GetName())] = true
	}
	for _, x := range fd.Extension {
		p.exts[join(pkg, x.GetName())] = true
	}
}

func join(scope, name string) string {
	if scope == "" {
		return name
	}
	return scope + "." + name
}
