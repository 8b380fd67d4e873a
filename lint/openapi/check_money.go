package openapi

import (
	"sort"
	"strings"

	"github.com/contractctl/contractctl/house"
)

// moneyKind classifies a money property's schema.
type moneyKind int

const (
	moneyNotScalar moneyKind = iota // an object or array: its own properties carry the money
	moneyInteger
	moneyWrong   // a number, string or boolean
	moneyUntyped // no type anywhere
)

func classifyMoney(p *Pass, prop Property) (moneyKind, TypeSet) {
	ts := p.Types(prop.Loc, prop.Node)
	switch {
	case ts.has("object") || ts.has("array") || ts.only("boolean") || ts.only("string") && ts.idString:
		// An object or array carries its money in its own properties; a
		// boolean (refund_application_fee: true) is a flag about money; a
		// string constrained like an identifier names a price, it is none.
		return moneyNotScalar, ts
	case ts.only("integer"):
		return moneyInteger, ts
	case !ts.declared:
		return moneyUntyped, ts
	}
	return moneyWrong, ts
}

func typeNames(ts TypeSet) string {
	var names []string
	for n := range ts.names {
		if n != "integer" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return strings.Join(names, " or ")
}

func runMoneyInteger(p *Pass) {
	money := p.Config.House.Money
	p.OnSchema(func(s *Schema) {
		for _, prop := range properties(s) {
			if !money.IsMoneyName(prop.Name) {
				continue
			}
			switch kind, ts := classifyMoney(p, prop); kind {
			case moneyWrong:
				p.Report(prop.Loc, "money property %s is typed %s; make it type: integer holding minor units (cents), e.g. %s",
					prop.Name, typeNames(ts), house.MinorName(prop.Name))
			case moneyUntyped:
				p.Report(prop.Loc, "money property %s declares no type; make it type: integer holding minor units (cents)", prop.Name)
			}
		}
	})
}

func runMoneyMinorName(p *Pass) {
	money := p.Config.House.Money
	p.OnSchema(func(s *Schema) {
		for _, prop := range properties(s) {
			if !money.IsMoneyName(prop.Name) || house.IsMinorUnitsName(prop.Name) {
				continue
			}
			if kind, _ := classifyMoney(p, prop); kind == moneyInteger {
				p.Report(prop.Loc, "integer money property %s does not say its unit; rename it %s so readers know it holds minor units",
					prop.Name, house.MinorName(prop.Name))
			}
		}
	})
}

func runMoneyCurrencyPair(p *Pass) {
	money := p.Config.House.Money
	p.OnSchema(func(s *Schema) {
		var first *Property
		for _, prop := range properties(s) {
			if money.IsMoneyName(prop.Name) {
				if kind, _ := classifyMoney(p, prop); kind != moneyNotScalar {
					first = &prop
					break
				}
			}
		}
		if first == nil {
			return
		}
		for _, prop := range p.AllProperties(s) {
			if !isCurrencyName(prop.Name) {
				continue
			}
			ts := p.Types(prop.Loc, prop.Node)
			if !ts.declared || ts.has("string") {
				return
			}
			p.Report(prop.Loc, "currency property %s must be a string (an ISO 4217 code such as \"EUR\")", prop.Name)
			return
		}
		p.Report(first.Loc, "object has money property %s but no currency property; add currency (an ISO 4217 code) beside it", first.Name)
	})
}

func isCurrencyName(name string) bool {
	for _, w := range house.SplitWords(name) {
		if w == "currency" {
			return true
		}
	}
	return false
}
