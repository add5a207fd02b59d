package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/partnercenter-go/partnercenter/wrapper"
)

// A row of the command table declares a command that calls one wrapper
// method and prints its answer: a plain read or change is one row. The
// commands with behaviour of their own (listings that stream, onboarding,
// the domain check's exit code, ...) are written out in their own files.
type row struct {
	// path is the command's place in the tree: its group(s) and name, such
	// as "customer users get".
	path string
	// summary is the line in the group's list; long the --help text.
	summary, long string
	// args names the positional arguments; GUID arguments end in "_ID" and
	// are checked before any request.
	args []string
	// flags are the command's options, read by call through a.
	flags []flagSpec
	// confirm makes the command refuse to run without --yes.
	confirm bool
	// call makes the call.
	call func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error)
	// fields are the rows of a single resource in table form; columns the
	// columns of a list. Each is "Title=path" (see pick).
	fields, columns []string
	// empty is what table output says for an empty list.
	empty string
	// examples are extra command lines for --help, after the generated ones.
	examples []string
}

// flagSpec is a string option of a row.
type flagSpec struct {
	name, usage, def string
}

// rowArgs holds a row's positional arguments and flag values.
type rowArgs struct {
	pos     []string
	strings map[string]*string
}

// arg returns positional argument i.
func (a *rowArgs) arg(i int) string { return a.pos[i] }

// str returns the value of string flag name.
func (a *rowArgs) str(name string) string { return strings.TrimSpace(*a.strings[name]) }

// register declares the flags of row r.
func (a *rowArgs) register(fs *flag.FlagSet, r row, yes *bool) {
	for _, f := range r.flags {
		a.strings[f.name] = fs.String(f.name, f.def, f.usage)
	}
	if r.confirm {
		fs.BoolVar(yes, "yes", false, "confirm: without it the command refuses to run")
	}
}

// tableCommands builds the commands of the table under root, creating the
// groups they name when root has none of that name.
func (a *app) tableCommands(root *command) {
	for _, r := range commandTable {
		parts := strings.Fields(r.path)
		parent := root
		for _, g := range parts[:len(parts)-1] {
			next := parent.lookup(g)
			if next == nil {
				info := groupInfo[strings.Join(parts[:len(parts)-1], " ")]
				next = &command{name: g, summary: info[0], long: info[1]}
				parent.add(next)
			}
			parent = next
		}
		cmd := a.rowCommand(r, parts[len(parts)-1])
		if len(parent.examples) == 0 {
			parent.examples = cmd.examples[:1]
		}
		parent.add(cmd)
	}
}

// rowCommand builds the command of one row.
func (a *app) rowCommand(r row, name string) *command {
	ra := &rowArgs{strings: map[string]*string{}}
	var yes bool
	cmd := &command{name: name, summary: r.summary, long: r.long, args: strings.Join(r.args, " "), nargs: len(r.args)}
	example := "partnercenter --fake " + r.path
	for _, arg := range r.args {
		example += " " + exampleArg(arg)
	}
	if r.confirm {
		example += " --yes"
	}
	cmd.examples = append([]string{example, strings.Replace(example, "--fake", "--fake -o table", 1)}, r.examples...)
	if len(r.flags) > 0 || r.confirm {
		cmd.setFlags = func(fs *flag.FlagSet) { ra.register(fs, r, &yes) }
	}
	cmd.run = func(ctx context.Context, args []string) error {
		if r.confirm && !yes {
			return newUsageError(cmd, "%s cannot be undone: add --yes to confirm", cmd.name)
		}
		ra.pos = make([]string, len(args))
		for i, v := range args {
			ra.pos[i] = strings.TrimSpace(v)
			if strings.HasSuffix(r.args[i], "_ID") {
				if err := checkGUID(ra.pos[i]); err != nil {
					return newUsageError(cmd, "invalid %s %q: %v", r.args[i], v, err)
				}
			}
		}
		client, err := a.getClient()
		if err != nil {
			return err
		}
		v, err := r.call(ctx, client, ra)
		if err != nil {
			return err
		}
		return a.printer().table(v, r)
	}
	return cmd
}

