package house

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/contractctl/contractctl/internal/sharedtest"
)

// The money heuristics on names from Stripe's API, googleapis and the
// examples that once were false alarms: every name below is judged as a
// person reading its documentation would.
func TestMoneyPrecisionOnKnownNames(t *testing.T) {
	var h Config
	if err := h.Complete(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		money bool
	}{
		// Once false alarms on .proto (the examples).
		{"load_balance_token", false}, {"total_bytes_sent", false}, {"total_metric_value", false},
		// googleapis: counters, sizes, durations and ratios.
		{"total_size", false}, {"total_reach", false}, {"total_impressions", false}, {"total_characters", false},
		{"total_billable_characters", false}, {"total_pages", false}, {"total_tokens", false},
		{"train_cost_milli_node_hours", false}, {"cost_milli_node_hours", false},
		{"all_conversions_value_per_cost", false}, {"conversions_value_per_cost", false},
		{"formatted_price", false}, {"formatted_sale_price", false}, {"price_prefix", false},
		{"boost_amount", false}, {"price_reranking_level", false}, {"beacon_fee_recipient", false},
		{"external_price_uri", false}, {"cost_micros_margin_of_error", false}, {"max_failures_total", false},
		{"page_token", false}, {"next_page_token", false}, {"balance_transaction_id", false},
		// Stripe: a usage counter, an ID.
		{"total_usage", false}, {"price_id", false}, {"balance_transaction", false},
		// Money, in both.
		{"amount", true}, {"price", true}, {"amount_due", true}, {"application_fee_amount", true},
		{"ending_balance", true}, {"net_total", true}, {"total", true},
		{"cost_micros", true}, {"amount_micros", true}, {"sale_price", true}, {"cost_per_conversion", true},
		{"average_cost", true}, {"total_amount_micros", true}, {"account_balance", true},
	} {
		if got := h.Money.IsMoneyName(c.name); got != c.money {
			t.Errorf("IsMoneyName(%q) = %v, want %v", c.name, got, c.money)
		}
	}
}

// A suggested name already says its unit, so suggesting again never adds
// a second suffix.
func TestMinorNameNeverDoublesASuffix(t *testing.T) {
	for _, name := range []string{"amount", "amount_minor", "totalAmount", "totalAmountMinor", "fee-amount",
		"price_in_cents", "cost_micros", "amount_minor_units", "AmountMinorUnits", "balance_nanos"} {
		once := MinorName(name)
		if !IsMinorUnitsName(once) || MinorName(once) != once {
			t.Errorf("MinorName(%q) = %q, and again %q", name, once, MinorName(once))
		}
		if IsMinorUnitsName(name) && once != name {
			t.Errorf("MinorName(%q) = %q; the name already says its unit", name, once)
		}
	}
}

// moneyHint is what the documentation of a money property says.
var moneyHint = regexp.MustCompile(`(?i)currenc|cents|amount|price|fee|balance|cost|charge|paid|pay|refund|total|credit|discount|tax|captur|%s|smallest|monetar|how much`)

// On Stripe's API every integer or number property whose name the
// heuristics call money is documented as money, and every string they call
// money is not constrained like an ID.
func TestMoneyPrecisionOnStripe(t *testing.T) {
	dir := sharedtest.Path(t, "bench", "stripe")
	files, _ := filepath.Glob(filepath.Join(dir, "spec3-*.json"))
	if len(files) == 0 {
		t.Skip("no Stripe spec")
	}
	data, err := os.ReadFile(files[len(files)-1])
	if err != nil {
		t.Fatal(err)
	}
	var spec any
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	var h Config
	if err := h.Complete(); err != nil {
		t.Fatal(err)
	}
	checked := 0
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				for name, p := range props {
					s, _ := p.(map[string]any)
					if s == nil || !h.Money.IsMoneyName(name) {
						continue
					}
					typ, _ := s["type"].(string)
					desc, _ := s["description"].(string)
					switch typ {
					case "integer", "number":
						checked++
						if desc != "" && !moneyHint.MatchString(desc) {
							t.Errorf("%s (%s) is called money, but its description says %q", name, typ, desc)
						}
					case "string":
						maxLen, _ := s["maxLength"].(float64)
						pattern, _ := s["pattern"].(string)
						if !IDLikeString(int(maxLen), pattern) && desc != "" && !moneyHint.MatchString(desc) {
							t.Errorf("string %s is called money, but its description says %q", name, desc)
						}
					}
				}
			}
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(spec)
	if checked == 0 {
		t.Fatal("no money property found in Stripe's spec")
	}
	t.Logf("%d integer or number money properties, each documented as money", checked)
}
