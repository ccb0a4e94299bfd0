// goseam API stub of github.com/go-chi/chi/v5 v5.0.x (v5.0.10). Declarations
// only, hand-written from the library's API; bodies are placeholders and are
// never compiled. Unexported fields are elided. See
// engine/src/resolve/stubs.rs.

package chi

import "net/http"

// Mux is a simple HTTP route multiplexer that parses a request path, records
// any URL params, and executes an end handler. It implements the
// http.Handler interface and is friendly with the standard library.
type Mux struct{}

// NewMux returns a newly initialized Mux object that implements the Router
// interface.
func NewMux() *Mux { panic("stub") }

// ServeHTTP is the single method of the http.Handler interface that makes
// Mux interoperable with the standard library.
func (mx *Mux) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

// Use appends a middleware handler to the Mux middleware stack.
func (mx *Mux) Use(middlewares ...func(http.Handler) http.Handler) {}

// Handle adds the route `pattern` that matches any http method to execute
// the `handler` http.Handler.
func (mx *Mux) Handle(pattern string, handler http.Handler) {}

// HandleFunc adds the route `pattern` that matches any http method to
// execute the `handlerFn` http.HandlerFunc.
func (mx *Mux) HandleFunc(pattern string, handlerFn http.HandlerFunc) {}

// Method adds the route `pattern` that matches `method` http method to
// execute the `handler` http.Handler.
func (mx *Mux) Method(method, pattern string, handler http.Handler) {}

// MethodFunc adds the route `pattern` that matches `method` http method to
// execute the `handlerFn` http.HandlerFunc.
func (mx *Mux) MethodFunc(method, pattern string, handlerFn http.HandlerFunc) {}

// Connect adds the route `pattern` that matches a CONNECT http method.
func (mx *Mux) Connect(pattern string, handlerFn http.HandlerFunc) {}

// Delete adds the route `pattern` that matches a DELETE http method.
func (mx *Mux) Delete(pattern string, handlerFn http.HandlerFunc) {}

// Get adds the route `pattern` that matches a GET http method.
func (mx *Mux) Get(pattern string, handlerFn http.HandlerFunc) {}

// Head adds the route `pattern` that matches a HEAD http method.
func (mx *Mux) Head(pattern string, handlerFn http.HandlerFunc) {}

// Options adds the route `pattern` that matches a OPTIONS http method.
func (mx *Mux) Options(pattern string, handlerFn http.HandlerFunc) {}

// Patch adds the route `pattern` that matches a PATCH http method.
func (mx *Mux) Patch(pattern string, handlerFn http.HandlerFunc) {}

// Post adds the route `pattern` that matches a POST http method.
func (mx *Mux) Post(pattern string, handlerFn http.HandlerFunc) {}

// Put adds the route `pattern` that matches a PUT http method.
func (mx *Mux) Put(pattern string, handlerFn http.HandlerFunc) {}

// Trace adds the route `pattern` that matches a TRACE http method.
func (mx *Mux) Trace(pattern string, handlerFn http.HandlerFunc) {}

// NotFound sets a custom http.HandlerFunc for routing paths that could not
// be found. The default 404 handler is `http.NotFound`.
func (mx *Mux) NotFound(handlerFn http.HandlerFunc) {}

// MethodNotAllowed sets a custom http.HandlerFunc for routing paths where
// the method is unresolved.
func (mx *Mux) MethodNotAllowed(handlerFn http.HandlerFunc) {}

// With adds inline middlewares for an endpoint handler.
func (mx *Mux) With(middlewares ...func(http.Handler) http.Handler) Router { panic("stub") }

// Group creates a new inline-Mux with a fresh middleware stack.
func (mx *Mux) Group(fn func(r Router)) Router { panic("stub") }

// Route creates a new Mux with a fresh middleware stack and mounts it along
// the `pattern` as a subrouter.
func (mx *Mux) Route(pattern string, fn func(r Router)) Router { panic("stub") }

// Mount attaches another http.Handler or chi Router as a subrouter along a
// routing path.
func (mx *Mux) Mount(pattern string, handler http.Handler) {}

// Routes returns a slice of routing information from the tree, useful for
// traversing available routes of a router.
func (mx *Mux) Routes() []Route { panic("stub") }

// Middlewares returns a slice of middleware handler functions.
func (mx *Mux) Middlewares() Middlewares { panic("stub") }

// Match searches the routing tree for a handler that matches the
// method/path.
func (mx *Mux) Match(rctx *Context, method, path string) bool { panic("stub") }

// NotFoundHandler returns the default Mux 404 responder whenever a route
// cannot be found.
func (mx *Mux) NotFoundHandler() http.HandlerFunc { panic("stub") }

// MethodNotAllowedHandler returns the default Mux 405 responder whenever a
// method cannot be resolved for a route.
func (mx *Mux) MethodNotAllowedHandler() http.HandlerFunc { panic("stub") }
