// Command report reads the output of the benchmark suite in package bench
// (`go test -bench`), prints one table of the measurements with the
// targets of issues 6 and 9 and PASS or FAIL for each, and writes the table, the
// method and the machine to a Markdown file (docs/performance.md). It
// exits with status 1 when a target is missed, a result is missing or go
// test reported a failure, so that `make bench` fails loudly.
//
// Usage:
//
//	go run ./bench/report [-doc docs/performance.md] bench-output.txt...
//
// With no file, it reads standard input. `make bench` runs it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	doc := flag.String("doc", "", "write the Markdown report to this `file`")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: report [-doc file] [go-test-bench-output...]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	os.Exit(run(flag.Args(), *doc, os.Stdin, os.Stdout, os.Stderr, time.Now()))
}

// run does the work of main and returns the exit status.
func run(files []string, doc string, stdin io.Reader, stdout, stderr io.Writer, now time.Time) int {
	var out output
	if len(files) == 0 {
		if err := parse(stdin, &out); err != nil {
			fmt.Fprintln(stderr, "report:", err)
			return 2
		}
	}
	for _, name := range files {
		if err := parseFile(name, &out); err != nil {
			fmt.Fprintln(stderr, "report:", err)
			return 2
		}
	}
	e := &evaluator{out: &out}
	rows := e.rows()
	fmt.Fprint(stdout, table(rows))
	bad := failed(rows)
	if bad {
		fmt.Fprintln(stdout, "\nbench: a target was missed or a result is missing (FAIL above)")
	} else {
		fmt.Fprintln(stdout, "\nbench: every target met")
	}
	if doc != "" {
		text, err := performanceDoc(describeMachine(&out, now), rows, &out)
		if err == nil {
			err = os.WriteFile(doc, []byte(text), 0o644)
		}
		if err != nil {
			fmt.Fprintln(stderr, "report:", err)
			return 2
		}
		fmt.Fprintf(stdout, "bench: wrote %s\n", doc)
	}
	if bad {
		return 1
	}
	return 0
}

// parseFile parses one output file.
func parseFile(name string, out *output) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := parse(f, out); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
