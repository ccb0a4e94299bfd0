// goseam API stub of github.com/jackc/pgx/v5 v5.4.3 (see conn.go).

package pgx

import (
	"context"

	"github.com/jackc/pgx/v5/pgconn"
)

// TxIsoLevel is the transaction isolation level.
type TxIsoLevel string

// Transaction isolation levels.
const (
	Serializable    TxIsoLevel = "serializable"
	RepeatableRead  TxIsoLevel = "repeatable read"
	ReadCommitted   TxIsoLevel = "read committed"
	ReadUncommitted TxIsoLevel = "read uncommitted"
)

// TxAccessMode is the transaction access mode (read write or read only).
type TxAccessMode string

// Transaction access modes.
const (
	ReadWrite TxAccessMode = "read write"
	ReadOnly  TxAccessMode = "read only"
)

// TxDeferrableMode is the transaction deferrable mode.
type TxDeferrableMode string

// Transaction deferrable modes.
const (
	Deferrable    TxDeferrableMode = "deferrable"
	NotDeferrable TxDeferrableMode = "not deferrable"
)

// TxOptions are transaction modes within a transaction block.
type TxOptions struct {
	IsoLevel       TxIsoLevel
	AccessMode     TxAccessMode
	DeferrableMode TxDeferrableMode

	// BeginQuery is the SQL query that will be executed to begin the transaction.
	BeginQuery string
}

// ErrTxClosed is returned when a transaction is used after it has been closed.
var ErrTxClosed error

// ErrTxCommitRollback occurs when an error has occurred in a transaction and
// Commit() is called.
var ErrTxCommitRollback error

// Begin starts a transaction.
func (c *Conn) Begin(ctx context.Context) (Tx, error) { panic("stub") }

// BeginTx starts a transaction with txOptions determining the transaction mode.
func (c *Conn) BeginTx(ctx context.Context, txOptions TxOptions) (Tx, error) { panic("stub") }

// Tx represents a database transaction.
type Tx interface {
	// Begin starts a pseudo nested transaction.
	Begin(ctx context.Context) (Tx, error)

	// Commit commits the transaction if this is a real transaction or
	// releases the savepoint if this is a pseudo nested transaction.
	Commit(ctx context.Context) error

	// Rollback rolls back the transaction if this is a real transaction or
	// rolls back to the savepoint if this is a pseudo nested transaction.
	Rollback(ctx context.Context) error

	CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error)
	SendBatch(ctx context.Context, b *Batch) BatchResults
	LargeObjects() LargeObjects

	Prepare(ctx context.Context, name, sql string) (*pgconn.StatementDescription, error)

	Exec(ctx context.Context, sql string, arguments ...any) (commandTag pgconn.CommandTag, err error)
	Query(ctx context.Context, sql string, args ...any) (Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) Row

	// Conn returns the underlying *Conn that on which this transaction is executing.
	Conn() *Conn
}

// BeginFunc calls Begin on db and then calls fn. If fn does not return an
// error then it calls Commit on db. If fn returns an error it calls Rollback
// on db.
func BeginFunc(
	ctx context.Context,
	db interface {
		Begin(ctx context.Context) (Tx, error)
	},
	fn func(Tx) error,
) (err error) {
	panic("stub")
}

// BeginTxFunc calls BeginTx on db and then calls fn. If fn does not return
// an error then it calls Commit on db. If fn returns an error it calls
// Rollback on db.
func BeginTxFunc(
	ctx context.Context,
	db interface {
		BeginTx(ctx context.Context, txOptions TxOptions) (Tx, error)
	},
	txOptions TxOptions,
	fn func(Tx) error,
) (err error) {
	panic("stub")
}
