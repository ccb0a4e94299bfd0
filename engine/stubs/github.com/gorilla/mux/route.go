// goseam API stub of github.com/gorilla/mux v1.8.x (v1.8.1). Declarations
// only, hand-written from the library's API; bodies are placeholders and are
// never compiled. Unexported fields are elided. See
// engine/src/resolve/stubs.rs.

package mux

import (
	"net/http"
	"net/url"
)

// Route stores information to match a request and build URLs.
type Route struct{}

// SkipClean reports whether path cleaning is enabled for this route via
// Router.SkipClean.
func (r *Route) SkipClean() bool { panic("stub") }

// Match matches the route against the request.
func (r *Route) Match(req *http.Request, match *RouteMatch) bool { panic("stub") }

// GetError returns an error resulted from building the route, if any.
func (r *Route) GetError() error { panic("stub") }

// BuildOnly sets the route to never match: it is only used to build URLs.
func (r *Route) BuildOnly() *Route { panic("stub") }

// Handler sets a handler for the route.
func (r *Route) Handler(handler http.Handler) *Route { panic("stub") }

// HandlerFunc sets a handler function for the route.
func (r *Route) HandlerFunc(f func(http.ResponseWriter, *http.Request)) *Route { panic("stub") }

// GetHandler returns the handler for the route, if any.
func (r *Route) GetHandler() http.Handler { panic("stub") }

// Name sets the name for the route, used to build URLs.
func (r *Route) Name(name string) *Route { panic("stub") }

// GetName returns the name for the route, if any.
func (r *Route) GetName() string { panic("stub") }

// Headers adds a matcher for request header values.
func (r *Route) Headers(pairs ...string) *Route { panic("stub") }

// HeadersRegexp accepts a sequence of key/value pairs, where the value has
// regex support.
func (r *Route) HeadersRegexp(pairs ...string) *Route { panic("stub") }

// Host adds a matcher for the URL host.
func (r *Route) Host(tpl string) *Route { panic("stub") }

// MatcherFunc is the function signature used by custom matchers.
type MatcherFunc func(*http.Request, *RouteMatch) bool

// Match returns the match for a given request.
func (m MatcherFunc) Match(r *http.Request, match *RouteMatch) bool { panic("stub") }

// MatcherFunc adds a custom function to be used as request matcher.
func (r *Route) MatcherFunc(f MatcherFunc) *Route { panic("stub") }

// Methods adds a matcher for HTTP methods.
func (r *Route) Methods(methods ...string) *Route { panic("stub") }

// Path adds a matcher for the URL path.
func (r *Route) Path(tpl string) *Route { panic("stub") }

// PathPrefix adds a matcher for the URL path prefix.
func (r *Route) PathPrefix(tpl string) *Route { panic("stub") }

// Queries adds a matcher for URL query values.
func (r *Route) Queries(pairs ...string) *Route { panic("stub") }

// Schemes adds a matcher for URL schemes.
func (r *Route) Schemes(schemes ...string) *Route { panic("stub") }

// BuildVarsFunc is the function signature used by custom build variable
// functions.
type BuildVarsFunc func(map[string]string) map[string]string

// BuildVarsFunc adds a custom function to be used to modify build variables
// before a route's URL is built.
func (r *Route) BuildVarsFunc(f BuildVarsFunc) *Route { panic("stub") }

// Subrouter creates a subrouter for the route.
func (r *Route) Subrouter() *Router { panic("stub") }

// URL builds a URL for the route.
func (r *Route) URL(pairs ...string) (*url.URL, error) { panic("stub") }

// URLHost builds the host part of the URL for a route.
func (r *Route) URLHost(pairs ...string) (*url.URL, error) { panic("stub") }

// URLPath builds the path part of the URL for a route.
func (r *Route) URLPath(pairs ...string) (*url.URL, error) { panic("stub") }

// GetPathTemplate returns the template used to build the route match.
func (r *Route) GetPathTemplate() (string, error) { panic("stub") }

// GetPathRegexp returns the expanded regular expression used to match route
// path.
func (r *Route) GetPathRegexp() (string, error) { panic("stub") }

// GetQueriesRegexp returns the expanded regular expressions used to match
// the route queries.
func (r *Route) GetQueriesRegexp() ([]string, error) { panic("stub") }

// GetQueriesTemplates returns the templates used to build the query
// matching.
func (r *Route) GetQueriesTemplates() ([]string, error) { panic("stub") }

// GetMethods returns the methods the route matches against.
func (r *Route) GetMethods() ([]string, error) { panic("stub") }

// GetHostTemplate returns the template used to build the route match.
func (r *Route) GetHostTemplate() (string, error) { panic("stub") }

// GetVarNames returns the names of all variables added by regexp matchers.
func (r *Route) GetVarNames() ([]string, error) { panic("stub") }
