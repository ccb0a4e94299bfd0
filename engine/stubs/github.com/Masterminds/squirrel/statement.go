// goseam API stub of github.com/Masterminds/squirrel v1.5.4 (see squirrel.go).

package squirrel

import "github.com/lann/builder"

// StatementBuilderType is the type of StatementBuilder.
type StatementBuilderType builder.Builder

// Select returns a SelectBuilder for this StatementBuilderType.
func (b StatementBuilderType) Select(columns ...string) SelectBuilder { panic("stub") }

// Insert returns a InsertBuilder for this StatementBuilderType.
func (b StatementBuilderType) Insert(into string) InsertBuilder { panic("stub") }

// Replace returns a InsertBuilder for this StatementBuilderType with the
// statement keyword set to "REPLACE".
func (b StatementBuilderType) Replace(into string) InsertBuilder { panic("stub") }

// Update returns a UpdateBuilder for this StatementBuilderType.
func (b StatementBuilderType) Update(table string) UpdateBuilder { panic("stub") }

// Delete returns a DeleteBuilder for this StatementBuilderType.
func (b StatementBuilderType) Delete(from string) DeleteBuilder { panic("stub") }

// PlaceholderFormat sets the PlaceholderFormat field for any child builders.
func (b StatementBuilderType) PlaceholderFormat(f PlaceholderFormat) StatementBuilderType {
	panic("stub")
}

// RunWith sets the RunWith field for any child builders.
func (b StatementBuilderType) RunWith(runner BaseRunner) StatementBuilderType { panic("stub") }

// Where adds WHERE expressions to the query.
func (b StatementBuilderType) Where(pred interface{}, args ...interface{}) StatementBuilderType {
	panic("stub")
}

// StatementBuilder is a parent builder for other builders, e.g. SelectBuilder.
var StatementBuilder StatementBuilderType

// Select returns a new SelectBuilder, optionally setting some result columns.
func Select(columns ...string) SelectBuilder { panic("stub") }

// Insert returns a new InsertBuilder with the given table name.
func Insert(into string) InsertBuilder { panic("stub") }

// Replace returns a new InsertBuilder with the statement keyword set to
// "REPLACE" and with the given table name.
func Replace(into string) InsertBuilder { panic("stub") }

// Update returns a new UpdateBuilder with the given table name.
func Update(table string) UpdateBuilder { panic("stub") }

// Delete returns a new DeleteBuilder with the given table name.
func Delete(from string) DeleteBuilder { panic("stub") }

// Case returns a new CaseBuilder; "what" represents the case value.
func Case(what ...interface{}) CaseBuilder { panic("stub") }
