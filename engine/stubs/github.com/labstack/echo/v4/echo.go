// goseam API stub of github.com/labstack/echo/v4 v4.11.x. Declarations only,
// hand-written from the library's API; bodies are placeholders and are never
// compiled. Unexported fields are elided. See engine/src/resolve/stubs.rs.

// Package echo implements high performance, minimalist Go web framework.
package echo

import (
	stdContext "context"
	"io"
	"io/fs"
	stdLog "log"
	"net"
	"net/http"
)

// Echo is the top-level framework instance.
type Echo struct {
	StdLogger        *stdLog.Logger
	Server           *http.Server
	TLSServer        *http.Server
	Listener         net.Listener
	TLSListener      net.Listener
	DisableHTTP2     bool
	Debug            bool
	HideBanner       bool
	HidePort         bool
	HTTPErrorHandler HTTPErrorHandler
	Binder           Binder
	Validator        Validator
	Renderer         Renderer
	ListenerNetwork  string
}

// Route contains a handler and information for matching against requests.
type Route struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Name   string `json:"name"`
}

// HTTPError represents an error that occurred while handling a request.
type HTTPError struct {
	Code     int         `json:"-"`
	Message  interface{} `json:"message"`
	Internal error       `json:"-"`
}

// MiddlewareFunc defines a function to process middleware.
type MiddlewareFunc func(next HandlerFunc) HandlerFunc

// HandlerFunc defines a function to serve HTTP requests.
type HandlerFunc func(c Context) error

// HTTPErrorHandler is a centralized HTTP error handler.
type HTTPErrorHandler func(err error, c Context)

// Validator is the interface that wraps the Validate function.
type Validator interface {
	Validate(i interface{}) error
}

// Renderer is the interface that wraps the Render function.
type Renderer interface {
	Render(io.Writer, string, interface{}, Context) error
}

// Binder is the interface that wraps the Bind method.
type Binder interface {
	Bind(i interface{}, c Context) error
}

// Map defines a generic map of type `map[string]interface{}`.
type Map map[string]interface{}

// NotFoundHandler is the handler of routes that were not found.
var NotFoundHandler = func(c Context) error { panic("stub") }

// MethodNotAllowedHandler is the handler of methods that are not allowed.
var MethodNotAllowedHandler = func(c Context) error { panic("stub") }

// New creates an instance of Echo.
func New() (e *Echo) { panic("stub") }

// NewContext returns a Context instance.
func (e *Echo) NewContext(r *http.Request, w http.ResponseWriter) Context { panic("stub") }

// Router returns the default router.
func (e *Echo) Router() *Router { panic("stub") }

// Routers returns the map of host => router.
func (e *Echo) Routers() map[string]*Router { panic("stub") }

// DefaultHTTPErrorHandler is the default HTTP error handler.
func (e *Echo) DefaultHTTPErrorHandler(err error, c Context) {}

// Pre adds middleware to the chain which is run before router.
func (e *Echo) Pre(middleware ...MiddlewareFunc) {}

// Use adds middleware to the chain which is run after router.
func (e *Echo) Use(middleware ...MiddlewareFunc) {}

