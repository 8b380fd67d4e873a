package rules

func protobufRules() []Rule {
	return nil
}
