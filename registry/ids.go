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
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/contractctl/contractctl/internal/atomicfile"
	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/internal/load"
)

// idsFile records the registry's global schema IDs, so that a clone of
// the repository serves the same IDs.
const idsFile = "ids.yaml"

// IDEntry is one recorded schema ID.
type IDEntry struct {
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
func parseIDs(file string, data []byte) (map[int]IDEntry, error) {
	ids := map[int]IDEntry{}
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
		ids[id] = IDEntry{FP: m[2], First: m[3] + "/" + m[4]}
	}
	return ids, sc.Err()
}

// idsCache is ids.yaml as last read or written, with the size and
// modification time it had then.
type idsCache struct {
	size int64
	mod  time.Time
	ids  map[int]IDEntry
}

// readIDs reads ids.yaml (no file is no IDs), or returns the copy read
// before when the file has not changed since. The map is shared: callers
// must not modify it.
func (s *Store) readIDs() (map[int]IDEntry, error) {
	p := filepath.Join(s.root, idsFile)
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return map[int]IDEntry{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name(p), err)
	}
	s.mu.Lock()
	c := s.ids
	s.mu.Unlock()
	if c.ids != nil && c.size == st.Size() && c.mod.Equal(st.ModTime()) {
		return c.ids, nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name(p), err)
	}
	ids, err := parseIDs(name(p), data)
	if err != nil {
		return nil, err
	}
	// cached under the file's state before the read: a write in between
	// changes it, so the next read reads again
	s.remember(st, ids)
	return ids, nil
}

// remember caches the IDs of ids.yaml as it was when st was taken.
func (s *Store) remember(st fs.FileInfo, ids map[int]IDEntry) {
	s.mu.Lock()
	s.ids = idsCache{size: st.Size(), mod: st.ModTime(), ids: ids}
	s.mu.Unlock()
}

// writeIDs writes ids.yaml, sorted by ID; the caller holds the root lock.
func (s *Store) writeIDs(ids map[int]IDEntry) error {
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
	if st, err := os.Stat(p); err == nil {
		s.remember(st, ids) // only the root lock's holder writes ids.yaml
	}
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

// IDFor returns the ID recorded for a schema (by fingerprint, else by the
// version that first registered it), or 0.
func IDFor(ids map[int]IDEntry, fp, first string) int {
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
		if id := IDFor(ids, w.fp, w.first); id > 0 {
			out[i] = id
			continue
		}
		id := next
		if _, taken := ids[w.want]; w.want > 0 && !taken {
			id = w.want // an imported schema keeps its remote ID
		}
		ids[id] = IDEntry{FP: w.fp, First: w.first}
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
