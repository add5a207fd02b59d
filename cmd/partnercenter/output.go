package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/partnercenter-go/partnercenter/wrapper"
)

// printer writes results to stdout in the format --output selects:
//
//	json   pretty JSON, the service's own field names (a listing is one array)
//	jsonl  one compact JSON document per line (a listing is one customer a line)
//	table  aligned columns for people; key/value rows for a single resource
type printer struct {
	w      io.Writer
	format string
}

// field is one key/value row of a single resource in table form.
type field struct{ key, value string }

// emit writes v as JSON, or rows as a key/value table.
func (p *printer) emit(v any, rows func() []field) error {
	if p.format == formatTable {
		return writeFields(p.w, rows())
	}
	return p.json(v)
}

// json writes v as pretty JSON (json) or on one line (jsonl).
func (p *printer) json(v any) error {
	var buf bytes.Buffer
	indent := ""
	if p.format == formatJSON {
		indent = "  "
	}
	if err := encodeJSON(&buf, v, "", indent); err != nil {
		return err
	}
	_, err := p.w.Write(buf.Bytes())
	return err
}

// encodeJSON appends v to buf as JSON and a newline, indented by indent
// (on one line when indent is empty), every line after the first starting
// with prefix. Unlike json.Marshal it leaves <, > and & as they are: the
// output is read by people and programs, never embedded in HTML, and every
// format must print a company name the same way.
func encodeJSON(buf *bytes.Buffer, v any, prefix, indent string) error {
	start := buf.Len()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent(prefix, indent)
	}
	if err := enc.Encode(v); err != nil {
		return err
	}
	escapeTerminalControls(buf, start)
	return nil
}

// domainAvailability is the JSON form of "domain available".
type domainAvailability struct {
	Domain    string `json:"domain"`
	Available bool   `json:"available"`
	Status    string `json:"status"` // "available" or "taken"
}

// availability prints whether a domain name is free.
func (p *printer) availability(domain string, available bool) error {
	v := domainAvailability{Domain: domain, Available: available, Status: "taken"}
	if available {
		v.Status = "available"
	}
	return p.emit(v, func() []field {
		return []field{{"Domain", v.Domain}, {"Status", v.Status}}
	})
}

// customerStream writes a listing page by page without keeping it.
type customerStream interface {
	// write prints a page of customers.
	write(page []wrapper.Customer) error
	// finish completes the output; after a failure (failed set) it keeps
	// what was written valid but adds nothing for an empty listing.
	finish(failed bool) error
}

// customerList returns the stream for a listing in the selected format.
func (p *printer) customerList() customerStream {
	switch p.format {
	case formatTable:
		t := newColumnWriter(p.w, "ID", "COMPANY", "DOMAIN", "RELATIONSHIP")
		// Room for typical names from the start, so later pages rarely
		// need wider columns than the first.
		t.widths[1], t.widths[2] = 30, 40
		return &customerTable{t: t}
	case formatJSONL:
		return &jsonLines{w: p.w}
	default:
		return &jsonArray{w: p.w}
	}
}

// jsonArray streams customers as one pretty JSON array.
type jsonArray struct {
	w     io.Writer
	count int
}

func (a *jsonArray) write(page []wrapper.Customer) error {
	var buf bytes.Buffer
	for i := range page {
		if a.count == 0 {
			buf.WriteString("[\n  ")
		} else {
			buf.WriteString(",\n  ")
		}
		if err := encodeJSON(&buf, &page[i], "  ", "  "); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // the newline; the separator or "]" follows
		a.count++
	}
	_, err := a.w.Write(buf.Bytes())
	return err
}

func (a *jsonArray) finish(failed bool) error {
	var err error
	switch {
	case a.count > 0:
		_, err = io.WriteString(a.w, "\n]\n")
	case !failed:
		_, err = io.WriteString(a.w, "[]\n")
	}
	return err
}

