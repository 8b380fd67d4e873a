package openapi

import "github.com/contractctl/contractctl/internal/load"

func parseForTest(s string) (*load.File, error) { return load.Parse("t.json", []byte(s)) }
