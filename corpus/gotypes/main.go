// Command gotypes is the ground truth for goseam's call resolution: it
// type-checks Go packages of the GOROOT tree (by default std and cmd, with
// their tests) with go/types and prints every call site and every function
// reference with its callee as go/types resolves it.
//
//	go run ./corpus/gotypes [-o OUT.jsonl] [-pkgs std,cmd] [-tests=true] [-stats] [-unchecked FILE] [-files FILE]
//
// The build configuration is forced to GOOS=linux GOARCH=amd64 CGO_ENABLED=0.
// See README.md for the output format.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"
)

func main() {
	out := flag.String("o", "", "write JSONL to this file instead of stdout")
	pkgsFlag := flag.String("pkgs", "std,cmd", "comma-separated go list patterns (resolved in GOROOT/src)")
	tests := flag.Bool("tests", true, "also check _test.go files (in-package and external tests)")
	stats := flag.Bool("stats", false, "print a table of the most-called callees on stdout instead of JSONL (JSONL still goes to -o if given)")
	top := flag.Int("top", 40, "rows per table with -stats")
	overlay := flag.Bool("xtest-overlay", true, "type-check external tests against the in-package test variant (export_test.go visible); false reproduces the plain source importer's view")
	unchecked := flag.String("unchecked", "", "write the report of files with type errors (JSONL) here; default: OUT.unchecked.jsonl next to -o, else none (stderr lists them)")
	files := flag.String("files", "", "write the list of checked files (paths relative to GOROOT/src, one a line, sorted) here; default: OUT.files.txt next to -o, else none")
	flag.Parse()
	useOverlay = *overlay
	if err := run(*out, *pkgsFlag, *tests, *stats, *top, *unchecked, *files); err != nil {
		fmt.Fprintln(os.Stderr, "gotypes:", err)
		os.Exit(1)
	}
}

var useOverlay = true

// fileProblem is a line of the "unchecked" report.
type fileProblem struct {
	File    string   `json:"file"`
	Package string   `json:"package"`
	Test    bool     `json:"test"`
	Errors  []string `json:"errors"`
}

