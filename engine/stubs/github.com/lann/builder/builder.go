// goseam API stub of github.com/lann/builder (v0.0.0-20180802200727-47ae307949d0,
// the version squirrel v1.5.4 requires). Declarations only, hand-written;
// bodies are placeholders and are never compiled. Unexported fields are
// elided. See engine/src/resolve/stubs.rs.

// Package builder provides a method for writing fluent immutable builders.
package builder

import "reflect"

// Builder stores a set of named values.
type Builder struct{}

// EmptyBuilder is a Builder with no values set.
var EmptyBuilder Builder

// Set returns a copy of the given builder with a new value set for the given name.
func Set(builder interface{}, name string, v interface{}) interface{} { panic("stub") }

// Delete returns a copy of the given builder with the given named value unset.
func Delete(builder interface{}, name string) interface{} { panic("stub") }

// Append returns a copy of the given builder with new value(s) appended to the named list.
func Append(builder interface{}, name string, vs ...interface{}) interface{} { panic("stub") }

// Extend behaves like Append, except it takes a single slice or array value.
func Extend(builder interface{}, name string, vs interface{}) interface{} { panic("stub") }

// Get retrieves a single named value from the given builder.
func Get(builder interface{}, name string) (interface{}, bool) { panic("stub") }

// GetStruct builds a new struct from the given registered builder.
func GetStruct(builder interface{}) interface{} { panic("stub") }

// Register wraps RegisterType, taking instances instead of Types.
func Register(builderProto, structProto interface{}) interface{} { panic("stub") }

// RegisterType maps the given builderType to a structType.
func RegisterType(builderType reflect.Type, structType reflect.Type) *reflect.Value {
	panic("stub")
}
