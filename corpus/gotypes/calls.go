package main

// Extraction of call sites and function references from a checked package.

import (
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"strings"
)

// record is one output line.
type record struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	Callee    string `json:"callee"`
	CalleePkg string `json:"callee_pkg"`
	Kind      string `json:"kind"`               // "call" or "reference"
	Mode      string `json:"mode"`               // "static", "interface", "dynamic" ("unresolved" only in files with type errors)
	Via       string `json:"via,omitempty"`      // dynamic calls: what the callee expression is
	Promoted  bool   `json:"promoted,omitempty"` // method reached through embedded field(s)
	Caller    string `json:"caller"`             // FullName of the enclosing top-level function; package-level code: "<package>.init"
	Package   string `json:"package"`
	Test      bool   `json:"test"`
	FileOK    bool   `json:"file_ok"`
}

// interner shares the (very repetitive) strings of the records.
type interner map[string]string

func (in interner) s(x string) string {
	if y, ok := in[x]; ok {
		return y
	}
	in[x] = x
	return x
}

// unwrapFun strips parentheses and explicit instantiation (F[int], F[K, V])
// from the function part of a call.
func unwrapFun(e ast.Expr) ast.Expr {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		default:
			return e
		}
	}
}

// calleeIdent returns the identifier naming the callee: the Ident itself, or
// the Sel of a selector expression; nil for anything else.
func calleeIdent(e ast.Expr) *ast.Ident {
	switch x := e.(type) {
	case *ast.Ident:
		return x
	case *ast.SelectorExpr:
		return x.Sel
	}
	return nil
}

// isAbstract reports whether fn is an interface method (including methods of
// type-parameter constraints, which go/types reports as interface methods).
func isAbstract(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	return types.IsInterface(sig.Recv().Type())
}

// modeOf classifies a use of fn (at ident id, maybe selected by sel).
func modeOf(info *types.Info, fn *types.Func, sel *ast.SelectorExpr) string {
	if isAbstract(fn) {
		return "interface"
	}
	if sel != nil {
		if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal && types.IsInterface(s.Recv()) {
			// Defensive: a method value whose receiver is an interface.
			return "interface"
		}
	}
	return "static"
}

// promoted reports whether sel selects a method through embedded fields
// (t.Fatalf -> (*testing.common).Fatalf, s.Lock() with an embedded Mutex).
func promoted(info *types.Info, sel *ast.SelectorExpr) bool {
	if sel == nil {
		return false
	}
	s := info.Selections[sel]
	return s != nil && s.Kind() != types.FieldVal && len(s.Index()) > 1
}

// dynamicVia describes what a dynamic callee is.
func dynamicVia(info *types.Info, pkg *types.Package, fun ast.Expr) string {
	switch x := fun.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		id := calleeIdent(x)
		switch o := info.Uses[id].(type) {
		case *types.Var:
			switch {
			case o.IsField():
				return "field"
			case o.Pkg() != nil && o.Parent() == o.Pkg().Scope():
				return "global"
			default:
				return "local" // local variable, parameter or result
			}
		case nil:
			return "unresolved"
		default:
			return "other"
		}
	case *ast.FuncLit:
		return "funclit"
	case *ast.CallExpr:
		return "result"
	case *ast.IndexExpr:
		return "index"
	case *ast.TypeAssertExpr:
		return "assert"
	case *ast.StarExpr:
		return "deref"
	}
	return "other"
}

// unit is one type-checked unit: a package (GoFiles[+TestGoFiles]) or an
// external test package.
type unit struct {
	path    string // import path ("_test" suffix for xtests)
	pkg     *types.Package
	files   []*ast.File
	info    *types.Info
	badFile map[string]bool // absolute filename -> has type errors
}

// declSpan is the extent of one top-level function declaration.
type declSpan struct {
	pos, end token.Pos
	caller   string
}

