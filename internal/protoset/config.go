package protoset

// Config selects buf-style rules and import paths (the `protobuf` key of
// .contractctl.yaml); buf.yaml files add to it.
type Config struct {
	ImportPaths []string    `yaml:"import_paths"`
	Lint        CheckConfig `yaml:"lint"`
	Breaking    CheckConfig `yaml:"breaking"`
}

// CheckConfig is a buf-style selection: rule IDs or categories.
type CheckConfig struct {
	Use        []string            `yaml:"use"`
	Except     []string            `yaml:"except"`
	Ignore     []string            `yaml:"ignore"`
	IgnoreOnly map[string][]string `yaml:"ignore_only"`
}
