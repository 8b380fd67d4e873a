package house

import (
	"strings"
	"testing"
)

func TestSplitWordsAndMoney(t *testing.T) {
	var h Config
	if err := h.Complete(); err != nil {
		t.Fatal(err)
	}
	m := h.Money
	for _, tc := range []struct {
		name  string
		words string
		money bool
	}{
		{"amount", "amount", true},
		{"amount_minor", "amount minor", true},
		{"totalAmountMinor", "total amount minor", true},
		{"unit-price", "unit price", false}, // "unit" excludes
		{"HTTPStatus", "http status", false},
		{"fee_rate", "fee rate", false},
		{"amountCurrency", "amount currency", false},
		{"balance2Due", "balance2 due", false},
		{"ApplicationFeeAmount", "application fee amount", true},
		{"item_count", "item count", false},
		{"name", "name", false},
	} {
		if got := strings.Join(SplitWords(tc.name), " "); got != tc.words {
			t.Errorf("SplitWords(%q) = %q, want %q", tc.name, got, tc.words)
		}
		if got := m.IsMoneyName(tc.name); got != tc.money {
			t.Errorf("IsMoneyName(%q) = %v, want %v", tc.name, got, tc.money)
		}
	}
}
