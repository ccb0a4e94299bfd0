// goseam API stub of github.com/jackc/pgx/v5/pgxpool (pgx v5.4.3; see pool.go).

package pgxpool

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Tx represents a database transaction acquired from a Pool.
type Tx struct{}

// Begin starts a pseudo nested transaction implemented with a savepoint.
func (tx *Tx) Begin(ctx context.Context) (pgx.Tx, error) { panic("stub") }

// Commit commits the transaction and returns the associated connection back to the Pool.
func (tx *Tx) Commit(ctx context.Context) error { panic("stub") }

// Rollback rolls back the transaction and returns the associated connection back to the Pool.
func (tx *Tx) Rollback(ctx context.Context) error { panic("stub") }

func (tx *Tx) CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error) {
	panic("stub")
}

func (tx *Tx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults { panic("stub") }

func (tx *Tx) LargeObjects() pgx.LargeObjects { panic("stub") }

func (tx *Tx) Prepare(ctx context.Context, name, sql string) (*pgconn.StatementDescription, error) {
	panic("stub")
}

func (tx *Tx) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	panic("stub")
}

func (tx *Tx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	panic("stub")
}

func (tx *Tx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row { panic("stub") }

func (tx *Tx) Conn() *pgx.Conn { panic("stub") }
