// goseam API stub of github.com/jmoiron/sqlx/reflectx (sqlx v1.3.5).
// Declarations only, hand-written; bodies are placeholders and are never
// compiled. Unexported fields are elided. See engine/src/resolve/stubs.rs.

// Package reflectx implements extensions to the standard reflect lib
// suitable for implementing marshalling and unmarshalling packages.
package reflectx

import "reflect"

// A FieldInfo is metadata for a struct field.
type FieldInfo struct {
	Index    []int
	Path     string
	Field    reflect.StructField
	Zero     reflect.Value
	Name     string
	Options  map[string]string
	Embedded bool
	Children []*FieldInfo
	Parent   *FieldInfo
}

// A StructMap is an index of field metadata for a struct.
type StructMap struct {
	Tree  *FieldInfo
	Index []*FieldInfo
	Paths map[string]*FieldInfo
	Names map[string]*FieldInfo
}

// GetByPath returns a *FieldInfo for a given string path.
func (f StructMap) GetByPath(path string) *FieldInfo { panic("stub") }

// GetByTraversal returns a *FieldInfo for a given integer path.
func (f StructMap) GetByTraversal(index []int) *FieldInfo { panic("stub") }

// Mapper is a general purpose mapper of names to struct fields.
type Mapper struct{}

// NewMapper returns a new mapper using the tagName as its struct field tag.
func NewMapper(tagName string) *Mapper { panic("stub") }

// NewMapperTagFunc returns a new mapper which contains a mapper for field
// names AND a mapper for tag values.
func NewMapperTagFunc(tagName string, mapFunc, tagMapFunc func(string) string) *Mapper {
	panic("stub")
}

// NewMapperFunc returns a new mapper which optionally obeys a field tag and
// a struct field name mapper func given by f.
func NewMapperFunc(tagName string, f func(string) string) *Mapper { panic("stub") }

// TypeMap returns a mapping of field strings to int slices representing
// the traversal down the struct to reach the field.
func (m *Mapper) TypeMap(t reflect.Type) *StructMap { panic("stub") }

// FieldMap returns the mapper's mapping of field names to reflect values.
func (m *Mapper) FieldMap(v reflect.Value) map[string]reflect.Value { panic("stub") }

// FieldByName returns a field by its mapped name as a reflect.Value.
func (m *Mapper) FieldByName(v reflect.Value, name string) reflect.Value { panic("stub") }

// FieldsByName returns a slice of values corresponding to the slice of names
// for the value.
func (m *Mapper) FieldsByName(v reflect.Value, names []string) []reflect.Value {
	panic("stub")
}

// TraversalsByName returns a slice of int slices which represent the struct
// traversals for each mapped name.
func (m *Mapper) TraversalsByName(t reflect.Type, names []string) [][]int { panic("stub") }

// TraversalsByNameFunc traverses the mapped names and calls fn with the
// index of each name and the struct traversal represented by that name.
func (m *Mapper) TraversalsByNameFunc(t reflect.Type, names []string, fn func(int, []int) error) error {
	panic("stub")
}

// FieldByIndexes returns a value for the field given by the struct traversal
// for the given value.
func FieldByIndexes(v reflect.Value, indexes []int) reflect.Value { panic("stub") }

// FieldByIndexesReadOnly returns a value for a particular struct traversal,
// but is not concerned with allocating nil pointers.
func FieldByIndexesReadOnly(v reflect.Value, indexes []int) reflect.Value { panic("stub") }

// Deref is Indirect for reflect.Types.
func Deref(t reflect.Type) reflect.Type { panic("stub") }
