package rules

func openAPIDiffRules() []Rule {
	return nil
}
