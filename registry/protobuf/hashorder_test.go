package protobuf

import (
	"slices"
	"strings"
	"testing"
)

func TestJavaStringHash(t *testing.T) {
	tests := []struct {
		in   string
		want int32
	}{
		{"", 0},
		{"a", 97},
		{"Aa", 2112},
		{"BB", 2112},
		{"hello", 99162322},
		{"TestMessage", -2064772363},
		{"é", 233},
		{"😀", 1772899}, // surrogate pair: 0xD83D*31 + 0xDE00
	}
	for _, tt := range tests {
		if got := javaStringHash(tt.in); got != tt.want {
			t.Errorf("javaStringHash(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestJavaHashSetOrder(t *testing.T) {
	tests := []struct {
		name    string
		initial []string
		added   []string
		want    []string
	}{
		{
			// Confluent corpus case 26: MESSAGE_REMOVED TestMessage2,
			// MESSAGE_ADDED TestMessage3, then TestMessage.
			name:    "corpus order",
			initial: []string{"TestMessage", "TestMessage2"},
			added:   []string{"TestMessage", "TestMessage3"},
			want:    []string{"TestMessage2", "TestMessage3", "TestMessage"},
		},
		{
			name:    "colliding hashes keep insertion order",
			initial: []string{"BB", "Aa"},
			want:    []string{"BB", "Aa"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := newJavaHashMap(javaStringHash)
			src.addAll(tt.initial)
			set := newJavaHashSetOf(javaStringHash, src.ordered())
			set.addAll(tt.added)
			if got := set.ordered(); !slices.Equal(got, tt.want) {
				t.Errorf("order = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestJavaIntHashSetOrder(t *testing.T) {
	// Small non-negative integers iterate ascending; -1 spreads to bucket 0
	// (0xFFFF0000 & 15), ahead of 0 because it was inserted first.
	set := newJavaHashMap(javaIntHash)
	set.addAll([]int32{5, 1, -1, 0, 3})
	if got, want := set.ordered(), []int32{-1, 0, 1, 3, 5}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
	// 16 and 0 share bucket 0 of a 16-slot table; 13 entries grow it to 32,
	// which separates them.
	small := newJavaHashMap(javaIntHash)
	small.addAll([]int32{16, 0, 1})
	if got, want := small.ordered(), []int32{16, 0, 1}; !slices.Equal(got, want) {
		t.Errorf("16-slot order = %v, want %v", got, want)
	}
	grown := newJavaHashMap(javaIntHash)
	for i := int32(0); i < 13; i++ {
		grown.add(16 + i)
	}
	got := grown.ordered()
	if got[0] != 16 || grown.capacity != 32 {
		t.Errorf("grown order starts %v with capacity %d, want 16 first and capacity 32", got[:3], grown.capacity)
	}
	// In a 32-slot table 28 (bucket 28) comes after 17 (bucket 17).
	if i28, i17 := slices.Index(got, 28), slices.Index(got, 17); i28 < i17 {
		t.Errorf("28 before 17 in %v", got)
	}
}

// TestJavaHashSetOrderRecorded replays orders printed by OpenJDK 17 for
// `new HashSet<>(hashMap.keySet())` followed by addAll (sizes chosen where
// JDK 17's and JDK 21's HashSet(Collection) capacities agree).
func TestJavaHashSetOrderRecorded(t *testing.T) {
	orig := []string{"Alpha", "beta", "Gamma", "delta", "Epsilon", "zeta", "Eta", "theta", "Iota", "kappa", "Lambda", "mu", "Nu", "xi", "Omicron", "pi", "Rho"}
	upd := []string{"sigma", "Tau", "upsilon", "Phi", "chi", "Psi", "omega", "Alpha", "beta"}
	om := newJavaHashMap(javaStringHash)
	om.addAll(orig)
	um := newJavaHashMap(javaStringHash)
	um.addAll(upd)
	all := newJavaHashSetOf(javaStringHash, om.ordered())
	all.addAll(um.ordered())
	want := strings.Split("zeta,sigma,chi,Nu,upsilon,Psi,delta,mu,Tau,theta,omega,Phi,Gamma,Iota,xi,Eta,Alpha,Epsilon,Rho,pi,kappa,Omicron,Lambda,beta", ",")
	if got := all.ordered(); !slices.Equal(got, want) {
		t.Errorf("string order = %q\nwant %q", got, want)
	}

	im := newJavaHashMap(javaIntHash)
	im.addAll([]int32{100, -5, 7, 64, 33, 2, -1, 0, 1000, 17})
	is := newJavaHashSetOf(javaIntHash, im.ordered())
	is.addAll([]int32{48, 16, -100})
	if got, want := is.ordered(), []int32{64, -1, 0, 33, 2, -100, 100, -5, 7, 1000, 48, 16, 17}; !slices.Equal(got, want) {
		t.Errorf("int order = %v, want %v", got, want)
	}
}
