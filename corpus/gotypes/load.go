package main

// Package listing (go list) and the importer used for every type-check.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// forcedEnv is the build configuration of the ground truth. It is applied to
// `go list` and to the go/build context used for import resolution fallbacks.
var forcedEnv = []string{"GOOS=linux", "GOARCH=amd64", "CGO_ENABLED=0", "GOFLAGS=", "GOWORK=off", "GO111MODULE="}

// listPkg is the subset of `go list -json` output that we use.
type listPkg struct {
	Dir          string
	ImportPath   string
	Name         string
	Goroot       bool
	Standard     bool
	DepOnly      bool
	GoFiles      []string
	CgoFiles     []string
	TestGoFiles  []string
	XTestGoFiles []string
	Imports      []string
	ImportMap    map[string]string
	Deps         []string
	Incomplete   bool
	Error        *struct{ Err string }
	DepsErrors   []*struct{ Err string }

	depSet map[string]bool
}

func withEnv(cmd *exec.Cmd) {
	env := os.Environ()
	env = append(env, forcedEnv...) // later entries win in os/exec
	cmd.Env = env
}

// goEnvGOROOT returns `go env GOROOT`.
func goEnvGOROOT() (string, error) {
	cmd := exec.Command("go", "env", "GOROOT")
	cmd.Dir = os.TempDir() // no go.mod of the caller may interfere
	withEnv(cmd)
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// goList runs `go list -e -json -deps PATTERNS` from GOROOT/src and returns the
// packages in the order go list prints them. Packages matched by the patterns
// have DepOnly == false.
func goList(srcRoot string, patterns []string) ([]*listPkg, error) {
	args := append([]string{"list", "-e", "-json", "-deps"}, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = srcRoot
	withEnv(cmd)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var pkgs []*listPkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(listPkg)
		if err := dec.Decode(p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("decoding go list output: %w", err)
		}
		p.depSet = make(map[string]bool, len(p.Deps))
		for _, d := range p.Deps {
			p.depSet[d] = true
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// resolved is an import resolved to a package: its canonical import path (as
// the go command and go/types name it, e.g. "vendor/golang.org/x/net/idna"),
// directory and compiled Go files.
type resolved struct {
	path  string
	dir   string
	files []string // absolute
	// deps is the set of canonical paths the package transitively imports:
	// from go list (Deps) or, for packages found via go/build, computed
	// lazily from imports.
	deps    map[string]bool
	imports []string
}

// loader owns the shared state of the whole run: the file set, the go list
// data, the go/build context used as fallback, and the cache of imported
// packages (checked from source without function bodies).
type loader struct {
	fset    *token.FileSet
	ctxt    build.Context
	sizes   types.Sizes
	tctx    *types.Context
	byPath  map[string]*listPkg
	byDir   map[string]*listPkg
	resolve map[[2]string]*resolved // (path, srcDir) -> package
	canon   map[string]string       // directory -> symlink-free directory
	realSrc string                  // GOROOT/src with symlinks resolved
	global  *layer

	// statistics and problems
	importChecks   int                 // number of imported-package type-checks (all layers)
	importErrs     map[string][]string // canonical path -> errors while checking it as an import
	buildFallbacks map[string]string   // import path -> how it was resolved via go/build
}

func newLoader(goroot string, pkgs []*listPkg) *loader {
	ctxt := build.Default
	ctxt.GOROOT = goroot
	ctxt.GOOS, ctxt.GOARCH, ctxt.CgoEnabled = "linux", "amd64", false
	l := &loader{
		fset:           token.NewFileSet(),
		ctxt:           ctxt,
		sizes:          types.SizesFor("gc", "amd64"),
		tctx:           types.NewContext(),
		byPath:         map[string]*listPkg{},
		byDir:          map[string]*listPkg{},
		resolve:        map[[2]string]*resolved{},
		canon:          map[string]string{},
		importErrs:     map[string][]string{},
		buildFallbacks: map[string]string{},
	}
	l.realSrc = l.canonDir(filepath.Join(goroot, "src"))
	for _, p := range pkgs {
		l.byPath[p.ImportPath] = p
		l.byDir[l.canonDir(p.Dir)] = p
	}
	l.global = &layer{l: l, pkgs: map[string]*types.Package{}}
	return l
}

func absFiles(dir string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(dir, n)
	}
	return out
}

// resolveImport maps an import path seen in a file of directory srcDir to a
// package. It uses the go list data (ImportMap of the importing package, which
// encodes std's and cmd's vendor directories) and falls back to go/build with
// the forced GOOS/GOARCH/CGO_ENABLED (needed for imports that only test files
// make, which -deps does not list; go/build applies the same GOROOT vendor
// rules as the go command).
func (l *loader) resolveImport(path, srcDir string) (*resolved, error) {
	key := [2]string{path, srcDir}
	if r, ok := l.resolve[key]; ok {
		return r, nil
	}
	canon := path
	srcDir = l.canonDir(srcDir)
	if imp := l.byDir[srcDir]; imp != nil {
		if m, ok := imp.ImportMap[path]; ok {
			canon = m
		}
	}
	var r *resolved
	if p := l.byPath[canon]; p != nil {
		r = &resolved{path: p.ImportPath, dir: l.canonDir(p.Dir), files: absFiles(p.Dir, append(append([]string{}, p.GoFiles...), p.CgoFiles...)), deps: p.depSet}
	} else {
		// go/build applies GOROOT vendor directories only when srcDir is
		// spelled under ctxt.GOROOT, so undo the symlink resolution.
		bsrc := srcDir
		if rel, err := filepath.Rel(l.realSrc, srcDir); err == nil && !strings.HasPrefix(rel, "..") {
			bsrc = filepath.Join(l.ctxt.GOROOT, "src", rel)
		}
		bp, err := l.ctxt.Import(path, bsrc, 0)
		if err != nil {
			return nil, err
		}
		r = &resolved{path: bp.ImportPath, dir: l.canonDir(bp.Dir), files: absFiles(bp.Dir, append(append([]string{}, bp.GoFiles...), bp.CgoFiles...)), imports: bp.Imports}
		if p := l.byPath[bp.ImportPath]; p != nil {
			r.deps = p.depSet
		}
		l.buildFallbacks[path+" from "+srcDir] = bp.ImportPath
	}
	l.resolve[key] = r
	return r, nil
}

// depsOf returns the transitive imports of r (canonical paths).
func (l *loader) depsOf(r *resolved) map[string]bool {
	if r.deps != nil {
		return r.deps
	}
	r.deps = map[string]bool{}
	for _, imp := range r.imports {
		if imp == "C" || imp == "unsafe" {
			continue
		}
		ri, err := l.resolveImport(imp, r.dir)
		if err != nil {
			continue
		}
		r.deps[ri.path] = true
		for d := range l.depsOf(ri) {
			r.deps[d] = true
		}
	}
	return r.deps
}

// canonDir resolves symlinks in a directory name (GOROOT/src may be a
// symlink: go list reports resolved directories, go/build does not).
func (l *loader) canonDir(dir string) string {
	if c, ok := l.canon[dir]; ok {
		return c
	}
	c, err := filepath.EvalSymlinks(dir)
	if err != nil {
		c = dir
	}
	l.canon[dir] = c
	return c
}

func (l *loader) parseFiles(files []string) ([]*ast.File, []error) {
	var out []*ast.File
	var errs []error
	for _, fn := range files {
		f, err := parser.ParseFile(l.fset, fn, nil, parser.SkipObjectResolution)
		if err != nil {
			errs = append(errs, err)
		}
		if f != nil {
			out = append(out, f)
		}
	}
	return out, errs
}

// importing is the sentinel for a package being imported (cycle detection).
var importing = types.NewPackage("<importing>", "<importing>")

// A layer is a types.ImporterFrom with its own package cache. The global
// layer serves all plain imports. An overlay layer is used for an external
// test package (P_test): it returns P's in-package test variant (GoFiles +
// TestGoFiles, so export_test.go symbols are visible) for P, and re-checks
// every imported package that depends on P against that variant (exactly what
// the go command does when it builds "Q [P.test]"); packages that do not
// depend on P come from the global layer.
type layer struct {
	l        *loader
	pkgs     map[string]*types.Package
	override map[string]*types.Package // canonical path -> package to return
	parent   *layer
}

func (ly *layer) Import(path string) (*types.Package, error) {
	return nil, errors.New("Import without srcDir is not supported")
}

func (ly *layer) ImportFrom(path, srcDir string, mode types.ImportMode) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if path == "C" {
		return nil, errors.New(`import "C" (cgo) is not supported with CGO_ENABLED=0`)
	}
	r, err := ly.l.resolveImport(path, srcDir)
	if err != nil {
		return nil, err
	}
	if r.path == "unsafe" {
		return types.Unsafe, nil
	}
	return ly.load(r)
}

// owner returns the layer whose cache holds r.
func (ly *layer) owner(r *resolved) *layer {
	for cur := ly; cur != nil; cur = cur.parent {
		if cur.parent == nil {
			return cur
		}
		for o := range cur.override {
			if cur.l.depsOf(r)[o] {
				// r depends on an overridden package: re-check it here.
				return cur
			}
		}
	}
	return ly
}

func (ly *layer) load(r *resolved) (*types.Package, error) {
	for cur := ly; cur != nil; cur = cur.parent {
		if p := cur.override[r.path]; p != nil {
			return p, nil
		}
	}
	own := ly.owner(r)
	if p := own.pkgs[r.path]; p != nil {
		if p == importing {
			return nil, fmt.Errorf("import cycle through package %q", r.path)
		}
		return p, nil
	}
	own.pkgs[r.path] = importing
	files, perrs := ly.l.parseFiles(r.files)
	var errs []string
	for _, e := range perrs {
		errs = append(errs, e.Error())
	}
	conf := types.Config{
		Context:          ly.l.tctx,
		IgnoreFuncBodies: true,
		Importer:         own, // imports of a package live in its layer or below
		Sizes:            ly.l.sizes,
		Error:            func(err error) { errs = append(errs, err.Error()) },
	}
	ly.l.importChecks++
	pkg, _ := conf.Check(r.path, ly.l.fset, files, nil)
	if len(errs) > 0 && own == ly.l.global {
		ly.l.importErrs[r.path] = errs
	}
	// Keep the package even if it has errors: dependents get fewer follow-on
	// errors, and the errors are reported (as import errors) anyway.
	own.pkgs[r.path] = pkg
	return pkg, nil
}
