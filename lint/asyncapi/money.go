package asyncapi

import (
	"github.com/contractctl/contractctl/house"
	havro "github.com/hamba/avro/v2"
)

// isMoney reports whether a property is a money value: a money name and a
// scalar type (an object named amount holds money, it is not one).
func isMoney(p *pass, pr *property) bool {
	if !p.cfg.House.Money.IsMoneyName(pr.Name) {
		return false
	}
	for _, t := range pr.Types {
		if t == "integer" || t == "number" || t == "string" {
			return true
		}
	}
	return false
}

func checkMoneyInteger(p *pass, pr *property) {
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
		p.report(pr.Loc, "Avro field %q is money typed as %s; make it an int or long number of minor units (e.g. %s)", pr.Name, bad, house.MinorName(pr.Name))
		return
	}
	p.report(pr.Loc, "property %q is money typed as %s; make it an integer number of minor units (e.g. %s)", pr.Name, bad, house.MinorName(pr.Name))
}

func checkMoneyName(p *pass, pr *property) {
	if !isMoney(p, pr) || pr.Decimal || len(pr.Types) != 1 || pr.Types[0] != "integer" || house.IsMinorUnitsName(pr.Name) {
		return
	}
	p.report(pr.Loc, "money property %q is an integer but its name does not say minor units; rename it %s", pr.Name, house.MinorName(pr.Name))
}

func checkCurrencyPair(p *pass, obj *object) {
	var money *property
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
	p.report(obj.At, "object with money property %q has no currency property; add currency (ISO 4217) beside it", money.Name)
}

// avroRecord returns the record an Avro schema is (or refers to).
func avroRecord(s havro.Schema) *havro.RecordSchema {
	if r, ok := s.(*havro.RefSchema); ok {
		s = r.Schema()
	}
	rec, _ := s.(*havro.RecordSchema)
	return rec
}
