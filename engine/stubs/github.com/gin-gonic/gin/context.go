// goseam API stub of github.com/gin-gonic/gin v1.9.x. A subset of the
// Context API: the methods that take or return types of the unstubbed
// subpackages (binding, render) are left out. Declarations only,
// hand-written from the library's API; bodies are placeholders and are never
// compiled. Unexported fields are elided. See engine/src/resolve/stubs.rs.

package gin

import (
	"io"
	"mime/multipart"
	"net/http"
	"time"
)

// Context is the most important part of gin. It allows us to pass
// variables between middleware, manage the flow, validate the JSON of a
// request and render a JSON response for example.
type Context struct {
	Request *http.Request
	Writer  ResponseWriter

	Params Params

	// Keys is a key/value pair exclusively for the context of each request.
	Keys map[string]any

	// Errors is a list of errors attached to all the handlers/middlewares
	// who used this context.
	Errors errorMsgs

	// Accepted defines a list of manually accepted formats for content
	// negotiation.
	Accepted []string
}

// Copy returns a copy of the current context that can be safely used
// outside the request's scope.
func (c *Context) Copy() *Context { panic("stub") }

// HandlerName returns the main handler's name.
func (c *Context) HandlerName() string { panic("stub") }

// HandlerNames returns a list of all registered handlers for this context.
func (c *Context) HandlerNames() []string { panic("stub") }

// Handler returns the main handler.
func (c *Context) Handler() HandlerFunc { panic("stub") }

// FullPath returns a matched route full path.
func (c *Context) FullPath() string { panic("stub") }

// Next should be used only inside middleware.
func (c *Context) Next() {}

// IsAborted returns true if the current context was aborted.
func (c *Context) IsAborted() bool { panic("stub") }

// Abort prevents pending handlers from being called.
func (c *Context) Abort() {}

// AbortWithStatus calls `Abort()` and writes the headers with the
// specified status code.
func (c *Context) AbortWithStatus(code int) {}

// AbortWithStatusJSON calls `Abort()` and then `JSON` internally.
func (c *Context) AbortWithStatusJSON(code int, jsonObj any) {}

// AbortWithError calls `AbortWithStatus()` and `Error()` internally.
func (c *Context) AbortWithError(code int, err error) *Error { panic("stub") }

// Error attaches an error to the current context.
func (c *Context) Error(err error) *Error { panic("stub") }

// Set is used to store a new key/value pair exclusively for this context.
func (c *Context) Set(key string, value any) {}

// Get returns the value for the given key, ie: (value, true).
func (c *Context) Get(key string) (value any, exists bool) { panic("stub") }

// MustGet returns the value for the given key if it exists, otherwise it
// panics.
func (c *Context) MustGet(key string) any { panic("stub") }

// GetString returns the value associated with the key as a string.
func (c *Context) GetString(key string) (s string) { panic("stub") }

// GetBool returns the value associated with the key as a boolean.
func (c *Context) GetBool(key string) (b bool) { panic("stub") }

// GetInt returns the value associated with the key as an integer.
func (c *Context) GetInt(key string) (i int) { panic("stub") }

// GetInt64 returns the value associated with the key as an integer.
func (c *Context) GetInt64(key string) (i64 int64) { panic("stub") }

// GetFloat64 returns the value associated with the key as a float64.
func (c *Context) GetFloat64(key string) (f64 float64) { panic("stub") }

// GetTime returns the value associated with the key as time.
func (c *Context) GetTime(key string) (t time.Time) { panic("stub") }

// GetStringSlice returns the value associated with the key as a slice of
// strings.
func (c *Context) GetStringSlice(key string) (ss []string) { panic("stub") }

// GetStringMap returns the value associated with the key as a map of
// interfaces.
func (c *Context) GetStringMap(key string) (sm map[string]any) { panic("stub") }

// Param returns the value of the URL param.
func (c *Context) Param(key string) string { panic("stub") }

// AddParam adds param to context and replaces path param key with given
// value for e2e testing purposes.
func (c *Context) AddParam(key, value string) {}

// Query returns the keyed url query value if it exists, otherwise it
// returns an empty string.
func (c *Context) Query(key string) (value string) { panic("stub") }

// DefaultQuery returns the keyed url query value if it exists, otherwise
// it returns the specified defaultValue string.
func (c *Context) DefaultQuery(key, defaultValue string) string { panic("stub") }

// GetQuery is like Query(), it returns the keyed url query value if it
// exists.
func (c *Context) GetQuery(key string) (string, bool) { panic("stub") }

