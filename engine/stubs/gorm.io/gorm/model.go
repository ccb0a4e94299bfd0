// goseam API stub of gorm.io/gorm v1.25.x (see gorm.go).

package gorm

import "time"

// Model a basic GoLang struct which includes the following fields: ID,
// CreatedAt, UpdatedAt, DeletedAt. It may be embedded into your model or
// you may build your own model without it.
type Model struct {
	ID        uint `gorm:"primarykey"`
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt DeletedAt `gorm:"index"`
}
