package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFakeServeFilesHoldNoCredentials: the --record and --violations files
// hold no credential a client sent (auxiliary tokens, API keys, an
// access_token or code in the query, ...), are readable by their owner
// only (0600), also when they existed before with wider permissions, and
// the help says exactly what is redacted.
func TestFakeServeFilesHoldNoCredentials(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	urlFile := filepath.Join(dir, "url")
	recordFile, violationsFile := filepath.Join(dir, "requests.jsonl"), filepath.Join(dir, "violations.jsonl")
	for _, f := range []string{recordFile, violationsFile} {
		if err := os.WriteFile(f, []byte("old\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(f, 0o644); err != nil { // whatever the umask
			t.Fatal(err)
		}
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	run := startServe(ctx, "--http", "--url-file", urlFile, "--record", recordFile, "--violations", violationsFile)
	base := strings.TrimSpace(string(waitForFile(t, urlFile, run.done)))

	req, err := http.NewRequest(http.MethodGet, base+"/v1/customers?access_token=qs-SECRET-1&CODE=qs-SECRET-2&sig=qs-SECRET-3", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+serveToken)
	req.Header.Set("X-Ms-Authorization-Auxiliary", "Bearer aux-SECRET")
	req.Header.Set("Ocp-Apim-Subscription-Key", "key-SECRET")
	req.Header.Set("Cookie", "session=cookie-SECRET")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("status %d, want 400 (unknown query parameters)", resp.StatusCode)
	}
	stop()
	if code := run.wait(t); code != exitOK {
		t.Fatalf("exit status %d, stderr:\n%s", code, run.stderr.String())
	}
	for _, f := range []string{recordFile, violationsFile} {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(raw, []byte("SECRET")) || bytes.Contains(raw, []byte(serveToken)) {
			t.Errorf("%s holds a credential:\n%s", filepath.Base(f), raw)
		}
		if !bytes.Contains(raw, []byte("access_token=REDACTED")) {
			t.Errorf("%s does not show the redacted query:\n%s", filepath.Base(f), raw)
		}
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if perm := fi.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(f), perm)
		}
	}

	r := runApp(t, &app{}, "fake", "serve", "--help")
	help := strings.Join(strings.Fields(r.stdout), " ")
	for _, want := range []string{
		"Both files are created with mode 0600 (an existing file is replaced)",
		"the headers Authorization, Proxy-Authorization, Cookie, X-Ms-Authorization-Auxiliary and of any header or query parameter " +
			"whose name contains auth, token, secret, key, cookie, password, passwd, credential, signature or session (in any case), " +
			"and of the query parameters code, sig, pass and pwd, are replaced by REDACTED",
		"access_token, token, code, client_secret, refresh_token, sig, signature, key, password",
	} {
		if !strings.Contains(help, want) {
			t.Errorf("the help does not say %q:\n%s", want, r.stdout)
		}
	}
}
