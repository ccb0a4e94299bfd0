// goseam API stub of github.com/Masterminds/squirrel v1.5.4 (see squirrel.go).

package squirrel

import (
	"context"
	"database/sql"

	"github.com/lann/builder"
)

// SelectBuilder builds SQL SELECT statements.
type SelectBuilder builder.Builder

// PlaceholderFormat sets PlaceholderFormat (e.g. Question or Dollar) for the query.
func (b SelectBuilder) PlaceholderFormat(f PlaceholderFormat) SelectBuilder { panic("stub") }

// RunWith sets a Runner (like database/sql.DB) to be used with e.g. Exec.
func (b SelectBuilder) RunWith(runner BaseRunner) SelectBuilder { panic("stub") }

// Exec builds and Execs the query with the Runner set by RunWith.
func (b SelectBuilder) Exec() (sql.Result, error) { panic("stub") }

// Query builds and Querys the query with the Runner set by RunWith.
func (b SelectBuilder) Query() (*sql.Rows, error) { panic("stub") }

// QueryRow builds and QueryRows the query with the Runner set by RunWith.
func (b SelectBuilder) QueryRow() RowScanner { panic("stub") }

// Scan is a shortcut for QueryRow().Scan.
func (b SelectBuilder) Scan(dest ...interface{}) error { panic("stub") }

// ExecContext builds and ExecContexts the query with the Runner set by RunWith.
func (b SelectBuilder) ExecContext(ctx context.Context) (sql.Result, error) { panic("stub") }

// QueryContext builds and QueryContexts the query with the Runner set by RunWith.
func (b SelectBuilder) QueryContext(ctx context.Context) (*sql.Rows, error) { panic("stub") }

// QueryRowContext builds and QueryRowContexts the query with the Runner set by RunWith.
func (b SelectBuilder) QueryRowContext(ctx context.Context) RowScanner { panic("stub") }

// ScanContext is a shortcut for QueryRowContext().Scan.
func (b SelectBuilder) ScanContext(ctx context.Context, dest ...interface{}) error {
	panic("stub")
}

// ToSql builds the query into a SQL string and bound args.
func (b SelectBuilder) ToSql() (string, []interface{}, error) { panic("stub") }

// MustSql builds the query into a SQL string and bound args; it panics if
// there are any errors.
func (b SelectBuilder) MustSql() (string, []interface{}) { panic("stub") }

// Prefix adds an expression to the beginning of the query.
func (b SelectBuilder) Prefix(sql string, args ...interface{}) SelectBuilder { panic("stub") }

// PrefixExpr adds an expression to the very beginning of the query.
func (b SelectBuilder) PrefixExpr(expr Sqlizer) SelectBuilder { panic("stub") }

// Distinct adds a DISTINCT clause to the query.
func (b SelectBuilder) Distinct() SelectBuilder { panic("stub") }

// Options adds select option to the query.
func (b SelectBuilder) Options(options ...string) SelectBuilder { panic("stub") }

// Columns adds result columns to the query.
func (b SelectBuilder) Columns(columns ...string) SelectBuilder { panic("stub") }

// RemoveColumns remove all columns from query.
func (b SelectBuilder) RemoveColumns() SelectBuilder { panic("stub") }

// Column adds a result column to the query.
func (b SelectBuilder) Column(column interface{}, args ...interface{}) SelectBuilder {
	panic("stub")
}

// From sets the FROM clause of the query.
func (b SelectBuilder) From(from string) SelectBuilder { panic("stub") }

// FromSelect sets a subquery into the FROM clause of the query.
func (b SelectBuilder) FromSelect(from SelectBuilder, alias string) SelectBuilder {
	panic("stub")
}

// JoinClause adds a join clause to the query.
func (b SelectBuilder) JoinClause(pred interface{}, args ...interface{}) SelectBuilder {
	panic("stub")
}

// Join adds a JOIN clause to the query.
func (b SelectBuilder) Join(join string, rest ...interface{}) SelectBuilder { panic("stub") }

// LeftJoin adds a LEFT JOIN clause to the query.
func (b SelectBuilder) LeftJoin(join string, rest ...interface{}) SelectBuilder { panic("stub") }

// RightJoin adds a RIGHT JOIN clause to the query.
func (b SelectBuilder) RightJoin(join string, rest ...interface{}) SelectBuilder {
	panic("stub")
}

// InnerJoin adds a INNER JOIN clause to the query.
func (b SelectBuilder) InnerJoin(join string, rest ...interface{}) SelectBuilder {
	panic("stub")
}

// CrossJoin adds a CROSS JOIN clause to the query.
func (b SelectBuilder) CrossJoin(join string, rest ...interface{}) SelectBuilder {
	panic("stub")
}

// Where adds an expression to the WHERE clause of the query.
func (b SelectBuilder) Where(pred interface{}, args ...interface{}) SelectBuilder {
	panic("stub")
}

// GroupBy adds GROUP BY expressions to the query.
func (b SelectBuilder) GroupBy(groupBys ...string) SelectBuilder { panic("stub") }

// Having adds an expression to the HAVING clause of the query.
func (b SelectBuilder) Having(pred interface{}, rest ...interface{}) SelectBuilder {
	panic("stub")
}

// OrderByClause adds ORDER BY clause to the query.
func (b SelectBuilder) OrderByClause(pred interface{}, args ...interface{}) SelectBuilder {
	panic("stub")
}

// OrderBy adds ORDER BY expressions to the query.
func (b SelectBuilder) OrderBy(orderBys ...string) SelectBuilder { panic("stub") }

// Limit sets a LIMIT clause on the query.
func (b SelectBuilder) Limit(limit uint64) SelectBuilder { panic("stub") }

// RemoveLimit removes the LIMIT clause.
func (b SelectBuilder) RemoveLimit() SelectBuilder { panic("stub") }

// Offset sets a OFFSET clause on the query.
func (b SelectBuilder) Offset(offset uint64) SelectBuilder { panic("stub") }

// RemoveOffset removes OFFSET clause.
func (b SelectBuilder) RemoveOffset() SelectBuilder { panic("stub") }

// Suffix adds an expression to the end of the query.
func (b SelectBuilder) Suffix(sql string, args ...interface{}) SelectBuilder { panic("stub") }

// SuffixExpr adds an expression to the end of the query.
func (b SelectBuilder) SuffixExpr(expr Sqlizer) SelectBuilder { panic("stub") }
