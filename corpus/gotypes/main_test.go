package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestSmallRun checks a few GOROOT packages end to end: known call sites, the
// xtest overlay (runtime_test uses runtime.Escape from export_test.go), a
// generic method, an interface call and a promoted method.
func TestSmallRun(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "calls.jsonl")
	if err := run(out, "errors,sync/atomic,runtime,io", true, false, 40, ""); err != nil {
		t.Fatal(err)
	}
	recs := map[[3]any]record{}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if !r.FileOK {
			t.Errorf("file with type errors: %+v", r)
		}
		recs[[3]any{r.File, r.Line, r.Column}] = r
		n++
	}
	if n < 1000 {
		t.Fatalf("only %d records", n)
	}
	for _, want := range []record{
		// if errors.New("abc") == errors.New("abc") {
		{File: "errors/errors_test.go", Line: 15, Column: 12, Callee: "errors.New", CalleePkg: "errors", Kind: "call", Mode: "static", Package: "errors_test", Test: true, FileOK: true},
		// check(unsafe.Pointer(runtime.Escape(&notOnStack)), "heap") -- needs the overlay
		{File: "runtime/gc_test.go", Line: 304, Column: 31, Callee: "runtime.Escape", CalleePkg: "runtime", Kind: "call", Mode: "static", Package: "runtime_test", Test: true, FileOK: true},
	} {
		got, ok := recs[[3]any{want.File, want.Line, want.Column}]
		if !ok || got != want {
			t.Errorf("at %s:%d:%d\n got %+v\nwant %+v", want.File, want.Line, want.Column, got, want)
		}
	}
	seen := map[string]bool{}
	for _, r := range recs {
		seen[r.Mode+" "+r.Callee] = true
		if r.Promoted {
			seen["promoted "+r.Callee] = true
		}
	}
	for _, k := range []string{
		"static (*sync/atomic.Pointer[T]).Load",
		"interface (io.Writer).Write",
		"interface (error).Error",
		"promoted (*testing.common).Fatalf",
	} {
		if !seen[k] {
			t.Errorf("no record for %s", k)
		}
	}
}
