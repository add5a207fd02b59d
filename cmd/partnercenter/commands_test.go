package main

import (
	"flag"
	"slices"
	"strings"
	"testing"
	"time"
)

// allCommands returns every command of the tree, root first.
func allCommands(root *command) []*command {
	out := []*command{root}
	for _, s := range root.subs {
		out = append(out, allCommands(s)...)
	}
	return out
}

// namesOf returns the command names below the root, e.g. ["customer", "get"].
func namesOf(c *command) []string {
	if c.parent == nil {
		return nil
	}
	return append(namesOf(c.parent), c.name)
}

func TestHelpAtEveryLevel(t *testing.T) {
	a := &app{}
	for _, cmd := range allCommands(a.commands()) {
		names := namesOf(cmd)
		forms := [][]string{
			append(slices.Clone(names), "--help"),
			append(slices.Clone(names), "-h"),
			append([]string{"help"}, names...),
		}
		if len(names) > 1 {
			// "help" works inside a group too: "customer help get".
			forms = append(forms, append(append(slices.Clone(names[:len(names)-1]), "help"), names[len(names)-1]))
		}
		for _, args := range forms {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				r := runApp(t, &app{}, args...)
				r.wantCode(t, exitOK)
				if r.stderr != "" {
					t.Errorf("stderr %q, want nothing", r.stderr)
				}
				for _, want := range []string{"Usage:\n  " + usageLine(cmd), "Global flags", "Examples:\n  partnercenter"} {
					if !strings.Contains(r.stdout, want) {
						t.Errorf("help lacks %q:\n%s", want, r.stdout)
					}
				}
				for _, sub := range cmd.subs {
					if !strings.Contains(r.stdout, "  "+sub.name+" ") {
						t.Errorf("help does not list subcommand %q:\n%s", sub.name, r.stdout)
					}
				}
				if cmd.setFlags != nil {
					fs := flag.NewFlagSet("", flag.ContinueOnError)
					cmd.setFlags(fs)
					fs.VisitAll(func(f *flag.Flag) {
						if !strings.Contains(r.stdout, "--"+f.Name) {
							t.Errorf("help does not list flag --%s:\n%s", f.Name, r.stdout)
						}
					})
				}
			})
		}
	}
}

