// goseam API stub of gorm.io/gorm v1.25.x (see gorm.go). A minimal subset
// of Statement.

package gorm

import (
	"context"
	"reflect"
	"strings"

	"gorm.io/gorm/clause"
	"gorm.io/gorm/schema"
)

// Statement statement.
type Statement struct {
	*DB
	TableExpr            *clause.Expr
	Table                string
	Model                interface{}
	Unscoped             bool
	Dest                 interface{}
	ReflectValue         reflect.Value
	Clauses              map[string]clause.Clause
	BuildClauses         []string
	Distinct             bool
	Selects              []string // selected columns
	Omits                []string // omit columns
	ColumnMapping        map[string]string
	Preloads             map[string][]interface{}
	ConnPool             ConnPool
	Schema               *schema.Schema
	Context              context.Context
	RaiseErrorOnNotFound bool
	SkipHooks            bool
	SQL                  strings.Builder
	Vars                 []interface{}
	CurDestIndex         int
}

// WriteString write string.
func (stmt *Statement) WriteString(str string) (int, error) { panic("stub") }

// WriteByte write byte.
func (stmt *Statement) WriteByte(c byte) error { panic("stub") }

// WriteQuoted write quoted value.
func (stmt *Statement) WriteQuoted(value interface{}) {}

// QuoteTo write quoted value to writer.
func (stmt *Statement) QuoteTo(writer clause.Writer, field interface{}) {}

// Quote returns quoted value.
func (stmt *Statement) Quote(field interface{}) string { panic("stub") }

// AddVar add var.
func (stmt *Statement) AddVar(writer clause.Writer, vars ...interface{}) {}

// AddClause add clause.
func (stmt *Statement) AddClause(v clause.Interface) {}

// AddClauseIfNotExists add clause if not exists.
func (stmt *Statement) AddClauseIfNotExists(v clause.Interface) {}

// BuildCondition build condition.
func (stmt *Statement) BuildCondition(query interface{}, args ...interface{}) []clause.Expression {
	panic("stub")
}

// Build build sql with clauses names.
func (stmt *Statement) Build(clauses ...string) {}

func (stmt *Statement) Parse(value interface{}) (err error) { panic("stub") }

func (stmt *Statement) ParseWithSpecialTableName(value interface{}, specialTableName string) (err error) {
	panic("stub")
}

// SetColumn set column's value.
func (stmt *Statement) SetColumn(name string, value interface{}, fromCallbacks ...bool) {}

// Changed check model changed or not when updating.
func (stmt *Statement) Changed(fields ...string) bool { panic("stub") }

// SelectAndOmitColumns get select and omit columns, select -> true, omit -> false.
func (stmt *Statement) SelectAndOmitColumns(requireCreate, requireUpdate bool) (map[string]bool, bool) {
	panic("stub")
}
