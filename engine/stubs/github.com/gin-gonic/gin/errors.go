// goseam API stub of github.com/gin-gonic/gin v1.9.x. Declarations only,
// hand-written from the library's API; bodies are placeholders and are never
// compiled. Unexported fields are elided. See engine/src/resolve/stubs.rs.

package gin

// ErrorType is an unsigned 64-bit error code as defined in the gin spec.
type ErrorType uint64

// Error represents a error's specification.
type Error struct {
	Err  error
	Type ErrorType
	Meta any
}

type errorMsgs []*Error

// SetType sets the error's type.
func (msg *Error) SetType(flags ErrorType) *Error { panic("stub") }

// SetMeta sets the error's meta data.
func (msg *Error) SetMeta(data any) *Error { panic("stub") }

// JSON creates a properly formatted JSON.
func (msg *Error) JSON() any { panic("stub") }

// Error implements the error interface.
func (msg Error) Error() string { panic("stub") }

// IsType judges one error.
func (msg *Error) IsType(flags ErrorType) bool { panic("stub") }

// Unwrap returns the wrapped error.
func (msg *Error) Unwrap() error { panic("stub") }

// Last returns the last error in the slice.
func (a errorMsgs) Last() *Error { panic("stub") }

// Errors returns an array with all the error messages.
func (a errorMsgs) Errors() []string { panic("stub") }

func (a errorMsgs) String() string { panic("stub") }