// CONNECT registers a new CONNECT route for a path with matching handler.
func (e *Echo) CONNECT(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { panic("stub") }

// DELETE registers a new DELETE route for a path with matching handler.
func (e *Echo) DELETE(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { panic("stub") }

// GET registers a new GET route for a path with matching handler.
func (e *Echo) GET(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { panic("stub") }

// HEAD registers a new HEAD route for a path with matching handler.
func (e *Echo) HEAD(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { panic("stub") }

// OPTIONS registers a new OPTIONS route for a path with matching handler.
func (e *Echo) OPTIONS(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { panic("stub") }

// PATCH registers a new PATCH route for a path with matching handler.
func (e *Echo) PATCH(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { panic("stub") }

// POST registers a new POST route for a path with matching handler.
func (e *Echo) POST(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { panic("stub") }

// PUT registers a new PUT route for a path with matching handler.
func (e *Echo) PUT(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { panic("stub") }

// TRACE registers a new TRACE route for a path with matching handler.
func (e *Echo) TRACE(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { panic("stub") }

// RouteNotFound registers a special-case route which is executed when no
// other route is found.
func (e *Echo) RouteNotFound(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	panic("stub")
}

// Any registers a new route for all HTTP methods and path with matching
// handler.
func (e *Echo) Any(path string, handler HandlerFunc, middleware ...MiddlewareFunc) []*Route {
	panic("stub")
}

// Match registers a new route for multiple HTTP methods and path with
// matching handler.
func (e *Echo) Match(methods []string, path string, handler HandlerFunc, middleware ...MiddlewareFunc) []*Route {
	panic("stub")
}

// Static registers a new route with path prefix to serve static files from
// the provided root directory.
func (e *Echo) Static(pathPrefix, fsRoot string) *Route { panic("stub") }

// StaticFS registers a new route with path prefix to serve static files
// from the provided file system.
func (e *Echo) StaticFS(pathPrefix string, filesystem fs.FS) *Route { panic("stub") }

// FileFS registers a new route with path to serve file from the provided
// file system.
func (e *Echo) FileFS(path, file string, filesystem fs.FS, m ...MiddlewareFunc) *Route {
	panic("stub")
}

// File registers a new route with path to serve a static file.
func (e *Echo) File(path, file string, m ...MiddlewareFunc) *Route { panic("stub") }

// Add registers a new route for an HTTP method and path with matching
// handler.
func (e *Echo) Add(method, path string, handler HandlerFunc, middleware ...MiddlewareFunc) *Route {
	panic("stub")
}

// Host creates a new router group for the provided host.
func (e *Echo) Host(name string, m ...MiddlewareFunc) (g *Group) { panic("stub") }

// Group creates a new router group with prefix and optional group-level
// middleware.
func (e *Echo) Group(prefix string, m ...MiddlewareFunc) (g *Group) { panic("stub") }

// URI generates a URI from handler.
func (e *Echo) URI(handler HandlerFunc, params ...interface{}) string { panic("stub") }

// URL is an alias for `URI` function.
func (e *Echo) URL(h HandlerFunc, params ...interface{}) string { panic("stub") }

// Reverse generates an URL from route name and provided parameters.
func (e *Echo) Reverse(name string, params ...interface{}) string { panic("stub") }

// Routes returns the registered routes.
func (e *Echo) Routes() []*Route { panic("stub") }

// AcquireContext returns an empty `Context` instance from the pool.
func (e *Echo) AcquireContext() Context { panic("stub") }

// ReleaseContext returns the `Context` instance back to the pool.
func (e *Echo) ReleaseContext(c Context) {}

// ServeHTTP implements `http.Handler` interface, which serves HTTP requests.
func (e *Echo) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

// Start starts an HTTP server.
func (e *Echo) Start(address string) error { panic("stub") }

// StartTLS starts an HTTPS server.
func (e *Echo) StartTLS(address string, certFile, keyFile interface{}) (err error) { panic("stub") }

// StartAutoTLS starts an HTTPS server using certificates automatically
// installed from letsencrypt.
func (e *Echo) StartAutoTLS(address string) error { panic("stub") }

// StartServer starts a custom http server.
func (e *Echo) StartServer(s *http.Server) (err error) { panic("stub") }

// ListenerAddr returns net.Addr for Listener.
func (e *Echo) ListenerAddr() net.Addr { panic("stub") }

// TLSListenerAddr returns net.Addr for TLSListener.
func (e *Echo) TLSListenerAddr() net.Addr { panic("stub") }

// Close immediately stops the server.
func (e *Echo) Close() error { panic("stub") }

// Shutdown stops the server gracefully.
func (e *Echo) Shutdown(ctx stdContext.Context) error { panic("stub") }

// NewHTTPError creates a new HTTPError instance.
func NewHTTPError(code int, message ...interface{}) *HTTPError { panic("stub") }

// Error makes it compatible with `error` interface.
func (he *HTTPError) Error() string { panic("stub") }

// SetInternal sets error to HTTPError.Internal.
func (he *HTTPError) SetInternal(err error) *HTTPError { panic("stub") }

// WithInternal returns clone of HTTPError with err set to
// HTTPError.Internal field.
func (he *HTTPError) WithInternal(err error) *HTTPError { panic("stub") }

// Unwrap satisfies the Go 1.13 error wrapper interface.
func (he *HTTPError) Unwrap() error { panic("stub") }

// WrapHandler wraps `http.Handler` into `echo.HandlerFunc`.
func WrapHandler(h http.Handler) HandlerFunc { panic("stub") }

// WrapMiddleware wraps `func(http.Handler) http.Handler` into
// `echo.MiddlewareFunc`.
func WrapMiddleware(m func(http.Handler) http.Handler) MiddlewareFunc { panic("stub") }

// GetPath returns RawPath, if it's empty returns Path from URL.
func GetPath(r *http.Request) string { panic("stub") }
