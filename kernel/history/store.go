package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// DefaultMaxBytes bounds the history file unless Options says otherwise.
const DefaultMaxBytes = 2 << 20

// FileName is the history file's name in its directory.
const FileName = "history.jsonl"

// Options configures Open.
type Options struct {
	// MaxBytes bounds the file (0: DefaultMaxBytes). Compaction keeps the
	// newest records that fit in half of it.
	MaxBytes int64
}

// Store is the history of one kernel session in the user's history file.
// Its methods are safe for concurrent use, also by several processes.
type Store struct {
	path, lock string
	max        int64
	session    int
}

// Entry is one cell of a session.
type Entry struct {
	Session int
	Line    int
	Source  string
	Output  string // the text/plain of its result, "" when it had none
}

// record is one line of the file.
type record struct {
	Session int     `json:"session"`
	Line    int     `json:"line,omitempty"`
	Start   string  `json:"start,omitempty"`
	Source  *string `json:"source,omitempty"`
	Output  *string `json:"output,omitempty"`
}

// Open starts a new session in the history file in dir (created if
// needed): the session's number is one more than any in the file.
func Open(dir string, opts Options) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	s := &Store{path: filepath.Join(dir, FileName), lock: filepath.Join(dir, "history.lock"), max: opts.MaxBytes}
	if s.max <= 0 {
		s.max = DefaultMaxBytes
	}
	err := s.locked(true, func() error {
		recs, err := s.read()
		if err != nil {
			return err
		}
		for _, r := range recs {
			s.session = max(s.session, r.Session)
		}
		s.session++
		return s.appendLocked(record{Session: s.session, Start: time.Now().UTC().Format(time.RFC3339)})
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Session returns this session's number.
func (s *Store) Session() int { return s.session }

// Path returns the history file's path.
func (s *Store) Path() string { return s.path }

// Add records the input of cell line of this session.
func (s *Store) Add(line int, source string) error {
	return s.add(record{Session: s.session, Line: line, Source: &source})
}

// AddOutput records the text/plain result of cell line of this session.
func (s *Store) AddOutput(line int, output string) error {
	return s.add(record{Session: s.session, Line: line, Output: &output})
}

// add appends r; a record too large for the file's bound (a quarter of
// it) is not kept.
func (s *Store) add(r record) error {
	if (r.Source != nil && int64(len(*r.Source)) > s.max/4) || (r.Output != nil && int64(len(*r.Output)) > s.max/4) {
		return nil
	}
	return s.locked(true, func() error { return s.appendLocked(r) })
}

// appendLocked appends r as one line with one write, then compacts the
// file if it grew past the bound. The caller holds the exclusive lock.
func (s *Store) appendLocked(r record) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	_, err = f.Write(append(b, '\n'))
	var size int64
	if fi, serr := f.Stat(); serr == nil {
		size = fi.Size()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	if size > s.max {
		return s.compactLocked()
	}
	return nil
}

// compactLocked rewrites the file with its newest lines that fit in half
// the bound. The caller holds the exclusive lock.
func (s *Store) compactLocked() error {
	data, err := os.ReadFile(s.path)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	keep := data
	if budget := s.max / 2; int64(len(keep)) > budget {
		keep = keep[int64(len(keep))-budget:]
		// Start at a whole line.
		if i := bytes.IndexByte(keep, '\n'); i >= 0 {
			keep = keep[i+1:]
		} else {
			keep = nil
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), "history-*.tmp")
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	_, err = tmp.Write(keep)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), s.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("history: compacting: %w", err)
	}
	return nil
}

// lines returns the file's lines. The caller holds a lock.
func (s *Store) lines() ([][]byte, error) {
	data, err := os.ReadFile(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	return bytes.Split(bytes.TrimSuffix(data, []byte{'\n'}), []byte{'\n'}), nil
}

// read parses the file; lines that do not parse (a kernel killed while
// writing one, on a system without the lock) are skipped. The caller holds
// a lock.
func (s *Store) read() ([]record, error) {
	lines, err := s.lines()
	var recs []record
	for _, l := range lines {
		var r record
		if json.Unmarshal(l, &r) == nil && r.Session > 0 {
			recs = append(recs, r)
		}
	}
	return recs, err
}

// sessionOf reads the session number at the start of a line as the store
// writes it ({"session":N,...}) without parsing the rest; -1 when the line
// does not start that way.
func sessionOf(l []byte) int {
	const prefix = `{"session":`
	if !bytes.HasPrefix(l, []byte(prefix)) {
		return -1
	}
	n, i := 0, len(prefix)
	for ; i < len(l) && l[i] >= '0' && l[i] <= '9'; i++ {
		n = n*10 + int(l[i]-'0')
	}
	if i == len(prefix) || i == len(l) || (l[i] != ',' && l[i] != '}') {
		return -1
	}
	return n
}

// entries returns the cells of the file in order, outputs joined to their
// inputs. keep, if not nil, selects the lines to parse by their session
// number; last > 0 parses only as many lines from the end as the last that
// many cells need.
func (s *Store) entries(keep func(session int) bool, last int) ([]Entry, error) {
	var lines [][]byte
	err := s.locked(false, func() (err error) {
		lines, err = s.lines()
		return err
	})
	if err != nil {
		return nil, err
	}
	type key struct{ session, line int }
	outputs := map[key]string{}
	var es []Entry
	// From the end, so that a tail stops early; outputs come after their
	// inputs, so they are known when the input is reached.
	for i := len(lines) - 1; i >= 0 && (last <= 0 || len(es) < last); i-- {
		l := lines[i]
		if keep != nil {
			if n := sessionOf(l); n >= 0 && !keep(n) {
				continue
			}
		}
		var r record
		if json.Unmarshal(l, &r) != nil || r.Session <= 0 || (keep != nil && !keep(r.Session)) {
			continue
		}
		k := key{r.Session, r.Line}
		switch {
		case r.Output != nil:
			if _, seen := outputs[k]; !seen {
				outputs[k] = *r.Output
			}
		case r.Source != nil:
			es = append(es, Entry{Session: r.Session, Line: r.Line, Source: *r.Source, Output: outputs[k]})
		}
	}
	for i, j := 0, len(es)-1; i < j; i, j = i+1, j-1 {
		es[i], es[j] = es[j], es[i]
	}
	return es, nil
}
