package main

import (
	"fmt"
	"io"
	"strings"
)

// progress keeps a status line at the bottom of an interactive stderr while
// a listing runs: it is erased before each page is printed and redrawn
// after, so it never mixes with the rows even when stdout is the same
// terminal. It stays silent when disabled (stderr not a terminal, --quiet)
// and for a listing that fits on one page.
type progress struct {
	w       io.Writer
	enabled bool
	noun    string // what is counted, "customers" when empty
	width   int    // characters of the line on screen, 0 when none
	used    bool   // a line was shown at least once
}

// update shows how far the listing has got.
func (p *progress) update(pages, customers int) {
	if !p.enabled {
		return
	}
	p.clear()
	msg := fmt.Sprintf("%s: %d %s so far, page %d; fetching the next page...", programName, customers, p.what(), pages)
	if pages == 0 {
		msg = fmt.Sprintf("%s: %d %s so far...", programName, customers, p.what())
	}
	fmt.Fprint(p.w, msg)
	p.width = len(msg)
	p.used = true
}

// clear erases the status line, if one is shown.
func (p *progress) clear() {
	if p.width == 0 {
		return
	}
	fmt.Fprint(p.w, "\r"+strings.Repeat(" ", p.width)+"\r")
	p.width = 0
}

// done erases the status line and, when one was shown, leaves a summary.
func (p *progress) done(pages, customers int) {
	p.clear()
	if p.used {
		fmt.Fprintf(p.w, "%s: listed %d %s in %d pages\n", programName, customers, p.what(), pages)
	}
}

// what is the noun counted.
func (p *progress) what() string {
	if p.noun == "" {
		return "customers"
	}
	return p.noun
}