// QueryArray returns a slice of strings for a given query key.
func (c *Context) QueryArray(key string) (values []string) { panic("stub") }

// GetQueryArray returns a slice of strings for a given query key, plus a
// boolean value whether at least one value exists for the given key.
func (c *Context) GetQueryArray(key string) (values []string, ok bool) { panic("stub") }

// QueryMap returns a map for a given query key.
func (c *Context) QueryMap(key string) (dicts map[string]string) { panic("stub") }

// GetQueryMap returns a map for a given query key, plus a boolean value
// whether at least one value exists for the given key.
func (c *Context) GetQueryMap(key string) (map[string]string, bool) { panic("stub") }

// PostForm returns the specified key from a POST urlencoded form or
// multipart form when it exists.
func (c *Context) PostForm(key string) (value string) { panic("stub") }

// DefaultPostForm returns the specified key from a POST urlencoded form
// or multipart form when it exists, otherwise it returns the specified
// defaultValue string.
func (c *Context) DefaultPostForm(key, defaultValue string) string { panic("stub") }

// GetPostForm is like PostForm(key).
func (c *Context) GetPostForm(key string) (string, bool) { panic("stub") }

// PostFormArray returns a slice of strings for a given form key.
func (c *Context) PostFormArray(key string) (values []string) { panic("stub") }

// GetPostFormArray returns a slice of strings for a given form key.
func (c *Context) GetPostFormArray(key string) (values []string, ok bool) { panic("stub") }

// FormFile returns the first file for the provided form key.
func (c *Context) FormFile(name string) (*multipart.FileHeader, error) { panic("stub") }

// MultipartForm is the parsed multipart form, including file uploads.
func (c *Context) MultipartForm() (*multipart.Form, error) { panic("stub") }

// SaveUploadedFile uploads the form file to specific dst.
func (c *Context) SaveUploadedFile(file *multipart.FileHeader, dst string) error { panic("stub") }

// Bind checks the Method and Content-Type to select a binding engine
// automatically.
func (c *Context) Bind(obj any) error { panic("stub") }

// BindJSON is a shortcut for c.MustBindWith(obj, binding.JSON).
func (c *Context) BindJSON(obj any) error { panic("stub") }

// BindXML is a shortcut for c.MustBindWith(obj, binding.BindXML).
func (c *Context) BindXML(obj any) error { panic("stub") }

// BindQuery is a shortcut for c.MustBindWith(obj, binding.Query).
func (c *Context) BindQuery(obj any) error { panic("stub") }

// BindYAML is a shortcut for c.MustBindWith(obj, binding.YAML).
func (c *Context) BindYAML(obj any) error { panic("stub") }

// BindHeader is a shortcut for c.MustBindWith(obj, binding.Header).
func (c *Context) BindHeader(obj any) error { panic("stub") }

// BindUri binds the passed struct pointer using binding.Uri.
func (c *Context) BindUri(obj any) error { panic("stub") }

// ShouldBind checks the Method and Content-Type to select a binding
// engine automatically.
func (c *Context) ShouldBind(obj any) error { panic("stub") }

// ShouldBindJSON is a shortcut for c.ShouldBindWith(obj, binding.JSON).
func (c *Context) ShouldBindJSON(obj any) error { panic("stub") }

// ShouldBindXML is a shortcut for c.ShouldBindWith(obj, binding.XML).
func (c *Context) ShouldBindXML(obj any) error { panic("stub") }

// ShouldBindQuery is a shortcut for c.ShouldBindWith(obj, binding.Query).
func (c *Context) ShouldBindQuery(obj any) error { panic("stub") }

// ShouldBindYAML is a shortcut for c.ShouldBindWith(obj, binding.YAML).
func (c *Context) ShouldBindYAML(obj any) error { panic("stub") }

// ShouldBindHeader is a shortcut for c.ShouldBindWith(obj, binding.Header).
func (c *Context) ShouldBindHeader(obj any) error { panic("stub") }

// ShouldBindUri binds the passed struct pointer using the specified
// binding engine.
func (c *Context) ShouldBindUri(obj any) error { panic("stub") }

// ClientIP implements one best effort algorithm to return the real client
// IP.
func (c *Context) ClientIP() string { panic("stub") }

// RemoteIP parses the IP from Request.RemoteAddr, normalizes and returns
// the IP (without the port).
func (c *Context) RemoteIP() string { panic("stub") }