func run(outPath, pkgsFlag string, tests, stats bool, top int, uncheckedPath, filesPath string) error {
	start := time.Now()
	goroot, err := goEnvGOROOT()
	if err != nil {
		return err
	}
	srcRoot := filepath.Join(goroot, "src")
	// Output paths are relative to GOROOT/src; go list reports directories
	// with symlinks resolved (on Debian GOROOT/src -> /usr/share/go-1.19/src).
	relRoot, err := filepath.EvalSymlinks(srcRoot)
	if err != nil {
		return err
	}
	var patterns []string
	for _, p := range strings.Split(pkgsFlag, ",") {
		if p = strings.TrimSpace(p); p != "" {
			patterns = append(patterns, p)
		}
	}
	listed, err := goList(srcRoot, patterns)
	if err != nil {
		return err
	}
	l := newLoader(goroot, listed)
	var targets []*listPkg
	for _, p := range listed {
		if !p.DepOnly {
			targets = append(targets, p)
		}
	}
	sort.Slice(targets, func(i, j int) bool { return targets[i].ImportPath < targets[j].ImportPath })
	fmt.Fprintf(os.Stderr, "gotypes: GOROOT=%s, %d packages listed, %d to check (go list took %v)\n",
		goroot, len(listed), len(targets), time.Since(start).Round(time.Millisecond))

	in := interner{}
	var recs []record
	var problems []fileProblem
	var checkedFiles []string
	var nUnits, nFiles, nBadFiles int
	var listErrs []string
	var sk skipped

	checkUnit := func(path string, p *listPkg, names []string, imp types.ImporterFrom) *types.Package {
		nUnits++
		abs := absFiles(l.canonDir(p.Dir), names)
		files, perrs := l.parseFiles(abs)
		errsByFile := map[string][]string{}
		for _, e := range perrs {
			fn := e.Error()
			if i := strings.Index(fn, ":"); i > 0 {
				fn = fn[:i]
			}
			errsByFile[fn] = append(errsByFile[fn], e.Error())
		}
		info := &types.Info{
			Types:      map[ast.Expr]types.TypeAndValue{},
			Uses:       map[*ast.Ident]types.Object{},
			Defs:       map[*ast.Ident]types.Object{},
			Selections: map[*ast.SelectorExpr]*types.Selection{},
		}
		conf := types.Config{
			Context:  l.tctx,
			Importer: imp,
			Sizes:    l.sizes,
			Error: func(err error) {
				fn := "?"
				if te, ok := err.(types.Error); ok {
					fn = te.Fset.Position(te.Pos).Filename
				}
				errsByFile[fn] = append(errsByFile[fn], err.Error())
			},
		}
		pkg, _ := conf.Check(path, l.fset, files, info)
		u := &unit{path: path, pkg: pkg, files: files, info: info, badFile: map[string]bool{}}
		for fn, errs := range errsByFile {
			u.badFile[fn] = true
			rel, _ := filepath.Rel(relRoot, fn)
			problems = append(problems, fileProblem{File: filepath.ToSlash(rel), Package: path, Test: strings.HasSuffix(fn, "_test.go"), Errors: errs})
		}
		nFiles += len(files)
		for _, fn := range abs {
			rel, _ := filepath.Rel(relRoot, fn)
			checkedFiles = append(checkedFiles, filepath.ToSlash(rel))
		}
		nBadFiles += len(errsByFile)
		recs = extract(l.fset, relRoot, u, in, &sk, recs)
		return pkg
	}

	for i, p := range targets {
		if p.Error != nil {
			listErrs = append(listErrs, p.ImportPath+": "+p.Error.Err)
		}
		if len(p.CgoFiles) > 0 {
			listErrs = append(listErrs, p.ImportPath+": has CgoFiles despite CGO_ENABLED=0 (skipped)")
		}
		names := append([]string{}, p.GoFiles...)
		if tests {
			names = append(names, p.TestGoFiles...)
		}
		var variant *types.Package
		if len(names) > 0 {
			variant = checkUnit(p.ImportPath, p, names, l.global)
		}
		if tests && len(p.XTestGoFiles) > 0 {
			imp := l.global
			if useOverlay && len(p.TestGoFiles) > 0 && variant != nil {
				// The xtest sees P with its _test.go files (export_test.go).
				imp = &layer{l: l, pkgs: map[string]*types.Package{}, parent: l.global,
					override: map[string]*types.Package{p.ImportPath: variant}}
			}
			checkUnit(p.ImportPath+"_test", p, p.XTestGoFiles, imp)
		}
		if (i+1)%50 == 0 {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			fmt.Fprintf(os.Stderr, "gotypes: %d/%d packages, %d records, %v, heap %d MiB\n",
				i+1, len(targets), len(recs), time.Since(start).Round(time.Second), ms.HeapAlloc>>20)
		}
	}

	sort.Slice(recs, func(i, j int) bool {
		a, b := &recs[i], &recs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Callee != b.Callee {
			return a.Callee < b.Callee
		}
		return a.Kind < b.Kind
	})
	sort.Slice(problems, func(i, j int) bool { return problems[i].File < problems[j].File })

	// JSONL output.
	if outPath != "" || !stats {
		var w io.Writer = os.Stdout
		var f *os.File
		if outPath != "" {
			if f, err = os.Create(outPath); err != nil {
				return err
			}
			w = f
		}
		bw := bufio.NewWriterSize(w, 1<<20)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		for i := range recs {
			if err := enc.Encode(&recs[i]); err != nil {
				return err
			}
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		if f != nil {
			if err := f.Close(); err != nil {
				return err
			}
		}
	}
	if uncheckedPath == "" && outPath != "" {
		uncheckedPath = strings.TrimSuffix(outPath, ".jsonl") + ".unchecked.jsonl"
	}
	if uncheckedPath != "" {
		if err := writeJSONL(uncheckedPath, problems); err != nil {
			return err
		}
	}
	if filesPath == "" && outPath != "" {
		filesPath = strings.TrimSuffix(outPath, ".jsonl") + ".files.txt"
	}
	if filesPath != "" {
		sort.Strings(checkedFiles)
		if err := os.WriteFile(filesPath, []byte(strings.Join(checkedFiles, "\n")+"\n"), 0o666); err != nil {
			return err
		}
	}
	if stats {
		printStats(os.Stdout, recs, top)
	}

	// Summary.
	byMode := map[string]int{}
	refs, refsByMode := 0, map[string]int{}
	badCalls := 0
	for i := range recs {
		r := &recs[i]
		if r.Kind == "call" {
			byMode[r.Mode]++
			if !r.FileOK {
				badCalls++
			}
		} else {
			refs++
			refsByMode[r.Mode]++
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	e := os.Stderr
	fmt.Fprintf(e, "gotypes: packages checked: %d (%d type-check units incl. external tests)\n", len(targets), nUnits)
	fmt.Fprintf(e, "gotypes: files: %d, files with type errors: %d\n", nFiles, nBadFiles)
	fmt.Fprintf(e, "gotypes: calls: %d (static %d, interface %d, dynamic %d, unresolved %d; %d in files with errors)\n",
		byMode["static"]+byMode["interface"]+byMode["dynamic"]+byMode["unresolved"],
		byMode["static"], byMode["interface"], byMode["dynamic"], byMode["unresolved"], badCalls)
	fmt.Fprintf(e, "gotypes: call expressions: %d = calls + %d builtin calls + %d conversions (skipped)\n", sk.callExprs, sk.builtins, sk.conversions)
	fmt.Fprintf(e, "gotypes: references: %d (static %d, interface %d)\n", refs, refsByMode["static"], refsByMode["interface"])
	fmt.Fprintf(e, "gotypes: imported-package checks (no bodies, incl. xtest overlays): %d; go/build fallbacks: %d\n", l.importChecks, len(l.buildFallbacks))
	if len(l.importErrs) > 0 {
		fmt.Fprintf(e, "gotypes: %d imported packages had type errors:\n", len(l.importErrs))
		var ks []string
		for k := range l.importErrs {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		for _, k := range ks {
			fmt.Fprintf(e, "  %s: %d errors, first: %s\n", k, len(l.importErrs[k]), l.importErrs[k][0])
		}
	}
	for _, s := range listErrs {
		fmt.Fprintf(e, "gotypes: go list: %s\n", s)
	}
	if uncheckedPath == "" {
		for _, p := range problems {
			fmt.Fprintf(e, "gotypes: unchecked %s (%s): %d errors, first: %s\n", p.File, p.Package, len(p.Errors), p.Errors[0])
		}
	}
	fmt.Fprintf(e, "gotypes: elapsed %v, peak heap (Sys) %d MiB\n", time.Since(start).Round(time.Millisecond), ms.Sys>>20)
	return nil
}

func writeJSONL[T any](path string, xs []T) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range xs {
		if err := enc.Encode(&xs[i]); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// printStats prints, for static and interface calls, the most-called callees
// with their call and reference counts, plus a breakdown of dynamic calls.
func printStats(w io.Writer, recs []record, top int) {
	type key struct{ callee, mode string }
	calls, refs := map[key]int{}, map[key]int{}
	dyn := map[string]int{}
	for i := range recs {
		r := &recs[i]
		switch {
		case r.Kind == "reference":
			refs[key{r.Callee, r.Mode}]++
		case r.Mode == "static" || r.Mode == "interface":
			calls[key{r.Callee, r.Mode}]++
		default:
			dyn[r.Mode+"/"+r.Via]++
		}
	}
	for _, mode := range []string{"static", "interface"} {
		var ks []key
		for k := range calls {
			if k.mode == mode {
				ks = append(ks, k)
			}
		}
		sort.Slice(ks, func(i, j int) bool {
			if calls[ks[i]] != calls[ks[j]] {
				return calls[ks[i]] > calls[ks[j]]
			}
			return ks[i].callee < ks[j].callee
		})
		if len(ks) > top {
			ks = ks[:top]
		}
		fmt.Fprintf(w, "## %s calls: top %d callees\n", mode, len(ks))
		fmt.Fprintf(w, "%8s %8s  %s\n", "calls", "refs", "callee")
		for _, k := range ks {
			fmt.Fprintf(w, "%8d %8d  %s\n", calls[k], refs[k], k.callee)
		}
		fmt.Fprintln(w)
	}
	var ds []string
	for k := range dyn {
		ds = append(ds, k)
	}
	sort.Slice(ds, func(i, j int) bool { return dyn[ds[i]] > dyn[ds[j]] })
	fmt.Fprintln(w, "## dynamic calls by callee expression")
	for _, k := range ds {
		fmt.Fprintf(w, "%8d  %s\n", dyn[k], k)
	}
}
