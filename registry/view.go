package registry

import (
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/contractctl/contractctl/internal/compat"
)

// View is the registry read whole, as a schema registry server serves it:
// every subject with its versions' texts and global IDs. A View is not
// safe for concurrent mutation: its owner serialises Refresh against
// readers.
type View struct {
	subjects map[string]*SubjectView
	byID     map[int][]*VersionView
	names    []string // sorted
}

// SubjectView is one subject of a View.
type SubjectView struct {
	*Subject
	// Versions are every version that parses, soft-deleted ones included,
	// ascending.
	Versions []*VersionView
}

// VersionView is one version of a View.
type VersionView struct {
	Subject string
	Number  int
	ID      int
	Deleted bool
	Format  Format
	Text    []byte
	Schema  compat.Schema
	// References are the subject's references as written (version ≤ 0:
	// the referenced subject's latest version).
	References []Reference
}

// View reads every subject and version. Versions whose schema has no
// recorded ID get one: with record, written to ids.yaml; without, a
// provisional one after the highest recorded ID, in subject and version
// order, the same a later write would record. Subjects and versions that
// cannot be read are returned as problems.
func (s *Store) View(record bool) (*View, []Problem, error) {
	subs, probs, err := s.Subjects()
	if err != nil {
		return nil, nil, err
	}
	v := &View{subjects: map[string]*SubjectView{}, byID: map[int][]*VersionView{}}
	views := make([]*SubjectView, len(subs))
	vprobs := make([][]Problem, len(subs))
	each(len(subs), func(i int) { views[i], vprobs[i] = s.subjectView(subs[i]) })
	for i := range subs {
		probs = append(probs, vprobs[i]...)
	}
	if err := s.giveIDs(views, record); err != nil {
		return nil, nil, err
	}
	for _, sv := range views {
		v.put(sv)
	}
	return v, probs, nil
}

// ReadSubject reads one subject for a View after a write, recording the
// IDs of its new versions; nil for a subject that no longer exists.
func (s *Store) ReadSubject(subject string) (*SubjectView, error) {
	sub, err := s.Subject(subject)
	if errors.Is(err, ErrNoSubject) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	sv, _ := s.subjectView(sub)
	if err := s.giveIDs([]*SubjectView{sv}, true); err != nil {
		return nil, err
	}
	return sv, nil
}

// Replace puts a subject read by ReadSubject in the view (nil: removes
// it).
func (v *View) Replace(subject string, sv *SubjectView) {
	v.remove(subject)
	if sv != nil {
		v.put(sv)
	}
}

func (v *View) put(sv *SubjectView) {
	v.subjects[sv.Name] = sv
	i, _ := slices.BinarySearch(v.names, sv.Name)
	v.names = slices.Insert(v.names, i, sv.Name)
	for _, vv := range sv.Versions {
		list := append(v.byID[vv.ID], vv)
		sort.Slice(list, func(a, b int) bool {
			if list[a].Subject != list[b].Subject {
				return list[a].Subject < list[b].Subject
			}
			return list[a].Number < list[b].Number
		})
		v.byID[vv.ID] = list
	}
}

func (v *View) remove(subject string) {
	sv, ok := v.subjects[subject]
	if !ok {
		return
	}
	delete(v.subjects, subject)
	if i, found := slices.BinarySearch(v.names, subject); found {
		v.names = slices.Delete(v.names, i, i+1)
	}
	for _, vv := range sv.Versions {
		list := slices.DeleteFunc(slices.Clone(v.byID[vv.ID]), func(x *VersionView) bool { return x.Subject == subject })
		if len(list) == 0 {
			delete(v.byID, vv.ID)
		} else {
			v.byID[vv.ID] = list
		}
	}
}

// Subject is a subject of the view, or nil.
func (v *View) Subject(name string) *SubjectView { return v.subjects[name] }

// Names are the subjects, sorted.
func (v *View) Names() []string { return v.names }

