package asyncapi

import (
	"github.com/contractctl/contractctl/house"
	havro "github.com/hamba/avro/v2"
)

// isMoney reports whether a property is a money value: a money name and a
// scalar type (an object named amount holds money, it is not one).
func isMoney(p *Pass, pr *Property) bool {
	if !p.Config.House.Money.IsMoneyName(pr.Name) {
		return false
	}
	for _, t := range pr.Types {
		if t == "integer" || t == "number" || t == "string" {
			return true
		}
	}
	return false
}

func runMoneyInteger(p *Pass) {
	p.OnProperty(func(pr *Property) {
		if !isMoney(p, pr) {
			return
		}
		bad := ""
		for _, t := range pr.Types {
			if t == "number" || t == "string" {
				bad = t
			}
		}
		if pr.Decimal {
			bad = "decimal"
		}
		if bad == "" {
			return
		}
		if pr.Avro {
			p.Report(pr.Loc, "Avro field %q is money typed as %s; make it an int or long number of minor units (e.g. %s)", pr.Name, bad, house.MinorName(pr.Name))
			return
		}
		p.Report(pr.Loc, "property %q is money typed as %s; make it an integer number of minor units (e.g. %s)", pr.Name, bad, house.MinorName(pr.Name))
	})
}

func runMoneyName(p *Pass) {
	p.OnProperty(func(pr *Property) {
		if !isMoney(p, pr) || pr.Decimal || len(pr.Types) != 1 || pr.Types[0] != "integer" || house.IsMinorUnitsName(pr.Name) {
			return
		}
		p.Report(pr.Loc, "money property %q is an integer but its name does not say minor units; rename it %s", pr.Name, house.MinorName(pr.Name))
	})
}

func runCurrencyPair(p *Pass) {
	p.OnObject(func(obj *Object) {
		var money *Property
		for _, pr := range obj.Props {
			for _, w := range house.SplitWords(pr.Name) {
				if w == "currency" {
					return
				}
			}
			if money == nil && isMoney(p, pr) {
				money = pr
			}
		}
		if money == nil {
			return
		}
		p.Report(obj.At, "object with money property %q has no currency property; add currency (ISO 4217) beside it", money.Name)
	})
}

// avroRecord returns the record an Avro schema is (or refers to).
func avroRecord(s havro.Schema) *havro.RecordSchema {
	if r, ok := s.(*havro.RefSchema); ok {
		s = r.Schema()
	}
	rec, _ := s.(*havro.RecordSchema)
	return rec
}
