// goseam API stub of github.com/gin-gonic/gin v1.9.x. Declarations only,
// hand-written from the library's API; bodies are placeholders and are never
// compiled. Unexported fields are elided. See engine/src/resolve/stubs.rs.

package gin

// Param is a single URL parameter, consisting of a key and a value.
type Param struct {
	Key   string
	Value string
}

// Params is a Param-slice, as returned by the router.
type Params []Param

// Get returns the value of the first Param which key matches the given
// name and a boolean true.
func (ps Params) Get(name string) (string, bool) { panic("stub") }

// ByName returns the value of the first Param which key matches the given
// name.
func (ps Params) ByName(name string) (va string) { panic("stub") }
