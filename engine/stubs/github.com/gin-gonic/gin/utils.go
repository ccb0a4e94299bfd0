// goseam API stub of github.com/gin-gonic/gin v1.9.x. Declarations only,
// hand-written from the library's API; bodies are placeholders and are never
// compiled. Unexported fields are elided. See engine/src/resolve/stubs.rs.

package gin

import "net/http"

// H is a shortcut for map[string]any.
type H map[string]any

// WrapF is a helper function for wrapping http.HandlerFunc and returns a
// Gin middleware.
func WrapF(f http.HandlerFunc) HandlerFunc { panic("stub") }

// WrapH is a helper function for wrapping http.Handler and returns a Gin
// middleware.
func WrapH(h http.Handler) HandlerFunc { panic("stub") }