// ContentType returns the Content-Type header of the request.
func (c *Context) ContentType() string { panic("stub") }

// IsWebsocket returns true if the request headers indicate that a
// websocket handshake is being initiated by the client.
func (c *Context) IsWebsocket() bool { panic("stub") }

// Status sets the HTTP response code.
func (c *Context) Status(code int) {}

// Header is an intelligent shortcut for c.Writer.Header().Set(key, value).
func (c *Context) Header(key, value string) {}

// GetHeader returns value from request headers.
func (c *Context) GetHeader(key string) string { panic("stub") }

// GetRawData returns stream data.
func (c *Context) GetRawData() ([]byte, error) { panic("stub") }

// SetSameSite with cookie.
func (c *Context) SetSameSite(samesite http.SameSite) {}

// SetCookie adds a Set-Cookie header to the ResponseWriter's headers.
func (c *Context) SetCookie(name, value string, maxAge int, path, domain string, secure, httpOnly bool) {
}

// Cookie returns the named cookie provided in the request or ErrNoCookie
// if not found.
func (c *Context) Cookie(name string) (string, error) { panic("stub") }

// HTML renders the HTTP template specified by its file name.
func (c *Context) HTML(code int, name string, obj any) {}

// IndentedJSON serializes the given struct as pretty JSON (indented +
// endlines) into the response body.
func (c *Context) IndentedJSON(code int, obj any) {}

// SecureJSON serializes the given struct as Secure JSON into the response
// body.
func (c *Context) SecureJSON(code int, obj any) {}

// JSONP serializes the given struct as JSON into the response body.
func (c *Context) JSONP(code int, obj any) {}

// JSON serializes the given struct as JSON into the response body.
func (c *Context) JSON(code int, obj any) {}

// AsciiJSON serializes the given struct as JSON into the response body
// with unicode to ASCII string.
func (c *Context) AsciiJSON(code int, obj any) {}

// PureJSON serializes the given struct as JSON into the response body.
func (c *Context) PureJSON(code int, obj any) {}

// XML serializes the given struct as XML into the response body.
func (c *Context) XML(code int, obj any) {}

// YAML serializes the given struct as YAML into the response body.
func (c *Context) YAML(code int, obj any) {}

// TOML serializes the given struct as TOML into the response body.
func (c *Context) TOML(code int, obj any) {}

// ProtoBuf serializes the given struct as ProtoBuf into the response body.
func (c *Context) ProtoBuf(code int, obj any) {}

// String writes the given string into the response body.
func (c *Context) String(code int, format string, values ...any) {}

// Redirect returns an HTTP redirect to the specific location.
func (c *Context) Redirect(code int, location string) {}

// Data writes some data into the body stream and updates the HTTP code.
func (c *Context) Data(code int, contentType string, data []byte) {}

// DataFromReader writes the specified reader into the body stream and
// updates the HTTP code.
func (c *Context) DataFromReader(code int, contentLength int64, contentType string, reader io.Reader, extraHeaders map[string]string) {
}

// File writes the specified file into the body stream in an efficient way.
func (c *Context) File(filepath string) {}

// FileFromFS writes the specified file from http.FileSystem into the body
// stream in an efficient way.
func (c *Context) FileFromFS(filepath string, fs http.FileSystem) {}

// FileAttachment writes the specified file into the body stream in an
// efficient way.
func (c *Context) FileAttachment(filepath, filename string) {}

// SSEvent writes a Server-Sent Event into the body stream.
func (c *Context) SSEvent(name string, message any) {}

// Stream sends a streaming response and returns a boolean indicates "Is
// client disconnected in middle of stream".
func (c *Context) Stream(step func(w io.Writer) bool) bool { panic("stub") }

// NegotiateFormat returns an acceptable Accept format.
func (c *Context) NegotiateFormat(offered ...string) string { panic("stub") }

// SetAccepted sets Accept header data.
func (c *Context) SetAccepted(formats ...string) {}

// Deadline returns that there is no deadline (ok==false) when
// c.Request has no Context.
func (c *Context) Deadline() (deadline time.Time, ok bool) { panic("stub") }

// Done returns nil (chan which will wait forever) when c.Request has no
// Context.
func (c *Context) Done() <-chan struct{} { panic("stub") }

// Err returns nil when c.Request has no Context.
func (c *Context) Err() error { panic("stub") }

// Value returns the value associated with this context for key, or nil if
// no value is associated with key.
func (c *Context) Value(key any) any { panic("stub") }
