// goseam API stub of gorm.io/gorm v1.25.x (see gorm.go).

package gorm

import "gorm.io/gorm/schema"

// Association Mode contains some helper methods to handle relationship things easily.
type Association struct {
	DB           *DB
	Relationship *schema.Relationship
	Unscope      bool
	Error        error
}

func (db *DB) Association(column string) *Association { panic("stub") }

func (association *Association) Unscoped() *Association { panic("stub") }

func (association *Association) Find(out interface{}, conds ...interface{}) error {
	panic("stub")
}

func (association *Association) Append(values ...interface{}) error { panic("stub") }

func (association *Association) Replace(values ...interface{}) error { panic("stub") }

func (association *Association) Delete(values ...interface{}) error { panic("stub") }

func (association *Association) Clear() error { panic("stub") }

func (association *Association) Count() (count int64) { panic("stub") }
