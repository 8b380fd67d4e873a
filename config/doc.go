// Package config reads .contractctl.yaml (validated against the rules
// catalogue, every error positioned) and applies it to findings: severity
// overrides, rules switched off, ignores and their expiry. The parameters of
// each format live with that format (house, internal/asyncapi,
// internal/protoset) and are completed with their defaults here.
package config
