package parallel

import (
	"errors"
	"slices"
	"strconv"
	"testing"
)

func TestConcatKeepsOrderAndFirstError(t *testing.T) {
	items := make([]int, 100)
	for i := range items {
		items[i] = i
	}
	got, err := Concat(items, func(i int) ([]string, error) {
		return []string{strconv.Itoa(i), strconv.Itoa(i)}, nil
	})
	if err != nil || len(got) != 200 || got[0] != "0" || got[199] != "99" || !slices.Equal(got[10:12], []string{"5", "5"}) {
		t.Fatalf("Concat = %v, %v", got[:12], err)
	}
	_, err = Concat(items, func(i int) ([]string, error) {
		if i == 30 || i == 70 {
			return nil, errors.New(strconv.Itoa(i))
		}
		return nil, nil
	})
	if err == nil || err.Error() != "30" {
		t.Fatalf("error = %v, want the first in input order (30)", err)
	}
}
