// goseam API stub of github.com/Masterminds/squirrel v1.5.4 (see squirrel.go).

package squirrel

import (
	"context"
	"database/sql"

	"github.com/lann/builder"
)

// DeleteBuilder builds SQL DELETE statements.
type DeleteBuilder builder.Builder

// PlaceholderFormat sets PlaceholderFormat (e.g. Question or Dollar) for the query.
func (b DeleteBuilder) PlaceholderFormat(f PlaceholderFormat) DeleteBuilder { panic("stub") }

// RunWith sets a Runner (like database/sql.DB) to be used with e.g. Exec.
func (b DeleteBuilder) RunWith(runner BaseRunner) DeleteBuilder { panic("stub") }

// Exec builds and Execs the query with the Runner set by RunWith.
func (b DeleteBuilder) Exec() (sql.Result, error) { panic("stub") }

// Query builds and Querys the query with the Runner set by RunWith.
func (b DeleteBuilder) Query() (*sql.Rows, error) { panic("stub") }

// ExecContext builds and ExecContexts the query with the Runner set by RunWith.
func (b DeleteBuilder) ExecContext(ctx context.Context) (sql.Result, error) { panic("stub") }

// QueryContext builds and QueryContexts the query with the Runner set by RunWith.
func (b DeleteBuilder) QueryContext(ctx context.Context) (*sql.Rows, error) { panic("stub") }

// QueryRowContext builds and QueryRowContexts the query with the Runner set by RunWith.
func (b DeleteBuilder) QueryRowContext(ctx context.Context) RowScanner { panic("stub") }

// ScanContext is a shortcut for QueryRowContext().Scan.
func (b DeleteBuilder) ScanContext(ctx context.Context, dest ...interface{}) error {
	panic("stub")
}

// ToSql builds the query into a SQL string and bound args.
func (b DeleteBuilder) ToSql() (string, []interface{}, error) { panic("stub") }

// MustSql builds the query into a SQL string and bound args; it panics if
// there are any errors.
func (b DeleteBuilder) MustSql() (string, []interface{}) { panic("stub") }

// Prefix adds an expression to the beginning of the query.
func (b DeleteBuilder) Prefix(sql string, args ...interface{}) DeleteBuilder { panic("stub") }

// PrefixExpr adds an expression to the very beginning of the query.
func (b DeleteBuilder) PrefixExpr(expr Sqlizer) DeleteBuilder { panic("stub") }

// From sets the table to be deleted from.
func (b DeleteBuilder) From(from string) DeleteBuilder { panic("stub") }

// Where adds WHERE expressions to the query.
func (b DeleteBuilder) Where(pred interface{}, args ...interface{}) DeleteBuilder {
	panic("stub")
}

// OrderBy adds ORDER BY expressions to the query.
func (b DeleteBuilder) OrderBy(orderBys ...string) DeleteBuilder { panic("stub") }

// Limit sets a LIMIT clause on the query.
func (b DeleteBuilder) Limit(limit uint64) DeleteBuilder { panic("stub") }

// Offset sets a OFFSET clause on the query.
func (b DeleteBuilder) Offset(offset uint64) DeleteBuilder { panic("stub") }

// Suffix adds an expression to the end of the query.
func (b DeleteBuilder) Suffix(sql string, args ...interface{}) DeleteBuilder { panic("stub") }

// SuffixExpr adds an expression to the end of the query.
func (b DeleteBuilder) SuffixExpr(expr Sqlizer) DeleteBuilder { panic("stub") }
