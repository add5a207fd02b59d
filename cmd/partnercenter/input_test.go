package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadInputFileCap: a --from file over the cap is refused, one at the
// cap is read whole.
func TestReadInputFileCap(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, size := range []int{maxInputFile, maxInputFile + 1} {
		path := filepath.Join(dir, "in.json")
		if err := os.WriteFile(path, []byte(strings.Repeat(" ", size)), 0o600); err != nil {
			t.Fatal(err)
		}
		data, err := readInputFile(context.Background(), path, maxInputFile)
		switch {
		case size <= maxInputFile && (err != nil || len(data) != size):
			t.Errorf("%d bytes: %d read, %v", size, len(data), err)
		case size > maxInputFile && (err == nil || !strings.Contains(err.Error(), "larger than")):
			t.Errorf("%d bytes: err = %v, want the cap", size, err)
		}
	}
}
