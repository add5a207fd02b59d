package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"iter"
	"strings"

	"github.com/partnercenter-go/partnercenter/wrapper"
)

// The commands of users, licenses, roles and subscriptions with behaviour
// of their own: listings that stream, passwords shown only when asked for,
// the gathering of every user's access. The plain ones are rows (rows.go).

// accessCommands adds them to the groups the table made.
func (a *app) accessCommands(root *command) {
	customer := root.lookup("customer")
	users, roles := customer.lookup("users"), customer.lookup("roles")
	users.add(
		a.streamCommand("list", "list a customer's users", "users",
			"List the user accounts of the customer's tenant, page by page as they arrive\n"+
				"(--deleted: the deleted ones, restorable for 30 days).",
			[]string{"CUSTOMER_ID"}, userColumns, "No users.",
			func(ctx context.Context, c *wrapper.Client, args []string, f *streamFlags) iter.Seq2[any, error] {
				o := &wrapper.ListCustomerUsersOptions{PageSize: int32(f.pageSize)}
				if f.deleted {
					return anySeq(c.ListDeletedCustomerUsers(ctx, args[0], o))
				}
				return anySeq(c.ListCustomerUsers(ctx, args[0], o))
			}, true),
		a.streamCommand("access", "list every user with its licenses and directory roles", "users",
			"List the customer's users, each with its licenses and directory roles, looked\n"+
				"up for --concurrency users at a time, in the listing's order.",
			[]string{"CUSTOMER_ID"}, []string{"USER=user.userPrincipalName", "LICENSES=licenses.productSku.skuPartNumber", "ROLES=roles.name"}, "No users.",
			func(ctx context.Context, c *wrapper.Client, args []string, f *streamFlags) iter.Seq2[any, error] {
				return anySeq(c.ListCustomerUsersWithAccess(ctx, args[0], &wrapper.ListUserAccessOptions{
					Concurrency: f.concurrency, PageSize: int32(f.pageSize), Progress: f.progress}))
			}, false),
		a.passwordCommand("create", "create a user account", []string{"CUSTOMER_ID"},
			"Create a user account: --upn (name@domain), --display-name and --usage-location\n"+
				"(the two-letter country where its licenses are used) are required. The\n"+
				"password is made up here and shown only with --show-password.",
			func(ctx context.Context, c *wrapper.Client, args []string, f map[string]*string) (*wrapper.UserWithPassword, error) {
				u := wrapper.NewCustomerUser{}
				for name, dst := range map[string]**string{"upn": &u.UserPrincipalName, "display-name": &u.DisplayName,
					"usage-location": &u.UsageLocation, "first-name": &u.FirstName, "last-name": &u.LastName} {
					if v := strings.TrimSpace(*f[name]); v != "" {
						*dst = &v
					}
				}
				return c.CreateCustomerUser(ctx, args[0], u, nil)
			}, "upn", "display-name", "usage-location", "first-name", "last-name"),
		a.passwordCommand("reset-password", "give a user a new password", []string{"CUSTOMER_ID", "USER_ID"},
			"Give the user a new password, made up here, which the user must change at\n"+
				"the next sign-in. It is shown only with --show-password.",
			func(ctx context.Context, c *wrapper.Client, args []string, _ map[string]*string) (*wrapper.UserWithPassword, error) {
				return c.ResetCustomerUserPassword(ctx, args[0], args[1], &wrapper.ResetCustomerUserPasswordOptions{ForceChangePassword: true})
			}),
	)
	roles.add(a.streamCommand("members", "list the members of a directory role", "members",
		"List the users who hold the directory role ROLE_ID (from 'customer roles list').",
		[]string{"CUSTOMER_ID", "ROLE_ID"}, []string{"USER ID=id", "DISPLAY NAME=displayName", "USER PRINCIPAL NAME=userPrincipalName"}, "No members.",
		func(ctx context.Context, c *wrapper.Client, args []string, f *streamFlags) iter.Seq2[any, error] {
			return anySeq(c.ListDirectoryRoleMembers(ctx, args[0], args[1], nil))
		}, false))
}

// userColumns are the columns of a user listing.
var userColumns = []string{"ID=id", "USER PRINCIPAL NAME=userPrincipalName", "DISPLAY NAME=displayName", "LOCATION=usageLocation", "STATE=state"}

// anySeq turns a typed listing into one of any.
func anySeq[T any](seq iter.Seq2[T, error]) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		for v, err := range seq {
			if !yield(v, err) {
				return
			}
		}
	}
}

// streamFlags are the flags of a streaming command.
type streamFlags struct {
	pageSize, max, concurrency int
	deleted                    bool
	progress                   func(done int)
}

