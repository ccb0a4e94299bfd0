// goseam API stub of github.com/Masterminds/squirrel v1.5.4 (see squirrel.go).

package squirrel

import (
	"context"
	"database/sql"

	"github.com/lann/builder"
)

// UpdateBuilder builds SQL UPDATE statements.
type UpdateBuilder builder.Builder

// PlaceholderFormat sets PlaceholderFormat (e.g. Question or Dollar) for the query.
func (b UpdateBuilder) PlaceholderFormat(f PlaceholderFormat) UpdateBuilder { panic("stub") }

// RunWith sets a Runner (like database/sql.DB) to be used with e.g. Exec.
func (b UpdateBuilder) RunWith(runner BaseRunner) UpdateBuilder { panic("stub") }

// Exec builds and Execs the query with the Runner set by RunWith.
func (b UpdateBuilder) Exec() (sql.Result, error) { panic("stub") }

// Query builds and Querys the query with the Runner set by RunWith.
func (b UpdateBuilder) Query() (*sql.Rows, error) { panic("stub") }

// QueryRow builds and QueryRows the query with the Runner set by RunWith.
func (b UpdateBuilder) QueryRow() RowScanner { panic("stub") }

// Scan is a shortcut for QueryRow().Scan.
func (b UpdateBuilder) Scan(dest ...interface{}) error { panic("stub") }

// ExecContext builds and ExecContexts the query with the Runner set by RunWith.
func (b UpdateBuilder) ExecContext(ctx context.Context) (sql.Result, error) { panic("stub") }

// QueryContext builds and QueryContexts the query with the Runner set by RunWith.
func (b UpdateBuilder) QueryContext(ctx context.Context) (*sql.Rows, error) { panic("stub") }

// QueryRowContext builds and QueryRowContexts the query with the Runner set by RunWith.
func (b UpdateBuilder) QueryRowContext(ctx context.Context) RowScanner { panic("stub") }

// ScanContext is a shortcut for QueryRowContext().Scan.
func (b UpdateBuilder) ScanContext(ctx context.Context, dest ...interface{}) error {
	panic("stub")
}

// ToSql builds the query into a SQL string and bound args.
func (b UpdateBuilder) ToSql() (string, []interface{}, error) { panic("stub") }

// MustSql builds the query into a SQL string and bound args; it panics if
// there are any errors.
func (b UpdateBuilder) MustSql() (string, []interface{}) { panic("stub") }

// Prefix adds an expression to the beginning of the query.
func (b UpdateBuilder) Prefix(sql string, args ...interface{}) UpdateBuilder { panic("stub") }

// PrefixExpr adds an expression to the very beginning of the query.
func (b UpdateBuilder) PrefixExpr(expr Sqlizer) UpdateBuilder { panic("stub") }

// Table sets the table to be updated.
func (b UpdateBuilder) Table(table string) UpdateBuilder { panic("stub") }

// Set adds SET clauses to the query.
func (b UpdateBuilder) Set(column string, value interface{}) UpdateBuilder { panic("stub") }

// SetMap is a convenience method which calls .Set for each key/value pair in clauses.
func (b UpdateBuilder) SetMap(clauses map[string]interface{}) UpdateBuilder { panic("stub") }

// From adds FROM clause to the query (PostgreSQL only).
func (b UpdateBuilder) From(from string) UpdateBuilder { panic("stub") }

// FromSelect sets a subquery into the FROM clause of the query.
func (b UpdateBuilder) FromSelect(from SelectBuilder, alias string) UpdateBuilder {
	panic("stub")
}

// Where adds WHERE expressions to the query.
func (b UpdateBuilder) Where(pred interface{}, args ...interface{}) UpdateBuilder {
	panic("stub")
}

// OrderBy adds ORDER BY expressions to the query.
func (b UpdateBuilder) OrderBy(orderBys ...string) UpdateBuilder { panic("stub") }

// Limit sets a LIMIT clause on the query.
func (b UpdateBuilder) Limit(limit uint64) UpdateBuilder { panic("stub") }

// Offset sets a OFFSET clause on the query.
func (b UpdateBuilder) Offset(offset uint64) UpdateBuilder { panic("stub") }

// Suffix adds an expression to the end of the query.
func (b UpdateBuilder) Suffix(sql string, args ...interface{}) UpdateBuilder { panic("stub") }

// SuffixExpr adds an expression to the end of the query.
func (b UpdateBuilder) SuffixExpr(expr Sqlizer) UpdateBuilder { panic("stub") }
