package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSmallRun checks a few GOROOT packages end to end: known call sites, the
// xtest overlay (runtime_test uses runtime.Escape from export_test.go), a
// generic method, an interface call, a promoted method, and the caller of
// calls in functions, methods (value, pointer, generic receiver), function
// literals, func init() and package-level variable initializers.
func TestSmallRun(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "calls.jsonl")
	if err := run(out, "errors,sync/atomic,runtime,io", true, false, 40, "", ""); err != nil {
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
		if r.Caller == "" {
			t.Errorf("record without caller: %+v", r)
		}
		recs[[3]any{r.File, r.Line, r.Column}] = r
		n++
	}
	if n < 1000 {
		t.Fatalf("only %d records", n)
	}
	for _, want := range []record{
		// if errors.New("abc") == errors.New("abc") {
		{File: "errors/errors_test.go", Line: 15, Column: 12, Callee: "errors.New", CalleePkg: "errors", Kind: "call", Mode: "static", Caller: "errors_test.TestNewEqual", Package: "errors_test", Test: true, FileOK: true},
		// check(unsafe.Pointer(runtime.Escape(&notOnStack)), "heap") -- needs the overlay
		{File: "runtime/gc_test.go", Line: 304, Column: 31, Callee: "runtime.Escape", CalleePkg: "runtime", Kind: "call", Mode: "static", Caller: "runtime_test.TestGCTestPointerClass", Package: "runtime_test", Test: true, FileOK: true},
		// var ErrShortWrite = errors.New("short write") -- package initializer
		{File: "io/io.go", Line: 29, Column: 28, Callee: "errors.New", CalleePkg: "errors", Kind: "call", Mode: "static", Caller: "io.init", Package: "io", Test: false, FileOK: true},
		// func init() { ... throw("gcController.heapLive not aligned to 8 bytes") }
		{File: "runtime/mgcpacer.go", Line: 80, Column: 3, Callee: "runtime.throw", CalleePkg: "runtime", Kind: "call", Mode: "static", Caller: "runtime.init", Package: "runtime", Test: false, FileOK: true},
		// func init() { if os.Getenv("GO_TEST_RUNTIME_PANIC") == "1" { -- in an external test
		{File: "runtime/crash_test.go", Line: 736, Column: 8, Callee: "os.Getenv", CalleePkg: "os", Kind: "call", Mode: "static", Caller: "runtime_test.init", Package: "runtime_test", Test: true, FileOK: true},
		// systemstack(func() { finishsweep_m() }) in gcStart -- a function literal
		{File: "runtime/mgc.go", Line: 668, Column: 3, Callee: "runtime.finishsweep_m", CalleePkg: "runtime", Kind: "call", Mode: "static", Caller: "runtime.gcStart", Package: "runtime", Test: false, FileOK: true},
		// func (x *Pointer[T]) Load() *T { return (*T)(LoadPointer(&x.v)) } -- generic receiver
		{File: "sync/atomic/type.go", Line: 50, Column: 46, Callee: "sync/atomic.LoadPointer", CalleePkg: "sync/atomic", Kind: "call", Mode: "static", Caller: "(*sync/atomic.Pointer[T]).Load", Package: "sync/atomic", Test: false, FileOK: true},
		// func (discard) ReadFrom(r Reader) ... r.Read(*bufp) -- value receiver, interface call
		{File: "io/io.go", Line: 611, Column: 21, Callee: "(io.Reader).Read", CalleePkg: "io", Kind: "call", Mode: "interface", Caller: "(io.discard).ReadFrom", Package: "io", Test: false, FileOK: true},
	} {
		got, ok := recs[[3]any{want.File, want.Line, want.Column}]
		if !ok || got != want {
			t.Errorf("at %s:%d:%d\n got %+v\nwant %+v", want.File, want.Line, want.Column, got, want)
		}
	}
	// The list of checked files (default: OUT.files.txt) holds every file
	// with a record, and files without any (errors/wrap.go has calls; a
	// file of constants has none).
	list, err := os.ReadFile(filepath.Join(dir, "calls.files.txt"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, fn := range strings.Split(strings.TrimSpace(string(list)), "\n") {
		listed[fn] = true
	}
	for _, fn := range []string{"errors/wrap.go", "errors/errors_test.go", "runtime/export_test.go", "io/io.go"} {
		if !listed[fn] {
			t.Errorf("%s not in the list of checked files", fn)
		}
	}
	if listed["runtime/os_windows.go"] {
		t.Errorf("runtime/os_windows.go listed (build constraints are linux/amd64)")
	}
	seen := map[string]bool{}
	for _, r := range recs {
		if !listed[r.File] {
			t.Errorf("record in a file not listed as checked: %+v", r)
		}
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