// exampleArg is the value --help's examples give an argument.
func exampleArg(name string) string {
	switch name {
	case "CUSTOMER_ID":
		return exampleCustomerID
	case "USER_ID":
		return exampleUserID
	case "COUNTRY":
		return "US"
	}
	return "<" + name + ">"
}

// table prints a row's answer: JSON as it is, or in table form its fields
// (a single resource) or columns (a list).
func (p *printer) table(v any, r row) error {
	if p.format != formatTable {
		return p.json(v)
	}
	doc, err := asJSON(v)
	if err != nil {
		return err
	}
	if list, ok := doc.([]any); ok {
		t := newColumnWriter(p.w, titles(r.columns)...)
		rows := make([][]string, len(list))
		for i, item := range list {
			for _, c := range r.columns {
				rows[i] = append(rows[i], pick(item, c))
			}
		}
		if err := t.write(rows); err != nil {
			return err
		}
		return t.finish(r.empty)
	}
	fs := make([]field, len(r.fields))
	for i, f := range r.fields {
		fs[i] = field{key: titles([]string{f})[0], value: pick(doc, f)}
	}
	return writeFields(p.w, fs)
}

// asJSON turns a wrapper answer into the JSON document it encodes to.
func asJSON(v any) (any, error) {
	var buf bytes.Buffer
	if err := encodeJSON(&buf, v, "", ""); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	var doc any
	err := dec.Decode(&doc)
	return doc, err
}

// titles returns the titles of "Title=path" specs.
func titles(specs []string) []string {
	out := make([]string, len(specs))
	for i, s := range specs {
		out[i], _, _ = strings.Cut(s, "=")
	}
	return out
}

// pick renders the value a "Title=path" spec names in doc: path is
// dot-separated member names; "a+b" joins the values of a and b with a
// space, "path|address" renders an address on one line. Lists are joined
// with ", ", booleans are yes or no, a missing value is "".
func pick(doc any, spec string) string {
	_, path, _ := strings.Cut(spec, "=")
	path, format, _ := strings.Cut(path, "|")
	var parts []string
	for _, p := range strings.Split(path, "+") {
		v := walk(doc, strings.Split(p, "."))
		if format == "address" {
			parts = append(parts, addressOf(v))
			continue
		}
		if s := render(v); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// walk follows the member names from v; through a list it follows them in
// every element, giving the list of what it finds.
func walk(v any, names []string) any {
	for i, name := range names {
		switch x := v.(type) {
		case []any:
			out := make([]any, 0, len(x))
			for _, e := range x {
				if w := walk(e, names[i:]); w != nil {
					out = append(out, w)
				}
			}
			return out
		case map[string]any:
			if name != "" {
				v = x[name]
			}
		default:
			if name != "" {
				return nil
			}
		}
	}
	return v
}

// render turns a JSON value into table text.
func render(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case json.Number:
		return x.String()
	case []any:
		var parts []string
		for _, e := range x {
			if s := render(e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}

// addressOf renders an address object on one line, leaving out the
// contact person.
func addressOf(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	region := render(m["state"])
	if region == "" {
		region = render(m["region"])
	}
	var parts []string
	for _, s := range []string{render(m["addressLine1"]), render(m["addressLine2"]), render(m["addressLine3"]),
		render(m["city"]), region, render(m["postalCode"]), render(m["country"])} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// agreementTypeFlag resolves a --type value of the agreement commands.
func agreementTypeFlag(v string) (string, error) {
	switch strings.ToLower(v) {
	case "customer":
		return wrapper.AgreementTypeMicrosoftCustomerAgreement, nil
	case "cloud":
		return wrapper.AgreementTypeMicrosoftCloudAgreement, nil
	case "all":
		return wrapper.AgreementTypeAll, nil
	}
	return "", fmt.Errorf("%w: --type %s: use customer, cloud or all", wrapper.ErrInvalidInput, strconv.Quote(v))
}
