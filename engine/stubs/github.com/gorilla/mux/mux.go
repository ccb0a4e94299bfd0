// goseam API stub of github.com/gorilla/mux v1.8.x (v1.8.1). Declarations
// only, hand-written from the library's API; bodies are placeholders and are
// never compiled. Unexported fields are elided. See
// engine/src/resolve/stubs.rs.

// Package mux implements a request router and dispatcher.
package mux

import (
	"errors"
	"net/http"
)

var (
	// ErrMethodMismatch is returned when the method in the request does not
	// match the method defined against the route.
	ErrMethodMismatch = errors.New("method is not allowed")
	// ErrNotFound is returned when no route match is found.
	ErrNotFound = errors.New("no matching route was found")
)

// NewRouter returns a new router instance.
func NewRouter() *Router { panic("stub") }

// Router registers routes to be matched and dispatches a handler.
type Router struct {
	// Configurable Handler to be used when no route matches.
	NotFoundHandler http.Handler

	// Configurable Handler to be used when the request method does not
	// match the route.
	MethodNotAllowedHandler http.Handler

	// Deprecated: No effect, since the context is stored on the request
	// itself.
	KeepContext bool
}

// Match attempts to match the given request against the router's
// registered routes.
func (r *Router) Match(req *http.Request, match *RouteMatch) bool { panic("stub") }

// ServeHTTP dispatches the handler registered in the matched route.
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {}

// Get returns a route registered with the given name.
func (r *Router) Get(name string) *Route { panic("stub") }

// GetRoute returns a route registered with the given name.
func (r *Router) GetRoute(name string) *Route { panic("stub") }

// StrictSlash defines the trailing slash behavior for new routes.
func (r *Router) StrictSlash(value bool) *Router { panic("stub") }

// SkipClean defines the path cleaning behaviour for new routes.
func (r *Router) SkipClean(value bool) *Router { panic("stub") }

// UseEncodedPath tells the router to match the encoded original path to the
// routes.
func (r *Router) UseEncodedPath() *Router { panic("stub") }

// NewRoute registers an empty route.
func (r *Router) NewRoute() *Route { panic("stub") }

// Name registers a new route with a name.
func (r *Router) Name(name string) *Route { panic("stub") }

// Handle registers a new route with a matcher for the URL path.
func (r *Router) Handle(path string, handler http.Handler) *Route { panic("stub") }

// HandleFunc registers a new route with a matcher for the URL path.
func (r *Router) HandleFunc(path string, f func(http.ResponseWriter,
	*http.Request)) *Route {
	panic("stub")
}

// Headers registers a new route with a matcher for request header values.
func (r *Router) Headers(pairs ...string) *Route { panic("stub") }

// Host registers a new route with a matcher for the URL host.
func (r *Router) Host(tpl string) *Route { panic("stub") }

// MatcherFunc registers a new route with a custom matcher function.
func (r *Router) MatcherFunc(f MatcherFunc) *Route { panic("stub") }

// Methods registers a new route with a matcher for HTTP methods.
func (r *Router) Methods(methods ...string) *Route { panic("stub") }

// Path registers a new route with a matcher for the URL path.
func (r *Router) Path(tpl string) *Route { panic("stub") }

// PathPrefix registers a new route with a matcher for the URL path prefix.
func (r *Router) PathPrefix(tpl string) *Route { panic("stub") }

// Queries registers a new route with a matcher for URL query values.
func (r *Router) Queries(pairs ...string) *Route { panic("stub") }

// Schemes registers a new route with a matcher for URL schemes.
func (r *Router) Schemes(schemes ...string) *Route { panic("stub") }

// BuildVarsFunc registers a new route with a custom function for modifying
// route variables before building a URL.
func (r *Router) BuildVarsFunc(f BuildVarsFunc) *Route { panic("stub") }

// Walk walks the router and all its sub-routers, calling walkFn for each
// route in the tree.
func (r *Router) Walk(walkFn WalkFunc) error { panic("stub") }

// SkipRouter is used as a return value from WalkFuncs to indicate that the
// router that walk is about to descend down to should be skipped.
var SkipRouter = errors.New("skip this router")

// WalkFunc is the type of the function called for each route visited by
// Walk.
type WalkFunc func(route *Route, router *Router, ancestors []*Route) error

// RouteMatch stores information about a matched route.
type RouteMatch struct {
	Route   *Route
	Handler http.Handler
	Vars    map[string]string

	// MatchErr is set to appropriate matching error.
	MatchErr error
}

// Vars returns the route variables for the current request, if any.
func Vars(r *http.Request) map[string]string { panic("stub") }

// CurrentRoute returns the matched route for the current request, if any.
func CurrentRoute(r *http.Request) *Route { panic("stub") }
