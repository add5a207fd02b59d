package main

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// allowEntry is one line of the allow-list:
//
//	file:line:MUTATOR # reason
//	file:line:column:MUTATOR # reason
//
// Without a column it allows every mutant of that mutator on the line.
type allowEntry struct {
	file    string
	line    int
	column  int // 0: any
	mutator string
	reason  string
	raw     string // the line as written
	lineNo  int    // its line in the allow-list
}

// matches reports whether e allows m.
func (e allowEntry) matches(m mutant) bool {
	return e.file == m.file && e.line == m.line && e.mutator == m.mutator && (e.column == 0 || e.column == m.column)
}

// readAllowList reads the allow-list; a missing file is an empty list.
func readAllowList(name string) ([]allowEntry, error) {
	f, err := os.Open(name)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []allowEntry
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		e, ok, err := parseAllowLine(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if ok {
			e.lineNo = n
			out = append(out, e)
		}
	}
	return out, sc.Err()
}

// parseAllowLine parses one line; ok is false for blank lines and
// comments.
func parseAllowLine(s string) (e allowEntry, ok bool, err error) {
	line := strings.TrimSpace(s)
	if line == "" || strings.HasPrefix(line, "#") {
		return allowEntry{}, false, nil
	}
	spec, reason, _ := strings.Cut(line, "#")
	spec, reason = strings.TrimSpace(spec), strings.TrimSpace(reason)
	if reason == "" {
		return allowEntry{}, false, fmt.Errorf("%q: no reason (write it after #)", line)
	}
	f := strings.Split(spec, ":")
	if len(f) != 3 && len(f) != 4 {
		return allowEntry{}, false, fmt.Errorf("%q: want file:line[:column]:MUTATOR", spec)
	}
	e = allowEntry{file: f[0], mutator: f[len(f)-1], reason: reason, raw: line}
	if e.line, err = strconv.Atoi(f[1]); err != nil || e.line < 1 {
		return allowEntry{}, false, fmt.Errorf("%q: bad line number", spec)
	}
	if len(f) == 4 {
		if e.column, err = strconv.Atoi(f[2]); err != nil || e.column < 1 {
			return allowEntry{}, false, fmt.Errorf("%q: bad column", spec)
		}
	}
	if _, known := replacements[e.mutator]; !known {
		return allowEntry{}, false, fmt.Errorf("%q: unknown mutator %q (one of %s)", spec, e.mutator, strings.Join(mutators, ", "))
	}
	return e, true, nil
}

// allowedMutant is a surviving mutant and the entry that allows it.
type allowedMutant struct {
	mutant
	entry allowEntry
}

// verdict is the outcome of a run against the allow-list.
type verdict struct {
	total    counts
	allowed  []allowedMutant // survivors the list allows
	unlisted []mutant        // survivors it does not
	stale    []allowEntry    // entries that allow no survivor
}

// judge compares the survivors of every package with the allow-list.
// Entries for files outside the packages run are left alone (not stale):
// a run over fewer packages judges only those.
func judge(results []packageResult, allow []allowEntry) verdict {
	var v verdict
	used := make([]bool, len(allow))
	files := map[string]bool{}
	for _, r := range results {
		for _, m := range r.mutants {
			files[m.file] = true
			v.total.add(m)
			if !survived(m) {
				continue
			}
			i := slices.IndexFunc(allow, func(e allowEntry) bool { return e.matches(m) })
			if i < 0 {
				v.unlisted = append(v.unlisted, m)
				continue
			}
			for j := i; j < len(allow); j++ {
				if allow[j].matches(m) {
					used[j] = true
				}
			}
			v.allowed = append(v.allowed, allowedMutant{mutant: m, entry: allow[i]})
		}
	}
	dirs := map[string]bool{}
	for _, r := range results {
		dirs[r.target.dir] = true
	}
	for i, e := range allow {
		dir := e.file[:max(strings.LastIndex(e.file, "/"), 0)]
		if !used[i] && (files[e.file] || dirs[dir]) {
			v.stale = append(v.stale, e)
		}
	}
	return v
}

// survived reports whether no test killed m.
func survived(m mutant) bool {
	switch m.status {
	case statusKilled, statusTimedOut, statusNotViable:
		return false
	}
	return true
}

// sortMutants orders mutants by file, line, column and mutator.
func sortMutants(ms []mutant) {
	sort.Slice(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.file != b.file {
			return a.file < b.file
		}
		if a.line != b.line {
			return a.line < b.line
		}
		if a.column != b.column {
			return a.column < b.column
		}
		return a.mutator < b.mutator
	})
}
