// goseam API stub of github.com/go-chi/chi/v5 v5.0.x (v5.0.10). A minimal
// subset of the routing context. Declarations only, hand-written from the
// library's API; bodies are placeholders and are never compiled. Unexported
// fields are elided. See engine/src/resolve/stubs.rs.

package chi

import (
	"context"
	"net/http"
)

// URLParam returns the url parameter from a http.Request object.
func URLParam(r *http.Request, key string) string { panic("stub") }

// URLParamFromCtx returns the url parameter from a http.Request Context.
func URLParamFromCtx(ctx context.Context, key string) string { panic("stub") }

// RouteContext returns chi's routing Context object from a http.Request
// Context.
func RouteContext(ctx context.Context) *Context { panic("stub") }

// NewRouteContext returns a new routing Context object.
func NewRouteContext() *Context { panic("stub") }

// RouteCtxKey is the context.Context key to store the request context.
var RouteCtxKey = &contextKey{}

// Context is the default routing context set on the root node of a request
// context to track route patterns, URL parameters and an optional routing
// path.
type Context struct {
	Routes Routes

	// Routing path/method override used during the route search.
	RoutePath   string
	RouteMethod string

	// URLParams are the stack of routeParams captured during the routing
	// lifecycle across a stack of sub-routers.
	URLParams RouteParams

	// Routing pattern stack throughout the lifecycle of the request, across
	// all connected routers.
	RoutePatterns []string
}

// Reset a routing context to its initial state.
func (x *Context) Reset() {}

// URLParam returns the corresponding URL parameter value from the request
// routing context.
func (x *Context) URLParam(key string) string { panic("stub") }

// RoutePattern builds the routing pattern string for the particular request,
// at the particular point during routing.
func (x *Context) RoutePattern() string { panic("stub") }

// RouteParams is a structure to track URL routing parameters efficiently.
type RouteParams struct {
	Keys, Values []string
}

// Add will append a URL parameter to the end of the route param.
func (s *RouteParams) Add(key, value string) {}

// contextKey is a value for use with context.WithValue.
type contextKey struct{}

func (k *contextKey) String() string { panic("stub") }
