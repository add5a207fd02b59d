package main

import (
	"context"
	"fmt"
	"io"
	"os"
)

// readInputFile reads the file at path, of at most max bytes, until ctx
// ends. The file may be a FIFO or a terminal that never delivers: opening
// and reading happen in a goroutine that is abandoned when ctx ends (SIGINT
// or SIGTERM, --timeout), so the command ends as every other does; the
// goroutine ends with its read, or with the process.
func readInputFile(ctx context.Context, path string, max int64) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := readCapped(path, max)
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// readCapped reads the file at path, failing when it holds more than max
// bytes.
func readCapped(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, max)
	}
	return data, nil
}