// callers returns, for a position in the unit's files, the go/types
// FullName of the enclosing top-level function declaration: pkg.F,
// (*pkg.T).M, (pkg.T).M, (*pkg.G[T]).M for methods of generic types, and
// pkg.init for func init() declarations. Function literals belong to their
// enclosing declaration. Positions outside every function declaration
// (package-level variable initializers) belong to the package initializer,
// "<package>.init" (the unit's path, so P_test.init for external tests).
func callers(u *unit, in interner) func(token.Pos) string {
	var spans []declSpan
	for _, f := range u.files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			name := u.path + "." + fd.Name.Name
			if fn, ok := u.info.Defs[fd.Name].(*types.Func); ok {
				name = fn.FullName()
			}
			spans = append(spans, declSpan{fd.Pos(), fd.End(), in.s(name)})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].pos < spans[j].pos })
	pkgInit := in.s(u.path + ".init")
	return func(pos token.Pos) string {
		// The last declaration starting at or before pos.
		i := sort.Search(len(spans), func(i int) bool { return spans[i].pos > pos }) - 1
		if i >= 0 && pos < spans[i].end {
			return spans[i].caller
		}
		return pkgInit
	}
}

// skipped counts the call expressions that are not call sites.
type skipped struct{ builtins, conversions, callExprs int }

// extract appends the unit's call and reference records to out.
func extract(fset *token.FileSet, srcRoot string, u *unit, in interner, sk *skipped, out []record) []record {
	relCache := map[string]string{}
	rel := func(fn string) string {
		if r, ok := relCache[fn]; ok {
			return r
		}
		r, err := filepath.Rel(srcRoot, fn)
		if err != nil || strings.HasPrefix(r, "..") {
			r = fn
		}
		r = in.s(filepath.ToSlash(r))
		relCache[fn] = r
		return r
	}
	pkgPath := in.s(u.path)
	callerAt := callers(u, in)
	mk := func(pos token.Pos, kind string) record {
		p := fset.Position(pos)
		return record{
			File: rel(p.Filename), Line: p.Line, Column: p.Column,
			Kind: kind, Caller: callerAt(pos), Package: pkgPath,
			Test:   strings.HasSuffix(p.Filename, "_test.go"),
			FileOK: !u.badFile[p.Filename],
		}
	}
	setFunc := func(r *record, fn *types.Func) {
		fn = fn.Origin()
		r.Callee = in.s(fn.FullName())
		if fn.Pkg() != nil {
			r.CalleePkg = in.s(fn.Pkg().Path())
		}
	}
	info := u.info
	callIdents := map[*ast.Ident]bool{}
	for _, f := range u.files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sk.callExprs++
			if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
				sk.conversions++
				return true
			}
			fun := unwrapFun(call.Fun)
			id := calleeIdent(fun)
			if id != nil {
				switch obj := info.Uses[id].(type) {
				case *types.Builtin:
					sk.builtins++
					return true
				case *types.TypeName:
					sk.conversions++ // (belt and braces: info.Types has it)
					return true
				case *types.Func:
					callIdents[id] = true
					r := mk(id.Pos(), "call")
					setFunc(&r, obj)
					sel, _ := fun.(*ast.SelectorExpr)
					r.Mode = modeOf(info, obj, sel)
					r.Promoted = promoted(info, sel)
					out = append(out, r)
					return true
				}
			}
			// Dynamic call. Position: the identifier if the function is a
			// name or selector (f(), s.fn()), else the call's '(' so that
			// g()() gives two distinct positions.
			pos := call.Lparen
			if id != nil {
				pos = id.Pos()
			}
			r := mk(pos, "call")
			r.Mode = "dynamic"
			r.Via = dynamicVia(info, u.pkg, fun)
			if r.Via == "unresolved" {
				r.Mode = "unresolved"
			}
			out = append(out, r)
			return true
		})
	}
	// References: every other use of a function or method identifier.
	// Selector expressions are needed to classify method values.
	selOf := map[*ast.Ident]*ast.SelectorExpr{}
	for _, f := range u.files {
		ast.Inspect(f, func(n ast.Node) bool {
			if s, ok := n.(*ast.SelectorExpr); ok {
				selOf[s.Sel] = s
			}
			return true
		})
	}
	for id, obj := range info.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || callIdents[id] {
			continue
		}
		r := mk(id.Pos(), "reference")
		setFunc(&r, fn)
		r.Mode = modeOf(info, fn, selOf[id])
		r.Promoted = promoted(info, selOf[id])
		out = append(out, r)
	}
	return out
}
