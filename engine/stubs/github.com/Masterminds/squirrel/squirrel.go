// goseam API stub of github.com/Masterminds/squirrel v1.5.4. Declarations
// only, hand-written from the library's documented API; bodies are
// placeholders and are never compiled. Unexported fields are elided. See
// engine/src/resolve/stubs.rs.

// Package squirrel provides a fluent SQL generator.
package squirrel

import (
	"context"
	"database/sql"
)

// Sqlizer is the interface that wraps the ToSql method.
type Sqlizer interface {
	ToSql() (string, []interface{}, error)
}

// Execer is the interface that wraps the Exec method.
type Execer interface {
	Exec(query string, args ...interface{}) (sql.Result, error)
}

// Queryer is the interface that wraps the Query method.
type Queryer interface {
	Query(query string, args ...interface{}) (*sql.Rows, error)
}

// QueryRower is the interface that wraps the QueryRow method.
type QueryRower interface {
	QueryRow(query string, args ...interface{}) RowScanner
}

// BaseRunner groups the Execer and Queryer interfaces.
type BaseRunner interface {
	Execer
	Queryer
}

// Runner groups the Execer, Queryer, and QueryRower interfaces.
type Runner interface {
	Execer
	Queryer
	QueryRower
}

// WrapStdSql wraps a type implementing the standard SQL interface with
// methods that squirrel expects.
func WrapStdSql(stdSql StdSql) Runner { panic("stub") }

// StdSql encompasses the standard methods of the *sql.DB type.
type StdSql interface {
	Query(string, ...interface{}) (*sql.Rows, error)
	QueryRow(string, ...interface{}) *sql.Row
	Exec(string, ...interface{}) (sql.Result, error)
}

// RunnerNotSet is returned by methods that need a Runner if it isn't set.
var RunnerNotSet error

// RunnerNotQueryRunner is returned by QueryRow if the RunWith value doesn't
// implement QueryRower.
var RunnerNotQueryRunner error

// ExecWith Execs the SQL returned by s with db.
func ExecWith(db Execer, s Sqlizer) (res sql.Result, err error) { panic("stub") }

// QueryWith Querys the SQL returned by s with db.
func QueryWith(db Queryer, s Sqlizer) (rows *sql.Rows, err error) { panic("stub") }

// QueryRowWith QueryRows the SQL returned by s with db.
func QueryRowWith(db QueryRower, s Sqlizer) RowScanner { panic("stub") }

// DebugSqlizer calls ToSql on s and shows the approximate SQL to be executed.
func DebugSqlizer(s Sqlizer) string { panic("stub") }

// NoContextSupport is returned if a db doesn't support Context.
var NoContextSupport error

// ExecerContext is the interface that wraps the ExecContext method.
type ExecerContext interface {
	ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error)
}

// QueryerContext is the interface that wraps the QueryContext method.
type QueryerContext interface {
	QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error)
}

// QueryRowerContext is the interface that wraps the QueryRowContext method.
type QueryRowerContext interface {
	QueryRowContext(ctx context.Context, query string, args ...interface{}) RowScanner
}

// RunnerContext groups the Runner interface with the Context versions of
// each of its methods.
type RunnerContext interface {
	Runner
	QueryerContext
	QueryRowerContext
	ExecerContext
}

// WrapStdSqlCtx wraps a type implementing the standard SQL interface plus
// the context versions of the methods.
func WrapStdSqlCtx(stdSqlCtx StdSqlCtx) RunnerContext { panic("stub") }

// StdSqlCtx encompasses the standard methods of the *sql.DB type, along
// with the Context versions of those methods.
type StdSqlCtx interface {
	StdSql
	QueryContext(context.Context, string, ...interface{}) (*sql.Rows, error)
	QueryRowContext(context.Context, string, ...interface{}) *sql.Row
	ExecContext(context.Context, string, ...interface{}) (sql.Result, error)
}

// ExecContextWith ExecContexts the SQL returned by s with db.
func ExecContextWith(ctx context.Context, db ExecerContext, s Sqlizer) (res sql.Result, err error) {
	panic("stub")
}

// QueryContextWith QueryContexts the SQL returned by s with db.
func QueryContextWith(ctx context.Context, db QueryerContext, s Sqlizer) (rows *sql.Rows, err error) {
	panic("stub")
}

// QueryRowContextWith QueryRowContexts the SQL returned by s with db.
func QueryRowContextWith(ctx context.Context, db QueryRowerContext, s Sqlizer) RowScanner {
	panic("stub")
}
