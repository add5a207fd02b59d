package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// programName is the name the usage text and error messages use.
const programName = "partnercenter"

// command is one node of the command tree: a group holding subcommands, or a
// leaf that runs.
type command struct {
	name     string
	summary  string   // one line, shown in the parent's command list
	args     string   // positional arguments for the usage line, e.g. "CUSTOMER_ID"
	nargs    int      // number of positional arguments a leaf requires
	long     string   // description shown by --help
	examples []string // command lines shown by --help
	footer   string   // extra sections shown by --help after the examples
	// setFlags registers the leaf's own flags; nil when it has none.
	setFlags func(fs *flag.FlagSet)
	// run executes a leaf with its positional arguments.
	run    func(ctx context.Context, args []string) error
	subs   []*command
	parent *command
}

// add attaches subcommands to c and returns c.
func (c *command) add(subs ...*command) *command {
	for _, s := range subs {
		s.parent = c
		c.subs = append(c.subs, s)
	}
	return c
}

// path is the full command line prefix, e.g. "partnercenter customer get".
func (c *command) path() string {
	if c.parent == nil {
		return c.name
	}
	return c.parent.path() + " " + c.name
}

// lookup returns the subcommand called name, or nil.
func (c *command) lookup(name string) *command {
	for _, s := range c.subs {
		if s.name == name {
			return s
		}
	}
	return nil
}

// isGroup reports whether c holds subcommands rather than running itself.
func (c *command) isGroup() bool { return len(c.subs) > 0 }

// helpRequest is returned by parseArgs when the user asked for help on cmd.
type helpRequest struct{ cmd *command }

func (h *helpRequest) Error() string { return "help requested for " + h.cmd.path() }

// usageError is a mistake on the command line. When showUsage is set the
// command's full usage text follows the message; otherwise a one-line pointer
// to --help does.
type usageError struct {
	cmd       *command
	msg       string
	showUsage bool
}

func (e *usageError) Error() string { return e.msg }

// newUsageError returns a usage error for cmd that points to --help.
func newUsageError(cmd *command, format string, args ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, args...)}
}

// parseArgs walks args down the command tree from root. Global flags are
// accepted at every level (before or after the command names) and are stored
// in g; a leaf's own flags may be mixed with its positional arguments. It
// returns the leaf to run with its positional arguments, a *helpRequest, or a
// *usageError.
func parseArgs(root *command, g *globalOptions, args []string) (*command, []string, error) {
	cmd := root
	for {
		fs := newFlagSet(cmd)
		g.register(fs)
		if !cmd.isGroup() {
			if cmd.setFlags != nil {
				cmd.setFlags(fs)
			}
			pos, err := parseInterleaved(fs, args)
			if err != nil {
				return nil, nil, flagError(cmd, err)
			}
			if len(pos) != cmd.nargs {
				return nil, nil, &usageError{cmd: cmd, showUsage: true, msg: argCountMessage(cmd, pos)}
			}
			return cmd, pos, nil
		}
		if err := fs.Parse(args); err != nil {
			return nil, nil, flagError(cmd, err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return nil, nil, &usageError{cmd: cmd, showUsage: true, msg: "missing command"}
		}
		if rest[0] == "help" {
			return nil, nil, helpFor(cmd, rest[1:])
		}
		sub := cmd.lookup(rest[0])
		if sub == nil {
			return nil, nil, &usageError{cmd: cmd, showUsage: true,
				msg: fmt.Sprintf("unknown command %q for %q", rest[0], cmd.path())}
		}
		cmd, args = sub, rest[1:]
	}
}

// helpFor resolves "help [COMMAND...]" below group to a *helpRequest.
func helpFor(group *command, names []string) error {
	cmd := group
	for _, name := range names {
		sub := cmd.lookup(name)
		if sub == nil {
			return &usageError{cmd: cmd, showUsage: true,
				msg: fmt.Sprintf("unknown command %q for %q", name, cmd.path())}
		}
		cmd = sub
	}
	return &helpRequest{cmd: cmd}
}

// argCountMessage explains a wrong number of positional arguments.
func argCountMessage(cmd *command, got []string) string {
	switch {
	case len(got) < cmd.nargs:
		return "missing " + cmd.args
	case cmd.nargs == 0:
		return fmt.Sprintf("unexpected argument %q: %s takes none", got[0], cmd.name)
	default:
		return fmt.Sprintf("unexpected argument %q: %s takes only %s", got[cmd.nargs], cmd.name, cmd.args)
	}
}

// newFlagSet returns a silent flag set for cmd: parseArgs reports errors and
// help itself.
func newFlagSet(cmd *command) *flag.FlagSet {
	fs := flag.NewFlagSet(cmd.path(), flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// flagError turns an error from flag.FlagSet.Parse into a help request or a
// usage error.
func flagError(cmd *command, err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return &helpRequest{cmd: cmd}
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		msg = "unknown flag " + dashes(strings.TrimLeft(name, "-"))
	}
	return &usageError{cmd: cmd, showUsage: true, msg: msg}
}

// parseInterleaved parses fs from args, allowing flags after positional
// arguments ("customer get ID --output table"). Everything after "--" is
// positional.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := args[:len(args)-len(rest)]; len(consumed) > 0 && consumed[len(consumed)-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// dashes renders a flag name the way the help text shows it: "-o" for one
// letter, "--output" otherwise.
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}
