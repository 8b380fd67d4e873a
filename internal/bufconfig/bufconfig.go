// Package bufconfig reads buf's configuration files: buf.yaml (v1beta1,
// v1 and v2 shapes together) and buf.work.yaml.
package bufconfig

import (
	"errors"
	"path"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// File is buf.yaml, v1beta1, v1 and v2 shapes together (also a policy file).
type File struct {
	Version string   `yaml:"version"`
	Deps    []string `yaml:"deps"`
	Build   struct {
		Roots    []string `yaml:"roots"`
		Excludes []string `yaml:"excludes"`
	} `yaml:"build"`
	Modules []struct {
		Path     string   `yaml:"path"`
		Excludes []string `yaml:"excludes"`
		Lint     *Check   `yaml:"lint"`
		Breaking *Check   `yaml:"breaking"`
	} `yaml:"modules"`
	Lint     Check `yaml:"lint"`
	Breaking Check `yaml:"breaking"`
	Policies []struct {
		Policy     string              `yaml:"policy"`
		Ignore     []string            `yaml:"ignore"`
		IgnoreOnly map[string][]string `yaml:"ignore_only"`
	} `yaml:"policies"`
}

// Check is a lint or breaking section.
type Check struct {
	Use                    []string            `yaml:"use"`
	Except                 []string            `yaml:"except"`
	Ignore                 []string            `yaml:"ignore"`
	IgnoreOnly             map[string][]string `yaml:"ignore_only"`
	EnumZeroValueSuffix    string              `yaml:"enum_zero_value_suffix"`
	ServiceSuffix          string              `yaml:"service_suffix"`
	RPCAllowSame           bool                `yaml:"rpc_allow_same_request_response"`
	RPCAllowEmptyRequests  bool                `yaml:"rpc_allow_google_protobuf_empty_requests"`
	RPCAllowEmptyResponses bool                `yaml:"rpc_allow_google_protobuf_empty_responses"`
	DisallowCommentIgnores bool                `yaml:"disallow_comment_ignores"`
	AllowCommentIgnores    bool                `yaml:"allow_comment_ignores"`
	IgnoreUnstablePackages bool                `yaml:"ignore_unstable_packages"`
	DisableBuiltin         bool                `yaml:"disable_builtin"`
}

// Work is buf.work.yaml.
type Work struct {
	Directories []string `yaml:"directories"`
}

// Workspace reports whether buf.yaml f lists modules (v2), which makes its
// directory a workspace as a buf.work.yaml does.
func (f *File) Workspace() bool { return f.Version == "v2" && len(f.Modules) > 0 }

// Parse reads a buf.yaml (or a policy file); what is wrong is said
// without the file's name, which the caller adds.
func Parse(data []byte) (*File, error) {
	var f File
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, trim(err)
	}
	return &f, nil
}

// ParseWork reads a buf.work.yaml.
func ParseWork(data []byte) (*Work, error) {
	var w Work
	if err := yaml.Unmarshal(data, &w); err != nil {
		return nil, trim(err)
	}
	return &w, nil
}

// Named returns the module directories, relative to the file's own
// directory and cleaned, that a workspace configuration names: a
// buf.work.yaml's directories or a buf.yaml v2's module paths (none for
// another buf.yaml). name is the file's base name.
func Named(name string, data []byte) ([]string, error) {
	var dirs []string
	if name == "buf.work.yaml" {
		w, err := ParseWork(data)
		if err != nil {
			return nil, err
		}
		dirs = w.Directories
	} else {
		f, err := Parse(data)
		if err != nil {
			return nil, err
		}
		if !f.Workspace() {
			return nil, nil
		}
		for _, m := range f.Modules {
			dirs = append(dirs, m.Path)
		}
	}
	out := make([]string, 0, len(dirs))
	for _, d := range dirs {
		out = append(out, path.Clean(d))
	}
	return out, nil
}

func trim(err error) error { return errors.New(strings.TrimPrefix(err.Error(), "yaml: ")) }
