// goseam API stub of github.com/jmoiron/sqlx v1.3.5 (see sqlx.go).

package sqlx

import (
	"context"
	"database/sql"
)

// NamedStmt is a prepared statement that executes named queries.
type NamedStmt struct {
	Params      []string
	QueryString string
	Stmt        *Stmt
}

// Close closes the named statement.
func (n *NamedStmt) Close() error { panic("stub") }

// Exec executes a named statement using the struct passed.
func (n *NamedStmt) Exec(arg interface{}) (sql.Result, error) { panic("stub") }

// Query executes a named statement using the struct argument, returning rows.
func (n *NamedStmt) Query(arg interface{}) (*sql.Rows, error) { panic("stub") }

// QueryRow executes a named statement against the database.
func (n *NamedStmt) QueryRow(arg interface{}) *Row { panic("stub") }

// MustExec execs a NamedStmt, panicing on error.
func (n *NamedStmt) MustExec(arg interface{}) sql.Result { panic("stub") }

// Queryx using this NamedStmt.
func (n *NamedStmt) Queryx(arg interface{}) (*Rows, error) { panic("stub") }

// QueryRowx this NamedStmt.
func (n *NamedStmt) QueryRowx(arg interface{}) *Row { panic("stub") }

// Select using this NamedStmt.
func (n *NamedStmt) Select(dest interface{}, arg interface{}) error { panic("stub") }

// Get using this NamedStmt.
func (n *NamedStmt) Get(dest interface{}, arg interface{}) error { panic("stub") }

// Unsafe creates an unsafe version of the NamedStmt.
func (n *NamedStmt) Unsafe() *NamedStmt { panic("stub") }

// ExecContext executes a named statement using the struct passed.
func (n *NamedStmt) ExecContext(ctx context.Context, arg interface{}) (sql.Result, error) {
	panic("stub")
}

// QueryContext executes a named statement using the struct argument, returning rows.
func (n *NamedStmt) QueryContext(ctx context.Context, arg interface{}) (*sql.Rows, error) {
	panic("stub")
}

// QueryRowContext executes a named statement against the database.
func (n *NamedStmt) QueryRowContext(ctx context.Context, arg interface{}) *Row { panic("stub") }

// MustExecContext execs a NamedStmt, panicing on error.
func (n *NamedStmt) MustExecContext(ctx context.Context, arg interface{}) sql.Result {
	panic("stub")
}

// QueryxContext using this NamedStmt.
func (n *NamedStmt) QueryxContext(ctx context.Context, arg interface{}) (*Rows, error) {
	panic("stub")
}

// QueryRowxContext this NamedStmt.
func (n *NamedStmt) QueryRowxContext(ctx context.Context, arg interface{}) *Row {
	panic("stub")
}

// SelectContext using this NamedStmt.
func (n *NamedStmt) SelectContext(ctx context.Context, dest interface{}, arg interface{}) error {
	panic("stub")
}

// GetContext using this NamedStmt.
func (n *NamedStmt) GetContext(ctx context.Context, dest interface{}, arg interface{}) error {
	panic("stub")
}

// BindNamed binds a struct or a map to a query with named parameters.
func BindNamed(bindType int, query string, arg interface{}) (string, []interface{}, error) {
	panic("stub")
}

// Named takes a query using named parameters and an argument and returns a
// new query with a list of args that can be executed by a database.
func Named(query string, arg interface{}) (string, []interface{}, error) { panic("stub") }

// NamedQuery binds a named query and then runs Query on the result using
// the provided Ext.
func NamedQuery(e Ext, query string, arg interface{}) (*Rows, error) { panic("stub") }

// NamedExec uses BindStruct to get a query executable by the driver and
// then runs Exec on the result.
func NamedExec(e Ext, query string, arg interface{}) (sql.Result, error) { panic("stub") }

// NamedQueryContext binds a named query and then runs Query on the result
// using the provided Ext.
func NamedQueryContext(ctx context.Context, e ExtContext, query string, arg interface{}) (*Rows, error) {
	panic("stub")
}

// NamedExecContext uses BindStruct to get a query executable by the driver
// and then runs Exec on the result.
func NamedExecContext(ctx context.Context, e ExtContext, query string, arg interface{}) (sql.Result, error) {
	panic("stub")
}
