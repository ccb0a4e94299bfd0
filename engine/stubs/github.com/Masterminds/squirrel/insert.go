// goseam API stub of github.com/Masterminds/squirrel v1.5.4 (see squirrel.go).

package squirrel

import (
	"context"
	"database/sql"

	"github.com/lann/builder"
)

// InsertBuilder builds SQL INSERT statements.
type InsertBuilder builder.Builder

// PlaceholderFormat sets PlaceholderFormat (e.g. Question or Dollar) for the query.
func (b InsertBuilder) PlaceholderFormat(f PlaceholderFormat) InsertBuilder { panic("stub") }

// RunWith sets a Runner (like database/sql.DB) to be used with e.g. Exec.
func (b InsertBuilder) RunWith(runner BaseRunner) InsertBuilder { panic("stub") }

// Exec builds and Execs the query with the Runner set by RunWith.
func (b InsertBuilder) Exec() (sql.Result, error) { panic("stub") }

// Query builds and Querys the query with the Runner set by RunWith.
func (b InsertBuilder) Query() (*sql.Rows, error) { panic("stub") }

// QueryRow builds and QueryRows the query with the Runner set by RunWith.
func (b InsertBuilder) QueryRow() RowScanner { panic("stub") }

// Scan is a shortcut for QueryRow().Scan.
func (b InsertBuilder) Scan(dest ...interface{}) error { panic("stub") }

// ExecContext builds and ExecContexts the query with the Runner set by RunWith.
func (b InsertBuilder) ExecContext(ctx context.Context) (sql.Result, error) { panic("stub") }

// QueryContext builds and QueryContexts the query with the Runner set by RunWith.
func (b InsertBuilder) QueryContext(ctx context.Context) (*sql.Rows, error) { panic("stub") }

// QueryRowContext builds and QueryRowContexts the query with the Runner set by RunWith.
func (b InsertBuilder) QueryRowContext(ctx context.Context) RowScanner { panic("stub") }

// ScanContext is a shortcut for QueryRowContext().Scan.
func (b InsertBuilder) ScanContext(ctx context.Context, dest ...interface{}) error {
	panic("stub")
}

// ToSql builds the query into a SQL string and bound args.
func (b InsertBuilder) ToSql() (string, []interface{}, error) { panic("stub") }

// MustSql builds the query into a SQL string and bound args; it panics if
// there are any errors.
func (b InsertBuilder) MustSql() (string, []interface{}) { panic("stub") }

// Prefix adds an expression to the beginning of the query.
func (b InsertBuilder) Prefix(sql string, args ...interface{}) InsertBuilder { panic("stub") }

// PrefixExpr adds an expression to the very beginning of the query.
func (b InsertBuilder) PrefixExpr(expr Sqlizer) InsertBuilder { panic("stub") }

// Options adds keyword options before the INTO clause of the query.
func (b InsertBuilder) Options(options ...string) InsertBuilder { panic("stub") }

// Into sets the INTO clause of the query.
func (b InsertBuilder) Into(from string) InsertBuilder { panic("stub") }

// Columns adds insert columns to the query.
func (b InsertBuilder) Columns(columns ...string) InsertBuilder { panic("stub") }

// Values adds a single row's values to the query.
func (b InsertBuilder) Values(values ...interface{}) InsertBuilder { panic("stub") }

// Suffix adds an expression to the end of the query.
func (b InsertBuilder) Suffix(sql string, args ...interface{}) InsertBuilder { panic("stub") }

// SuffixExpr adds an expression to the end of the query.
func (b InsertBuilder) SuffixExpr(expr Sqlizer) InsertBuilder { panic("stub") }

// SetMap set columns and values for insert builder from a map of column
// name and value.
func (b InsertBuilder) SetMap(clauses map[string]interface{}) InsertBuilder { panic("stub") }

// Select set Select clause for insert query.
func (b InsertBuilder) Select(sb SelectBuilder) InsertBuilder { panic("stub") }
