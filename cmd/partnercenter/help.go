package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// writeHelp prints the full help of cmd: description, usage, commands,
// flags, examples and, for the root, the sign-in and exit status notes.
func writeHelp(w io.Writer, cmd *command) error {
	var b bytes.Buffer
	if cmd.long != "" {
		b.WriteString(cmd.long + "\n\n")
	} else {
		b.WriteString(cmd.summary + "\n\n")
	}
	writeSynopsis(&b, cmd)
	if cmd.parent == nil {
		b.WriteString("\nGlobal flags (accepted before or after the command):\n")
		g := defaultGlobals()
		writeFlags(&b, g.register)
	} else {
		b.WriteString("\nGlobal flags (see '" + programName + " --help'; accepted before or after the command):\n")
		b.WriteString(wrapWords(globalFlagNames(), "  ", 78))
	}
	if len(cmd.examples) > 0 {
		b.WriteString("\nExamples:\n")
		for _, e := range cmd.examples {
			b.WriteString("  " + e + "\n")
		}
	}
	if cmd.footer != "" {
		b.WriteString("\n" + cmd.footer)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writeUsage prints the short usage of cmd that follows a usage error.
func writeUsage(w io.Writer, cmd *command) error {
	var b bytes.Buffer
	writeSynopsis(&b, cmd)
	fmt.Fprintf(&b, "\nRun '%s --help' for more.\n", cmd.path())
	_, err := w.Write(b.Bytes())
	return err
}

// writeSynopsis prints the usage line of cmd and its subcommands or its own
// flags.
func writeSynopsis(b *bytes.Buffer, cmd *command) {
	b.WriteString("Usage:\n  " + usageLine(cmd) + "\n")
	if cmd.isGroup() {
		b.WriteString("\nCommands:\n")
		tw := tabwriter.NewWriter(b, 0, 0, 3, ' ', 0)
		for _, s := range cmd.subs {
			fmt.Fprintf(tw, "  %s\t%s\n", s.name, s.summary)
		}
		example := cmd.subs[0].name
		if cmd.parent == nil {
			example = "customer list"
		}
		fmt.Fprintf(tw, "  %s\t%s\n", "help", "show the help of a command, e.g. 'help "+example+"'")
		_ = tw.Flush()
	}
	if cmd.setFlags != nil {
		b.WriteString("\nFlags:\n")
		writeFlags(b, cmd.setFlags)
	}
}

// wrapWords fills text into lines of at most width characters, each
// starting with indent.
func wrapWords(text, indent string, width int) string {
	var b, line strings.Builder
	for _, word := range strings.Fields(text) {
		if line.Len() > 0 && len(indent)+line.Len()+1+len(word) > width {
			b.WriteString(indent + line.String() + "\n")
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(word)
	}
	if line.Len() > 0 {
		b.WriteString(indent + line.String() + "\n")
	}
	return b.String()
}

// usageLine is the synopsis of cmd.
func usageLine(cmd *command) string {
	path := strings.Replace(cmd.path(), programName, programName+" [global flags]", 1)
	switch {
	case cmd.isGroup():
		return path + " COMMAND [flags] [arguments]"
	case cmd.setFlags != nil:
		return strings.TrimSpace(path + " [flags] " + cmd.args)
	default:
		return strings.TrimSpace(path + " " + cmd.args)
	}
}

// writeFlags prints the flags register defines, one per line with its
// one-letter alias, argument name, description and default.
func writeFlags(w io.Writer, register func(fs *flag.FlagSet)) {
	fs := flag.NewFlagSet("help", flag.ContinueOnError)
	register(fs)
	alias := make(map[string]string, len(flagAliases))
	for short, long := range flagAliases {
		if fs.Lookup(short) != nil {
			alias[long] = short
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	fs.VisitAll(func(f *flag.Flag) {
		if _, isAlias := flagAliases[f.Name]; isAlias {
			return
		}
		arg, usage := flag.UnquoteUsage(f)
		name := "    --" + f.Name
		if short, ok := alias[f.Name]; ok {
			name = "-" + short + ", --" + f.Name
		}
		if arg != "" {
			name += " " + arg
		}
		switch f.DefValue {
		case "", "0", "false", "0s":
		default:
			usage += " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\n", name, usage)
	})
	_ = tw.Flush()
}

// globalFlagNames lists the global flags on one line.
func globalFlagNames() string {
	fs := flag.NewFlagSet("names", flag.ContinueOnError)
	g := defaultGlobals()
	g.register(fs)
	var names []string
	fs.VisitAll(func(f *flag.Flag) {
		if _, isAlias := flagAliases[f.Name]; !isAlias {
			names = append(names, "--"+f.Name)
		}
	})
	return strings.Join(names, ", ")
}
