package rules

func asyncAPIRules() []Rule {
	return nil
}
