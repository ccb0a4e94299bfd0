// goseam API stub of github.com/labstack/echo/v4 v4.11.x. Declarations only,
// hand-written from the library's API; bodies are placeholders and are never
// compiled. Unexported fields are elided. See engine/src/resolve/stubs.rs.

package echo

import (
	"bufio"
	"net"
	"net/http"
)

// Response wraps an http.ResponseWriter and implements its interface to be
// used by an HTTP handler to construct an HTTP response.
type Response struct {
	Writer    http.ResponseWriter
	Status    int
	Size      int64
	Committed bool
}

// NewResponse creates a new instance of Response.
func NewResponse(w http.ResponseWriter, e *Echo) (r *Response) { panic("stub") }

// Header returns the header map for the writer that will be sent by
// WriteHeader.
func (r *Response) Header() http.Header { panic("stub") }

// Before registers a function which is called just before the response is
// written.
func (r *Response) Before(fn func()) {}

// After registers a function which is called just after the response is
// written.
func (r *Response) After(fn func()) {}

// WriteHeader sends an HTTP response header with status code.
func (r *Response) WriteHeader(code int) {}

// Write writes the data to the connection as part of an HTTP reply.
func (r *Response) Write(b []byte) (n int, err error) { panic("stub") }

// Flush implements the http.Flusher interface.
func (r *Response) Flush() {}

// Hijack implements the http.Hijacker interface.
func (r *Response) Hijack() (net.Conn, *bufio.ReadWriter, error) { panic("stub") }
