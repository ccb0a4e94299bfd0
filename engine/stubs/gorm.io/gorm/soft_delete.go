// goseam API stub of gorm.io/gorm v1.25.x (see gorm.go).

package gorm

import (
	"database/sql"
	"database/sql/driver"

	"gorm.io/gorm/clause"
	"gorm.io/gorm/schema"
)

type DeletedAt sql.NullTime

// Scan implements the Scanner interface.
func (n *DeletedAt) Scan(value interface{}) error { panic("stub") }

// Value implements the driver Valuer interface.
func (n DeletedAt) Value() (driver.Value, error) { panic("stub") }

func (n DeletedAt) MarshalJSON() ([]byte, error) { panic("stub") }

func (n *DeletedAt) UnmarshalJSON(b []byte) error { panic("stub") }

func (DeletedAt) QueryClauses(f *schema.Field) []clause.Interface { panic("stub") }

func (DeletedAt) UpdateClauses(f *schema.Field) []clause.Interface { panic("stub") }

func (DeletedAt) DeleteClauses(f *schema.Field) []clause.Interface { panic("stub") }
