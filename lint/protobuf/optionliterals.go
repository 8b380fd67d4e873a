package protobuf

import (
	"strings"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"github.com/bufbuild/protocompile/ast"
	"github.com/bufbuild/protocompile/linker"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/contractctl/contractctl/internal/protoset"
)

// validateOptions are buf.validate's options by the name written in an
// option, with the message their value is.
var validateOptions = map[string]protoreflect.ExtensionType{
	"buf.validate.field":      validate.E_Field,
	"buf.validate.message":    validate.E_Message,
	"buf.validate.predefined": validate.E_Predefined,
}

// literalLocs lists, for the buf.validate options of the element at path,
// the fields set inside message literals, as buf's compiler places them:
// a location for each scalar field at the path of field numbers that
// leads to it (with an index only for the values of a repeated scalar;
// elements of a repeated message add none). Source info has none inside
// literals.
func literalLocs(fd protoreflect.FileDescriptor, path []int32, optionsTag int32) []protoset.Loc {
	res, ok := fd.(linker.Result)
	if !ok {
		return nil
	}
	decl := declAt(res.FileDescriptorProto(), path)
	if decl == nil {
		return nil
	}
	var opts []*ast.OptionNode
	switch n := res.Node(decl).(type) {
	case ast.FieldDeclNode:
		if co := n.GetOptions(); co != nil {
			opts = co.Options
		}
	case *ast.MessageNode:
		for _, d := range n.Decls {
			if o, ok := d.(*ast.OptionNode); ok {
				opts = append(opts, o)
			}
		}
	}
	file := res.AST()
	var out []protoset.Loc
	for _, o := range opts {
		lit, ok := o.Val.(*ast.MessageLiteralNode)
		if !ok || len(o.Name.Parts) == 0 {
			continue
		}
		xt := validateOptions[strings.TrimPrefix(string(o.Name.Parts[0].Name.AsIdentifier()), ".")]
		if xt == nil || !o.Name.Parts[0].IsExtension() {
			continue
		}
		p := protoset.With(path, optionsTag, int32(xt.TypeDescriptor().Number()))
		md := xt.TypeDescriptor().Message()
		for _, part := range o.Name.Parts[1:] {
			f := md.Fields().ByName(protoreflect.Name(part.Value()))
			if part.IsExtension() || f == nil || f.Message() == nil {
				md = nil
				break
			}
			p, md = append(p, int32(f.Number())), f.Message()
		}
		if md != nil {
			out = literalFields(file, lit, p, md, out)
		}
	}
	return out
}

func literalFields(file *ast.FileNode, lit *ast.MessageLiteralNode, path []int32, md protoreflect.MessageDescriptor, out []protoset.Loc) []protoset.Loc {
	index := map[protoreflect.FieldNumber]int32{}
	for _, el := range lit.Elements {
		f := md.Fields().ByName(protoreflect.Name(el.Name.Value()))
		if el.Name.IsExtension() || f == nil {
			continue
		}
		p := protoset.With(path, int32(f.Number()))
		vals := []ast.ValueNode{el.Val}
		if arr, ok := el.Val.(*ast.ArrayLiteralNode); ok {
			vals = arr.Elements
		}
		for _, v := range vals {
			switch {
			case f.Message() != nil:
				if m, ok := v.(*ast.MessageLiteralNode); ok {
					out = literalFields(file, m, p, f.Message(), out)
				}
			case f.IsList():
				out = append(out, protoset.Loc{Path: protoset.With(p, index[f.Number()]), Span: nodeSpan(file, v)})
				index[f.Number()]++
			default:
				out = append(out, protoset.Loc{Path: p, Span: nodeSpan(file, el)})
			}
		}
	}
	return out
}

func nodeSpan(file *ast.FileNode, n ast.Node) protoset.Span {
	info := file.NodeInfo(n)
	start, end := info.Start(), info.End()
	return protoset.Span{Line: start.Line, Column: start.Col, EndLine: end.Line, EndColumn: end.Col}
}

// declAt is the declaration at an element path of fdp (a message, field
// or extension), or nil.
func declAt(fdp *descriptorpb.FileDescriptorProto, path []int32) proto.Message {
	var cur proto.Message = fdp
	for i := 0; i+1 < len(path); i += 2 {
		tag, idx := path[i], int(path[i+1])
		switch m := cur.(type) {
		case *descriptorpb.FileDescriptorProto:
			switch tag {
			case protoset.TagFileMessage:
				cur = at(m.MessageType, idx)
			case protoset.TagFileExtension:
				cur = at(m.Extension, idx)
			default:
				return nil
			}
		case *descriptorpb.DescriptorProto:
			switch tag {
			case protoset.TagMsgNested:
				cur = at(m.NestedType, idx)
			case protoset.TagMsgField:
				cur = at(m.Field, idx)
			case protoset.TagMsgExtension:
				cur = at(m.Extension, idx)
			default:
				return nil
			}
		default:
			return nil
		}
		if cur == nil {
			return nil
		}
	}
	return cur
}

func at[T proto.Message](s []T, i int) proto.Message {
	if i < 0 || i >= len(s) {
		return nil
	}
	return s[i]
}
