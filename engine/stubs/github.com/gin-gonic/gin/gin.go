// goseam API stub of github.com/gin-gonic/gin v1.9.x. Declarations only,
// hand-written from the library's API; bodies are placeholders and are never
// compiled. Unexported fields are elided. See engine/src/resolve/stubs.rs.

// Package gin implements a HTTP web framework called gin.
package gin

import (
	"html/template"
	"net"
	"net/http"
)

// HandlerFunc defines the handler used by gin middleware as return value.
type HandlerFunc func(*Context)

// HandlersChain defines a HandlerFunc slice.
type HandlersChain []HandlerFunc

// Last returns the last handler in the chain.
func (c HandlersChain) Last() HandlerFunc { panic("stub") }

// RouteInfo represents a request route's specification which contains
// method and path and its handler.
type RouteInfo struct {
	Method      string
	Path        string
	Handler     string
	HandlerFunc HandlerFunc
}

// RoutesInfo defines a RouteInfo slice.
type RoutesInfo []RouteInfo

// Engine is the framework's instance, it contains the muxer, middleware
// and configuration settings.
type Engine struct {
	RouterGroup

	RedirectTrailingSlash  bool
	RedirectFixedPath      bool
	HandleMethodNotAllowed bool
	ForwardedByClientIP    bool
	UseRawPath             bool
	UnescapePathValues     bool
	RemoveExtraSlash       bool
	RemoteIPHeaders        []string
	TrustedPlatform        string
	MaxMultipartMemory     int64
	UseH2C                 bool
	ContextWithFallback    bool
	FuncMap                template.FuncMap
}

// New returns a new blank Engine instance without any middleware attached.
func New() *Engine { panic("stub") }

// Default returns an Engine instance with the Logger and Recovery
// middleware already attached.
func Default() *Engine { panic("stub") }

// Handler returns the engine as an http.Handler.
func (engine *Engine) Handler() http.Handler { panic("stub") }

// Delims sets template left and right delims and returns an Engine
// instance.
func (engine *Engine) Delims(left, right string) *Engine { panic("stub") }

// SecureJsonPrefix sets the secureJSONPrefix used in Context.SecureJSON.
func (engine *Engine) SecureJsonPrefix(prefix string) *Engine { panic("stub") }

// LoadHTMLGlob loads HTML files identified by glob pattern.
func (engine *Engine) LoadHTMLGlob(pattern string) {}

// LoadHTMLFiles loads a slice of HTML files.
func (engine *Engine) LoadHTMLFiles(files ...string) {}

// SetHTMLTemplate associate a template with HTML renderer.
func (engine *Engine) SetHTMLTemplate(templ *template.Template) {}

// SetFuncMap sets the FuncMap used for template.FuncMap.
func (engine *Engine) SetFuncMap(funcMap template.FuncMap) {}

// NoRoute adds handlers for NoRoute. It returns a 404 code by default.
func (engine *Engine) NoRoute(handlers ...HandlerFunc) {}

// NoMethod sets the handlers called when Engine.HandleMethodNotAllowed =
// true.
func (engine *Engine) NoMethod(handlers ...HandlerFunc) {}

// Use attaches a global middleware to the router.
func (engine *Engine) Use(middleware ...HandlerFunc) IRoutes { panic("stub") }

// Routes returns a slice of registered routes.
func (engine *Engine) Routes() (routes RoutesInfo) { panic("stub") }

// Run attaches the router to a http.Server and starts listening and
// serving HTTP requests.
func (engine *Engine) Run(addr ...string) (err error) { panic("stub") }

// SetTrustedProxies set a list of network origins that you trust.
func (engine *Engine) SetTrustedProxies(trustedProxies []string) error { panic("stub") }

// RunTLS attaches the router to a http.Server and starts listening and
// serving HTTPS requests.
func (engine *Engine) RunTLS(addr, certFile, keyFile string) (err error) { panic("stub") }

// RunUnix attaches the router to a http.Server and starts listening and
// serving HTTP requests through the specified unix socket.
func (engine *Engine) RunUnix(file string) (err error) { panic("stub") }

// RunFd attaches the router to a http.Server and starts listening and
// serving HTTP requests through the specified file descriptor.
func (engine *Engine) RunFd(fd int) (err error) { panic("stub") }

// RunListener attaches the router to a http.Server and starts listening
// and serving HTTP requests through the specified net.Listener.
func (engine *Engine) RunListener(listener net.Listener) (err error) { panic("stub") }

// ServeHTTP conforms to the http.Handler interface.
func (engine *Engine) ServeHTTP(w http.ResponseWriter, req *http.Request) {}

// HandleContext re-enters a context that has been rewritten.
func (engine *Engine) HandleContext(c *Context) {}
