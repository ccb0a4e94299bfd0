// goseam API stub of github.com/go-chi/chi/v5 v5.0.x (v5.0.10). Declarations
// only, hand-written from the library's API; bodies are placeholders and are
// never compiled. Unexported fields are elided. See
// engine/src/resolve/stubs.rs.

package chi

import "net/http"

// Chain returns a Middlewares type from a slice of middleware handlers.
func Chain(middlewares ...func(http.Handler) http.Handler) Middlewares { panic("stub") }

// Handler builds and returns a http.Handler from the chain of middlewares,
// with `h http.Handler` as the final handler.
func (mws Middlewares) Handler(h http.Handler) http.Handler { panic("stub") }

// HandlerFunc builds and returns a http.Handler from the chain of
// middlewares, with `h http.Handler` as the final handler.
func (mws Middlewares) HandlerFunc(h http.HandlerFunc) http.Handler { panic("stub") }

// ChainHandler is a http.Handler with support for handler composition and
// execution.
type ChainHandler struct {
	Endpoint    http.Handler
	Middlewares Middlewares
}

// ServeHTTP runs the chain.
func (c *ChainHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {}
