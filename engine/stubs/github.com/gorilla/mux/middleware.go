// goseam API stub of github.com/gorilla/mux v1.8.x (v1.8.1). Declarations
// only, hand-written from the library's API; bodies are placeholders and are
// never compiled. Unexported fields are elided. See
// engine/src/resolve/stubs.rs.

package mux

import "net/http"

// MiddlewareFunc is a function which receives an http.Handler and returns
// another http.Handler.
type MiddlewareFunc func(http.Handler) http.Handler

// Middleware allows MiddlewareFunc to implement the middleware interface.
func (mw MiddlewareFunc) Middleware(handler http.Handler) http.Handler { panic("stub") }

// Use appends a MiddlewareFunc to the chain.
func (r *Router) Use(mwf ...MiddlewareFunc) {}

// CORSMethodMiddleware automatically sets the Access-Control-Allow-Methods
// response header on requests for routes that have an OPTIONS method
// matcher to all the method matchers on the route.
func CORSMethodMiddleware(r *Router) MiddlewareFunc { panic("stub") }
