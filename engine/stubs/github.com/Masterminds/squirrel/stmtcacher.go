// goseam API stub of github.com/Masterminds/squirrel v1.5.4 (see squirrel.go).

package squirrel

import (
	"context"
	"database/sql"
)

// Preparer is the interface that wraps the Prepare method.
type Preparer interface {
	Prepare(query string) (*sql.Stmt, error)
}

// DBProxy groups the Execer, Queryer, QueryRower, and Preparer interfaces.
type DBProxy interface {
	Execer
	Queryer
	QueryRower
	Preparer
}

// StmtCache wraps and delegates down to a Preparer type.
type StmtCache struct{}

// Prepare delegates down to the underlying Preparer and caches the result.
func (sc *StmtCache) Prepare(query string) (*sql.Stmt, error) { panic("stub") }

// Exec delegates down to the underlying Preparer using a prepared statement.
func (sc *StmtCache) Exec(query string, args ...interface{}) (res sql.Result, err error) {
	panic("stub")
}

// Query delegates down to the underlying Preparer using a prepared statement.
func (sc *StmtCache) Query(query string, args ...interface{}) (rows *sql.Rows, err error) {
	panic("stub")
}

// QueryRow delegates down to the underlying Preparer using a prepared statement.
func (sc *StmtCache) QueryRow(query string, args ...interface{}) RowScanner { panic("stub") }

// Clear removes and closes all the currently cached prepared statements.
func (sc *StmtCache) Clear() (err error) { panic("stub") }

// DBProxyBeginner groups DBProxy with the Begin method.
type DBProxyBeginner interface {
	DBProxy
	Begin() (*sql.Tx, error)
}

// NewStmtCacheProxy returns a DBProxyBeginner caching the statements of db.
func NewStmtCacheProxy(db *sql.DB) DBProxyBeginner { panic("stub") }

// PreparerContext is the interface that wraps the Prepare and
// PrepareContext methods.
type PreparerContext interface {
	Preparer
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// DBProxyContext groups the Execer, Queryer, QueryRower and PreparerContext
// interfaces.
type DBProxyContext interface {
	Execer
	Queryer
	QueryRower
	PreparerContext
}

// NewStmtCache returns a *StmtCache wrapping a PreparerContext that caches
// Prepared Stmts.
func NewStmtCache(prep PreparerContext) *StmtCache { panic("stub") }

// NewStmtCacher is deprecated; use NewStmtCache instead.
func NewStmtCacher(prep PreparerContext) DBProxyContext { panic("stub") }

// PrepareContext delegates down to the underlying PreparerContext and
// caches the result.
func (sc *StmtCache) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	panic("stub")
}

// ExecContext delegates down to the underlying PreparerContext using a
// prepared statement.
func (sc *StmtCache) ExecContext(ctx context.Context, query string, args ...interface{}) (res sql.Result, err error) {
	panic("stub")
}

// QueryContext delegates down to the underlying PreparerContext using a
// prepared statement.
func (sc *StmtCache) QueryContext(ctx context.Context, query string, args ...interface{}) (rows *sql.Rows, err error) {
	panic("stub")
}

// QueryRowContext delegates down to the underlying PreparerContext using a
// prepared statement.
func (sc *StmtCache) QueryRowContext(ctx context.Context, query string, args ...interface{}) RowScanner {
	panic("stub")
}
