// goseam API stub of github.com/jmoiron/sqlx v1.3.5 (see sqlx.go).

package sqlx

import (
	"context"
	"database/sql"
)

// ConnectContext to a database and verify with a ping.
func ConnectContext(ctx context.Context, driverName, dataSourceName string) (*DB, error) {
	panic("stub")
}

// QueryerContext is an interface used by GetContext and SelectContext.
type QueryerContext interface {
	QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error)
	QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error)
	QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row
}

// PreparerContext is an interface used by PreparexContext.
type PreparerContext interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// ExecerContext is an interface used by MustExecContext and LoadFileContext.
type ExecerContext interface {
	ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error)
}

// ExtContext is a union interface which can bind, query, and exec, with
// Context, used by NamedQueryContext and NamedExecContext.
type ExtContext interface {
	binder
	QueryerContext
	ExecerContext
}

// SelectContext executes a query using the provided Queryer, and
// StructScans each row into dest, which must be a slice.
func SelectContext(ctx context.Context, q QueryerContext, dest interface{}, query string, args ...interface{}) error {
	panic("stub")
}

// PreparexContext prepares a statement.
func PreparexContext(ctx context.Context, p PreparerContext, query string) (*Stmt, error) {
	panic("stub")
}

// GetContext does a QueryRow using the provided Queryer, and scans the
// resulting row to dest.
func GetContext(ctx context.Context, q QueryerContext, dest interface{}, query string, args ...interface{}) error {
	panic("stub")
}

// LoadFileContext exec's every statement in a file (as a single call to Exec).
func LoadFileContext(ctx context.Context, e ExecerContext, path string) (*sql.Result, error) {
	panic("stub")
}

// MustExecContext execs the query using e and panics if there was an error.
func MustExecContext(ctx context.Context, e ExecerContext, query string, args ...interface{}) sql.Result {
	panic("stub")
}

// PrepareNamedContext returns an sqlx.NamedStmt.
func (db *DB) PrepareNamedContext(ctx context.Context, query string) (*NamedStmt, error) {
	panic("stub")
}

// NamedQueryContext using this DB.
func (db *DB) NamedQueryContext(ctx context.Context, query string, arg interface{}) (*Rows, error) {
	panic("stub")
}

// NamedExecContext using this DB.
func (db *DB) NamedExecContext(ctx context.Context, query string, arg interface{}) (sql.Result, error) {
	panic("stub")
}

// SelectContext using this DB.
func (db *DB) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	panic("stub")
}

// GetContext using this DB.
func (db *DB) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	panic("stub")
}

// PreparexContext returns an sqlx.Stmt instead of a sql.Stmt.
func (db *DB) PreparexContext(ctx context.Context, query string) (*Stmt, error) {
	panic("stub")
}

// QueryxContext queries the database and returns an *sqlx.Rows.
func (db *DB) QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error) {
	panic("stub")
}

// QueryRowxContext queries the database and returns an *sqlx.Row.
func (db *DB) QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row {
	panic("stub")
}

// MustBeginTx starts a transaction, and panics on error.
func (db *DB) MustBeginTx(ctx context.Context, opts *sql.TxOptions) *Tx { panic("stub") }

// MustExecContext (panic) runs MustExec using this database.
func (db *DB) MustExecContext(ctx context.Context, query string, args ...interface{}) sql.Result {
	panic("stub")
}

// BeginTxx begins a transaction and returns an *sqlx.Tx instead of an *sql.Tx.
func (db *DB) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) { panic("stub") }

// Connx returns an *sqlx.Conn instead of an *sql.Conn.
func (db *DB) Connx(ctx context.Context) (*Conn, error) { panic("stub") }

// BeginTxx begins a transaction and returns an *sqlx.Tx instead of an *sql.Tx.
func (c *Conn) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) { panic("stub") }

// SelectContext using this Conn.
func (c *Conn) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	panic("stub")
}

// GetContext using this Conn.
func (c *Conn) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	panic("stub")
}

// PreparexContext returns an sqlx.Stmt instead of a sql.Stmt.
func (c *Conn) PreparexContext(ctx context.Context, query string) (*Stmt, error) {
	panic("stub")
}

// QueryxContext queries the database and returns an *sqlx.Rows.
func (c *Conn) QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error) {
	panic("stub")
}

// QueryRowxContext queries the database and returns an *sqlx.Row.
func (c *Conn) QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row {
	panic("stub")
}

// Rebind a query within a Conn's bindvar type.
func (c *Conn) Rebind(query string) string { panic("stub") }

// StmtxContext returns a version of the prepared statement which runs within a transaction.
func (tx *Tx) StmtxContext(ctx context.Context, stmt interface{}) *Stmt { panic("stub") }

// NamedStmtContext returns a version of the prepared statement which runs within a transaction.
func (tx *Tx) NamedStmtContext(ctx context.Context, stmt *NamedStmt) *NamedStmt {
	panic("stub")
}

// PreparexContext returns an sqlx.Stmt instead of a sql.Stmt.
func (tx *Tx) PreparexContext(ctx context.Context, query string) (*Stmt, error) {
	panic("stub")
}

// PrepareNamedContext returns an sqlx.NamedStmt.
func (tx *Tx) PrepareNamedContext(ctx context.Context, query string) (*NamedStmt, error) {
	panic("stub")
}

// MustExecContext runs MustExecContext within a transaction.
func (tx *Tx) MustExecContext(ctx context.Context, query string, args ...interface{}) sql.Result {
	panic("stub")
}

// QueryxContext within a transaction and context.
func (tx *Tx) QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error) {
	panic("stub")
}

// SelectContext within a transaction and context.
func (tx *Tx) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	panic("stub")
}

// GetContext within a transaction and context.
func (tx *Tx) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	panic("stub")
}

// QueryRowxContext within a transaction and context.
func (tx *Tx) QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row {
	panic("stub")
}

// NamedExecContext using this Tx.
func (tx *Tx) NamedExecContext(ctx context.Context, query string, arg interface{}) (sql.Result, error) {
	panic("stub")
}

// SelectContext using the prepared statement.
func (s *Stmt) SelectContext(ctx context.Context, dest interface{}, args ...interface{}) error {
	panic("stub")
}

// GetContext using the prepared statement.
func (s *Stmt) GetContext(ctx context.Context, dest interface{}, args ...interface{}) error {
	panic("stub")
}

// MustExecContext (panic) using this statement.
func (s *Stmt) MustExecContext(ctx context.Context, args ...interface{}) sql.Result {
	panic("stub")
}

// QueryRowxContext using this statement.
func (s *Stmt) QueryRowxContext(ctx context.Context, args ...interface{}) *Row { panic("stub") }

// QueryxContext using this statement.
func (s *Stmt) QueryxContext(ctx context.Context, args ...interface{}) (*Rows, error) {
	panic("stub")
}