// streamCommand builds a command that prints a listing item by item,
// with a progress line on an interactive stderr.
func (a *app) streamCommand(name, summary, noun, long string, args, columns []string, empty string,
	list func(ctx context.Context, c *wrapper.Client, args []string, f *streamFlags) iter.Seq2[any, error], deleted bool) *command {
	f := &streamFlags{}
	cmd := &command{name: name, summary: summary, long: long, args: strings.Join(args, " "), nargs: len(args)}
	parent := "partnercenter --fake customer " + map[bool]string{true: "users", false: ""}[noun == "users"]
	example := strings.TrimSpace(parent) + " " + name
	for _, arg := range args {
		example += " " + exampleArg(arg)
	}
	cmd.examples = []string{strings.Replace(example, "--fake", "--fake -o table", 1)}
	cmd.setFlags = func(fs *flag.FlagSet) {
		fs.IntVar(&f.pageSize, "page-size", 0, "ask for `N` items per page (default: the service's)")
		fs.IntVar(&f.max, "max", 0, "stop after `N` items (default: no limit)")
		fs.IntVar(&f.concurrency, "concurrency", 8, "look up `N` users at a time (access)")
		if deleted {
			fs.BoolVar(&f.deleted, "deleted", false, "list the deleted users instead")
		}
	}
	cmd.run = func(ctx context.Context, pos []string) error {
		if err := guidArgs(cmd, args, pos); err != nil {
			return err
		}
		client, err := a.getClient()
		if err != nil {
			return err
		}
		prog := &progress{w: a.stderr, noun: noun, enabled: !a.g.quiet && !a.g.verbose && a.terminal(a.stderr)}
		out := a.printer().stream(columns)
		n := 0
		f.progress = func(done int) { prog.update(0, done) }
		for v, err := range list(ctx, client, pos, f) {
			prog.clear()
			if err != nil {
				prog.done(0, n)
				_ = out.finish(true, empty)
				return err
			}
			if err := out.add(v); err != nil {
				return err
			}
			if n++; f.max > 0 && n >= f.max {
				break
			}
		}
		prog.clear()
		return out.finish(false, empty)
	}
	return cmd
}

// passwordCommand builds a command whose answer holds a password, shown
// only with --show-password: "REDACTED" in JSON otherwise, "withheld" in a
// table.
func (a *app) passwordCommand(name, summary string, args []string, long string,
	call func(ctx context.Context, c *wrapper.Client, args []string, f map[string]*string) (*wrapper.UserWithPassword, error), flags ...string) *command {
	var show bool
	values := map[string]*string{}
	cmd := &command{name: name, summary: summary, long: long, args: strings.Join(args, " "), nargs: len(args)}
	example := "partnercenter --fake customer users " + name
	for _, arg := range args {
		example += " " + exampleArg(arg)
	}
	if name == "create" {
		example += " --upn grace@abcdefgh1234.onmicrosoft.com --display-name 'Grace Hopper' --usage-location US"
	}
	cmd.examples = []string{example, example + " --show-password"}
	cmd.setFlags = func(fs *flag.FlagSet) {
		for _, f := range flags {
			values[f] = fs.String(f, "", "the user's "+strings.ReplaceAll(f, "-", " ")+" (`VALUE`)")
		}
		fs.BoolVar(&show, "show-password", false, "print the password (the service gives it out once)")
	}
	cmd.run = func(ctx context.Context, pos []string) error {
		if err := guidArgs(cmd, args, pos); err != nil {
			return err
		}
		client, err := a.getClient()
		if err != nil {
			return err
		}
		res, err := call(ctx, client, pos, values)
		if err != nil {
			return err
		}
		shown := "withheld (run with --show-password to see it)"
		out := map[string]any{"user": res.User, "password": res.Password}
		if show {
			shown = res.Password.Reveal()
			out["password"] = shown
		}
		p := a.printer()
		if p.format != formatTable {
			return p.json(out)
		}
		doc, err := asJSON(res.User)
		if err != nil {
			return err
		}
		fs := []field{}
		for _, spec := range userFields {
			fs = append(fs, field{key: titles([]string{spec})[0], value: pick(doc, spec)})
		}
		return writeFields(p.w, append(fs, field{"Password", shown}))
	}
	return cmd
}

// stream prints a listing item by item: one JSON array, JSON lines, or
// table rows whose columns widen as needed.
type stream struct {
	p    *printer
	cols []string
	t    *columnWriter
	n    int
}

// stream returns the stream of a listing with the given table columns.
func (p *printer) stream(cols []string) *stream {
	return &stream{p: p, cols: cols, t: newColumnWriter(p.w, titles(cols)...)}
}

// add prints one item.
func (s *stream) add(v any) error {
	s.n++
	switch s.p.format {
	case formatTable:
		doc, err := asJSON(v)
		if err != nil {
			return err
		}
		row := make([]string, len(s.cols))
		for i, c := range s.cols {
			row[i] = pick(doc, c)
		}
		return s.t.write([][]string{row})
	case formatJSONL:
		return s.p.json(v)
	}
	var buf bytes.Buffer
	if s.n == 1 {
		buf.WriteString("[\n  ")
	} else {
		buf.WriteString(",\n  ")
	}
	if err := encodeJSON(&buf, v, "  ", "  "); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1)
	_, err := s.p.w.Write(buf.Bytes())
	return err
}

// finish completes the output: the closing bracket, or empty for an empty
// table; after a failure it adds nothing for an empty listing.
func (s *stream) finish(failed bool, empty string) error {
	var err error
	switch {
	case s.p.format == formatTable && !failed:
		err = s.t.finish(empty)
	case s.p.format == formatJSON && s.n > 0:
		_, err = io.WriteString(s.p.w, "\n]\n")
	case s.p.format == formatJSON && !failed:
		_, err = io.WriteString(s.p.w, "[]\n")
	}
	return err
}

// guidArgs trims the positional arguments pos (named args) and refuses one
// that is not a GUID.
func guidArgs(cmd *command, args, pos []string) error {
	for i, v := range pos {
		if err := checkGUID(strings.TrimSpace(v)); err != nil {
			return newUsageError(cmd, "invalid %s %q: %v", args[i], v, err)
		}
		pos[i] = strings.TrimSpace(v)
	}
	return nil
}
