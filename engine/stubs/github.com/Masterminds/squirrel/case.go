// goseam API stub of github.com/Masterminds/squirrel v1.5.4 (see squirrel.go).

package squirrel

import "github.com/lann/builder"

// CaseBuilder builds SQL CASE construct which could be used as parts of queries.
type CaseBuilder builder.Builder

// ToSql implements Sqlizer.
func (b CaseBuilder) ToSql() (string, []interface{}, error) { panic("stub") }

// MustSql builds the query into a SQL string and bound args; it panics if
// there are any errors.
func (b CaseBuilder) MustSql() (string, []interface{}) { panic("stub") }

// When adds "WHEN ... THEN ..." part to CASE construct.
func (b CaseBuilder) When(when interface{}, then interface{}) CaseBuilder { panic("stub") }

// Else sets optional "ELSE ..." part for CASE construct.
func (b CaseBuilder) Else(expr interface{}) CaseBuilder { panic("stub") }
