// goseam API stub of github.com/go-chi/chi/v5 v5.0.x (v5.0.10). Declarations
// only, hand-written from the library's API; bodies are placeholders and are
// never compiled. Unexported fields are elided. See
// engine/src/resolve/stubs.rs.

package chi

import "net/http"

// RegisterMethod adds support for custom HTTP method handlers, available via
// Router#Method and Router#MethodFunc.
func RegisterMethod(method string) {}

// Route describes the details of a routing handler. Handlers map key is an
// HTTP method.
type Route struct {
	SubRoutes Routes
	Handlers  map[string]http.Handler
	Pattern   string
}

// WalkFunc is the type of the function called for each method and route
// visited by Walk.
type WalkFunc func(method string, route string, handler http.Handler, middlewares ...func(http.Handler) http.Handler) error

// Walk walks any router tree that implements Routes interface.
func Walk(r Routes, walkFn WalkFunc) error { panic("stub") }