// jsonLines streams customers as JSON Lines.
type jsonLines struct{ w io.Writer }

func (l *jsonLines) write(page []wrapper.Customer) error {
	var buf bytes.Buffer
	for i := range page {
		if err := encodeJSON(&buf, &page[i], "", ""); err != nil {
			return err
		}
	}
	_, err := l.w.Write(buf.Bytes())
	return err
}

func (l *jsonLines) finish(bool) error { return nil }

// customerTable streams customers as aligned columns.
type customerTable struct{ t *columnWriter }

func (c *customerTable) write(page []wrapper.Customer) error {
	rows := make([][]string, len(page))
	for i := range page {
		cu := &page[i]
		var company, domain string
		if cu.CompanyProfile != nil {
			company, domain = str(cu.CompanyProfile.CompanyName), str(cu.CompanyProfile.Domain)
		}
		var rel string
		if cu.RelationshipToPartner != nil {
			rel = string(*cu.RelationshipToPartner)
		}
		rows[i] = []string{str(cu.ID), company, domain, rel}
	}
	return c.t.write(rows)
}

func (c *customerTable) finish(failed bool) error {
	if failed {
		return nil
	}
	return c.t.finish("No customers.")
}

// columnWriter prints rows in aligned columns as they arrive. Unlike
// text/tabwriter, which aligns each flushed block on its own, it keeps the
// widest cell seen so far per column, so the pages of a listing line up
// with one another without holding the listing in memory.
type columnWriter struct {
	w       io.Writer
	headers []string
	widths  []int
	rows    int
}

func newColumnWriter(w io.Writer, headers ...string) *columnWriter {
	widths := make([]int, len(headers))
	for i, h := range headers {
		widths[i] = utf8.RuneCountInString(h)
	}
	return &columnWriter{w: w, headers: headers, widths: widths}
}

// write prints rows, preceded by the header line before the first row.
func (t *columnWriter) write(rows [][]string) error {
	if len(rows) == 0 {
		return nil
	}
	for _, row := range rows {
		for i := range row {
			row[i] = sanitize(row[i], false)
			if n := utf8.RuneCountInString(row[i]); i < len(t.widths) && n > t.widths[i] {
				t.widths[i] = n
			}
		}
	}
	var buf bytes.Buffer
	if t.rows == 0 {
		t.line(&buf, t.headers)
	}
	for _, row := range rows {
		t.line(&buf, row)
	}
	t.rows += len(rows)
	_, err := t.w.Write(buf.Bytes())
	return err
}

// finish prints empty when no row was written.
func (t *columnWriter) finish(empty string) error {
	if t.rows > 0 {
		return nil
	}
	_, err := fmt.Fprintln(t.w, empty)
	return err
}

// line formats one row, padding every cell but the last to its column.
func (t *columnWriter) line(buf *bytes.Buffer, cells []string) {
	var b strings.Builder
	for i, cell := range cells {
		b.WriteString(cell)
		if i < len(cells)-1 && i < len(t.widths) {
			b.WriteString(strings.Repeat(" ", t.widths[i]-utf8.RuneCountInString(cell)+2))
		}
	}
	buf.WriteString(strings.TrimRight(b.String(), " "))
	buf.WriteByte('\n')
}

// writeFields prints key/value rows aligned with text/tabwriter, leaving out
// empty values.
func writeFields(w io.Writer, fields []field) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, f := range fields {
		if f.value == "" {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\n", f.key, sanitize(f.value, false))
	}
	return tw.Flush()
}

// address renders an address on one line, leaving out the contact person.
func address(a *wrapper.Address) string {
	if a == nil {
		return ""
	}
	region := str(a.State)
	if region == "" {
		region = str(a.Region)
	}
	var parts []string
	for _, s := range []string{str(a.AddressLine1), str(a.AddressLine2), str(a.AddressLine3),
		str(a.City), region, str(a.PostalCode), str(a.Country)} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// str dereferences an optional string.
func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
