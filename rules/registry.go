package rules

func registryRules() []Rule {
	return nil
}
