package protobuf

import (
	"sort"
	"unicode/utf16"
)

// Confluent iterates some name and tag sets as java.util.HashSet, so the
// order of its differences follows Java's hash-table layout. javaHashSet
// reproduces that layout (String.hashCode / Integer.hashCode, HashMap's hash
// spreading, power-of-two tables that double past a 0.75 load factor, and
// insertion order within a bucket, which resizing preserves) so our
// differences come out in the same order. Treeified buckets (8+ colliding
// keys in a 64+ table) are not modelled.
type javaHashSet[K comparable] struct {
	hash     func(K) int32
	capacity int
	keys     []K
	seen     map[K]struct{}
}

// newJavaHashMap models `new HashMap<>()` / `new HashSet<>()`.
func newJavaHashMap[K comparable](hash func(K) int32) *javaHashSet[K] {
	return &javaHashSet[K]{hash: hash, seen: map[K]struct{}{}}
}

// newJavaHashSetOf models `new HashSet<>(collection)` on a modern JDK
// (HashMap.newHashMap(max(n, 12))), then adds src in order.
func newJavaHashSetOf[K comparable](hash func(K) int32, src []K) *javaHashSet[K] {
	n := len(src)
	if n < 12 {
		n = 12
	}
	s := newJavaHashMap(hash)
	s.capacity = tableSizeFor((n*4 + 2) / 3) // ceil(n / 0.75)
	for _, k := range src {
		s.add(k)
	}
	return s
}

func tableSizeFor(c int) int {
	n := 1
	for n < c {
		n <<= 1
	}
	return n
}

func (s *javaHashSet[K]) add(k K) {
	if _, ok := s.seen[k]; ok {
		return
	}
	s.seen[k] = struct{}{}
	s.keys = append(s.keys, k)
	if s.capacity == 0 {
		s.capacity = 16
	}
	if len(s.keys) > s.capacity*3/4 {
		s.capacity *= 2
	}
}

func (s *javaHashSet[K]) addAll(keys []K) {
	for _, k := range keys {
		s.add(k)
	}
}

// ordered returns the keys in Java iteration order.
func (s *javaHashSet[K]) ordered() []K {
	out := make([]K, len(s.keys))
	copy(out, s.keys)
	mask := int32(s.capacity - 1)
	sort.SliceStable(out, func(i, j int) bool {
		return bucket(s.hash(out[i]), mask) < bucket(s.hash(out[j]), mask)
	})
	return out
}

func bucket(h, mask int32) int32 {
	spread := h ^ int32(uint32(h)>>16)
	return spread & mask
}

// javaStringHash is java.lang.String.hashCode over UTF-16 code units.
func javaStringHash(s string) int32 {
	var h int32
	for _, u := range utf16.Encode([]rune(s)) {
		h = 31*h + int32(u)
	}
	return h
}

// javaIntHash is java.lang.Integer.hashCode.
func javaIntHash(i int32) int32 { return i }
