// goseam API stub of github.com/labstack/echo/v4 v4.11.x. Declarations only,
// hand-written from the library's API; bodies are placeholders and are never
// compiled. Unexported fields are elided. See engine/src/resolve/stubs.rs.

package echo

// Router is the registry of all registered routes for an `Echo` instance
// for request matching and URL path parameter parsing.
type Router struct{}

// NewRouter returns a new Router instance.
func NewRouter(e *Echo) *Router { panic("stub") }

// Routes returns the registered routes.
func (r *Router) Routes() []*Route { panic("stub") }

// Reverse generates an URL from route name and provided parameters.
func (r *Router) Reverse(name string, params ...interface{}) string { panic("stub") }

// Add registers a new route for method and path with matching handler.
func (r *Router) Add(method, path string, h HandlerFunc) {}

// Find lookup a handler registered for method and path.
func (r *Router) Find(method, path string, c Context) {}