// ByID are the versions holding schema id, by subject and version.
func (v *View) ByID(id int) []*VersionView { return v.byID[id] }

// Version finds version n of the subject (n ≤ 0: the latest); soft-deleted
// versions count only with deleted.
func (sv *SubjectView) Version(n int, deleted bool) *VersionView {
	for i := len(sv.Versions) - 1; i >= 0; i-- {
		vv := sv.Versions[i]
		if vv.Deleted && !deleted {
			continue
		}
		if n <= 0 || vv.Number == n {
			return vv
		}
	}
	return nil
}

// Numbers are the subject's version numbers, soft-deleted ones only with
// deleted.
func (sv *SubjectView) Numbers(deleted bool) []int {
	out := []int{}
	for _, vv := range sv.Versions {
		if deleted || !vv.Deleted {
			out = append(out, vv.Number)
		}
	}
	return out
}

// ResolveReference gives a reference its version: the referenced
// subject's latest live version when the reference names none.
func (v *View) ResolveReference(r Reference) Reference {
	if r.Version > 0 {
		return r
	}
	if sv := v.subjects[r.Subject]; sv != nil {
		if vv := sv.Version(0, false); vv != nil {
			r.Version = vv.Number
		}
	}
	return r
}

// subjectView reads a subject's versions; those that do not parse are
// problems.
func (s *Store) subjectView(sub *Subject) (*SubjectView, []Problem) {
	sv := &SubjectView{Subject: sub}
	var probs []Problem
	for _, v := range sub.Versions {
		p, err := s.readVersion(sub, v.Path)
		if err == nil {
			err = p.err
		}
		if err != nil {
			probs = append(probs, Problem{Path: v.Path, Msg: err.Error(), Err: err})
			continue
		}
		sv.Versions = append(sv.Versions, &VersionView{
			Subject: sub.Name, Number: v.Number, Deleted: v.Deleted, Format: sub.Config.Format,
			Text: p.data, Schema: p.schema, References: sub.Config.References,
		})
	}
	return sv, probs
}

// giveIDs sets the ID of every version of views: the recorded one, else
// (with record) a newly recorded one or (without) a provisional one.
func (s *Store) giveIDs(views []*SubjectView, record bool) error {
	ids, err := s.readIDs()
	if err != nil {
		return err
	}
	byFP := make(map[string]int, len(ids))
	byFirst := make(map[string]int, len(ids))
	next := 1
	for id, e := range ids {
		byFP[e.FP], byFirst[e.First] = id, id
		next = max(next, id+1)
	}
	var missing []*VersionView
	var want []idRequest
	provisional := map[string]int{}
	for _, sv := range views {
		for _, vv := range sv.Versions {
			fp := Fingerprint(vv.Format, vv.Schema, vv.References)
			first := fmt.Sprintf("%s/%d", vv.Subject, vv.Number)
			if id, ok := byFP[fp]; ok {
				vv.ID = id
			} else if id, ok := byFirst[first]; ok {
				vv.ID = id
			} else if record {
				missing, want = append(missing, vv), append(want, idRequest{fp: fp, first: first})
			} else {
				if _, ok := provisional[fp]; !ok {
					provisional[fp] = next
					next++
				}
				vv.ID = provisional[fp]
			}
		}
	}
	if len(want) == 0 {
		return nil
	}
	got, err := s.assignIDs(want)
	if err != nil {
		return err
	}
	for i, vv := range missing {
		vv.ID = got[i]
	}
	return nil
}

// Parse parses a schema offered to subject as Add would (the subject's
// format and references, else the candidate's), without writing.
func (s *Store) Parse(subject string, c Candidate) (compat.Schema, Format, error) {
	sub, format, err := s.prepare(subject, c)
	if err != nil {
		return nil, "", err
	}
	schema, err := s.parseCandidate(subject, sub, format, c)
	return schema, format, err
}
