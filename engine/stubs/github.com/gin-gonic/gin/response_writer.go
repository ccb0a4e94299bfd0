// goseam API stub of github.com/gin-gonic/gin v1.9.x. Declarations only,
// hand-written from the library's API; bodies are placeholders and are never
// compiled. Unexported fields are elided. See engine/src/resolve/stubs.rs.

package gin

import "net/http"

// ResponseWriter is gin's response writer.
type ResponseWriter interface {
	http.ResponseWriter
	http.Hijacker
	http.Flusher
	http.CloseNotifier

	// Status returns the HTTP response status code of the current request.
	Status() int

	// Size returns the number of bytes already written into the response
	// http body.
	Size() int

	// WriteString writes the string into the response body.
	WriteString(string) (int, error)

	// Written returns true if the response body was already written.
	Written() bool

	// WriteHeaderNow forces to write the http header (status code +
	// headers).
	WriteHeaderNow()

	// Pusher get the http.Pusher for server push.
	Pusher() http.Pusher
}
