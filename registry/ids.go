package registry

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/contractctl/contractctl/internal/atomicfile"
	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/internal/load"
)

// idsFile records the registry's global schema IDs, so that a clone of
// the repository serves the same IDs.
const idsFile = "ids.yaml"

// idEntry is one recorded schema ID.
type idEntry struct {
	// FP fingerprints the schema: its format, normalised form and
	// references, so the same schema under two subjects has one ID.
	FP string
	// First is "subject/version" of the version that registered it first;
	// it keeps the ID when a later contractctl normalises differently.
	First string
}

const idsHeader = "# Global schema IDs (Confluent Schema Registry's /schemas/ids/{id}), one per distinct\n" +
	"# schema: fp fingerprints the normalised schema, first names the version that registered it.\n" +
	"# Written by contractctl under the registry lock: commit it with the schemas, do not edit.\n"

var idLineRE = regexp.MustCompile(`^([1-9][0-9]{0,9}): \{fp: ([0-9a-f]{16}), first: ([^\s{},]+)/([1-9][0-9]{0,8})\}$`)

// parseIDs reads ids.yaml: comment lines and one "N: {fp: F, first: S/V}"
// line per ID, the shape writeIDs writes.
func parseIDs(file string, data []byte) (map[int]idEntry, error) {
	ids := map[int]idEntry{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		m := idLineRE.FindStringSubmatch(text)
		if m == nil {
			return nil, &load.Error{File: file, Line: line, Msg: "want `ID: {fp: FINGERPRINT, first: SUBJECT/VERSION}` (resolve a merge conflict by keeping both lines and giving one of them the next free ID)"}
		}
		id, _ := strconv.Atoi(m[1])
		if _, dup := ids[id]; dup {
			return nil, &load.Error{File: file, Line: line, Msg: fmt.Sprintf("ID %d is listed twice (after a merge, give one of them the next free ID)", id)}
		}
		ids[id] = idEntry{FP: m[2], First: m[3] + "/" + m[4]}
	}
	return ids, sc.Err()
}

// readIDs reads ids.yaml (no file is no IDs). The map is shared with the
// Store's cache: callers must not modify it.
func (s *Store) readIDs() (map[int]idEntry, error) {
	p := filepath.Join(s.root, idsFile)
	ids, err := s.ids.get(p, func(data []byte) (map[int]idEntry, error) { return parseIDs(name(p), data) })
	if errors.Is(err, fs.ErrNotExist) {
		return map[int]idEntry{}, nil
	}
	return ids, err
}

// writeIDs writes ids.yaml, sorted by ID; the caller holds the root lock.
func (s *Store) writeIDs(ids map[int]idEntry) error {
	keys := make([]int, 0, len(ids))
	for id := range ids {
		keys = append(keys, id)
	}
	sort.Ints(keys)
	var b strings.Builder
	b.WriteString(idsHeader)
	for _, id := range keys {
		fmt.Fprintf(&b, "%d: {fp: %s, first: %s}\n", id, ids[id].FP, ids[id].First)
	}
	p := filepath.Join(s.root, idsFile)
	if err := s.inside(p); err != nil {
		return err
	}
	if err := atomicfile.Write(p, []byte(b.String()), 0o644); err != nil {
		return err
	}
	s.ids.put(p, ids)
	return nil
}

// Fingerprint identifies a schema for its global ID: the format, the
// normalised form and the references (name, subject, version).
func Fingerprint(f Format, schema compat.Schema, refs []Reference) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", f, schema.Canonical())
	for _, r := range refs {
		fmt.Fprintf(h, "%s\x00%s\x00%d\x00", r.Name, r.Subject, r.Version)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// idFor returns the ID recorded for a schema (by fingerprint, else by the
// version that first registered it), or 0.
func idFor(ids map[int]idEntry, fp, first string) int {
	byFirst := 0
	for id, e := range ids {
		if e.FP == fp {
			return id
		}
		if e.First == first {
			byFirst = id
		}
	}
	return byFirst
}

// assignIDs records an ID for each schema in want (fingerprint → first
// subject/version, in order) that has none, and returns every schema's ID.
// It takes the root lock and rewrites ids.yaml only when it adds one.
func (s *Store) assignIDs(want []idRequest) ([]int, error) {
	unlock, err := s.lock(s.root)
	if err != nil {
		return nil, err
	}
	defer unlock()
	cleanDebris(s.root)
	read, err := s.readIDs()
	if err != nil {
		return nil, err
	}
	ids := maps.Clone(read) // the cached map is shared
	byFP := make(map[string]int, len(ids))
	next := 1
	for id, e := range ids {
		byFP[e.FP] = id
		next = max(next, id+1)
	}
	out := make([]int, len(want))
	changed := false
	for i, w := range want {
		if id, ok := byFP[w.fp]; ok {
			out[i] = id
			continue
		}
		if id := idFor(ids, w.fp, w.first); id > 0 {
			out[i] = id
			continue
		}
		id := next
		if _, taken := ids[w.want]; w.want > 0 && !taken {
			id = w.want // an imported schema keeps its remote ID
		}
		ids[id] = idEntry{FP: w.fp, First: w.first}
		byFP[w.fp], out[i] = id, id
		next = max(next, id+1)
		changed = true
	}
	if changed {
		if err := s.writeIDs(ids); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// idRequest asks for the ID of a schema; want is the ID it would like
// when it has none yet (a pulled schema's remote ID).
type idRequest struct {
	fp, first string
	want      int
}