func TestRootHelpDocumentsFlagsAndExitStatuses(t *testing.T) {
	r := runApp(t, &app{}, "--help")
	r.wantCode(t, exitOK)
	for _, want := range []string{
		"--fake", "--cloud NAME", "--endpoint URL", "--audience", "--api-version", "--app-name", "--locale",
		"--correlation-id", "-o, --output FORMAT", "--timeout", "-v, --verbose", "--max-retries", "-q, --quiet",
		"Exit status:",
		"0    success",
		"2    usage error",
		"3    authentication failed",
		"4    forbidden (403)",
		"5    not found (404)",
		"6    throttled (429)",
		"7    service error",
		"8    conflict (409) or precondition failed (412)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("root help lacks %q", want)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	id := exampleCustomerID
	tests := []struct {
		name      string
		args      []string
		wantErr   string
		wantUsage string // a line of the short usage that must follow, "" for none
	}{
		{"no command", nil, "missing command", "Commands:"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate" for "partnercenter"`, "Commands:"},
		{"unknown subcommand", []string{"customer", "purge", id}, `unknown command "purge" for "partnercenter customer"`, "  get "},
		{"group without subcommand", []string{"domain"}, "missing command", "  available "},
		{"unknown help topic", []string{"help", "customer", "nope"}, `unknown command "nope"`, "Commands:"},
		{"unknown root flag", []string{"--frob", "customer", "get", id}, "unknown flag --frob", "Commands:"},
		{"unknown leaf flag", []string{"customer", "get", id, "--frob"}, "unknown flag --frob", "customer get CUSTOMER_ID"},
		{"unknown short flag", []string{"customer", "list", "-x"}, "unknown flag -x", "--page-size N"},
		{"flag without value", []string{"customer", "list", "--page-size"}, "flag needs an argument", "--page-size N"},
		{"bad integer", []string{"customer", "list", "--page-size", "ten"}, "invalid value", "--page-size N"},
		{"missing argument", []string{"customer", "get"}, "missing CUSTOMER_ID", "customer get CUSTOMER_ID"},
		{"extra argument", []string{"customer", "get", id, id}, "unexpected argument", "customer get CUSTOMER_ID"},
		{"argument to list", []string{"customer", "list", "x"}, `unexpected argument "x"`, "customer list [flags]"},
		{"bad GUID", []string{"customer", "get", "not-a-guid"}, `invalid CUSTOMER_ID "not-a-guid"`, ""},
		{"GUID with braces", []string{"customer", "domains", "{" + id + "}"}, "invalid CUSTOMER_ID", ""},
		{"bad GUID digits", []string{"customer", "organization", "zzzzbbbb-0000-cccc-1111-dddd2222eeee"}, "invalid CUSTOMER_ID", ""},
		{"unknown cloud", []string{"--cloud", "mars", "customer", "get", id}, `invalid --cloud "mars"`, ""},
		{"unknown output", []string{"-o", "xml", "customer", "get", id}, `invalid --output "xml"`, ""},
		{"endpoint without audience", []string{"--endpoint", "https://pc.example.com", "customer", "get", id}, "--endpoint needs --audience", ""},
		{"http endpoint", []string{"--endpoint", "http://pc.example.com", "--audience", "x", "customer", "get", id}, "plain http to a host that is not loopback", ""},
		{"endpoint with query", []string{"--endpoint", "https://pc.example.com?a=b", "--audience", "x", "customer", "get", id}, "query", ""},
		{"fake and endpoint", []string{"--fake", "--endpoint", "https://pc.example.com", "--audience", "x", "customer", "get", id}, "--fake cannot be combined", ""},
		{"bad correlation id", []string{"--correlation-id", "abc", "customer", "get", id}, `invalid --correlation-id "abc"`, ""},
		{"negative timeout", []string{"--timeout", "-1s", "customer", "get", id}, "invalid --timeout", ""},
		{"too many retries", []string{"--max-retries", "1000", "customer", "get", id}, "invalid --max-retries", ""},
		{"negative page size", []string{"customer", "list", "--page-size", "-1"}, "invalid --page-size -1", ""},
		{"huge page size", []string{"customer", "list", "--page-size", "3000000000"}, "invalid --page-size 3000000000", ""},
		{"negative max", []string{"customer", "list", "--max", "-1"}, "invalid --max -1", ""},
		{"bad filter field", []string{"customer", "list", "--filter", "a", "--filter-field", "tag"}, `invalid --filter-field "tag"`, ""},
		{"empty domain", []string{"domain", "available", " "}, "DOMAIN must not be empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runApp(t, &app{}, tt.args...)
			r.wantCode(t, exitUsage)
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
			if !strings.HasPrefix(r.stderr, "partnercenter: ") || !strings.Contains(r.stderr, tt.wantErr) {
				t.Errorf("stderr does not start with the error %q:\n%s", tt.wantErr, r.stderr)
			}
			if tt.wantUsage != "" && !strings.Contains(r.stderr, tt.wantUsage) {
				t.Errorf("stderr lacks the usage line %q:\n%s", tt.wantUsage, r.stderr)
			}
			if tt.wantUsage == "" && !strings.Contains(r.stderr, "--help' for usage") {
				t.Errorf("stderr does not point to --help:\n%s", r.stderr)
			}
		})
	}
}

func TestGlobalFlagsAnywhere(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"before the command", []string{"--fake", "-o", "table", "--timeout", "5s", "customer", "get", exampleCustomerID}},
		{"between the commands", []string{"customer", "--fake", "--output=table", "get", "--timeout=5s", exampleCustomerID}},
		{"after the argument", []string{"customer", "get", exampleCustomerID, "--fake", "-o", "table", "--timeout", "5s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &app{}
			g := defaultGlobals()
			cmd, pos, err := parseArgs(a.commands(), &g, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if cmd.path() != "partnercenter customer get" || !slices.Equal(pos, []string{exampleCustomerID}) {
				t.Fatalf("parsed %q %q", cmd.path(), pos)
			}
			if !g.fake || g.output != formatTable || g.timeout != 5*time.Second {
				t.Fatalf("globals %+v", g)
			}
		})
	}
}

func TestLeafFlagsMixWithArguments(t *testing.T) {
	a := &app{}
	g := defaultGlobals()
	cmd, pos, err := parseArgs(a.commands(), &g, []string{"domain", "available", "contoso.onmicrosoft.com", "--exit-code", "-q"})
	if err != nil {
		t.Fatal(err)
	}
	if cmd.name != "available" || !slices.Equal(pos, []string{"contoso.onmicrosoft.com"}) || !g.quiet {
		t.Fatalf("parsed %q %q %+v", cmd.path(), pos, g)
	}
}

func TestParseInterleaved(t *testing.T) {
	tests := []struct {
		args    []string
		wantPos []string
		wantN   int
		wantB   bool
	}{
		{nil, nil, 0, false},
		{[]string{"a"}, []string{"a"}, 0, false},
		{[]string{"a", "-n", "3", "b", "-b"}, []string{"a", "b"}, 3, true},
		{[]string{"-n=2", "a", "--", "-b", "c"}, []string{"a", "-b", "c"}, 2, false},
		{[]string{"--", "-n"}, []string{"-n"}, 0, false},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		n := fs.Int("n", 0, "")
		b := fs.Bool("b", false, "")
		pos, err := parseInterleaved(fs, tt.args)
		if err != nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		if !slices.Equal(pos, tt.wantPos) || *n != tt.wantN || *b != tt.wantB {
			t.Errorf("%q: got %q n=%d b=%v, want %q n=%d b=%v", tt.args, pos, *n, *b, tt.wantPos, tt.wantN, tt.wantB)
		}
	}
}

func TestWrapWords(t *testing.T) {
	got := wrapWords("aaa bbb ccc ddd", "  ", 11)
	if want := "  aaa bbb\n  ccc ddd\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
