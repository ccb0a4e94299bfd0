// goseam API stub of github.com/jackc/pgx/v5/pgxpool (pgx v5.4.3; see pool.go).

package pgxpool

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Conn is an acquired *pgx.Conn from a Pool.
type Conn struct{}

// Release returns c to the pool it was acquired from.
func (c *Conn) Release() {}

// Hijack assumes ownership of the connection from the pool.
func (c *Conn) Hijack() *pgx.Conn { panic("stub") }

func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	panic("stub")
}

func (c *Conn) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	panic("stub")
}

func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row { panic("stub") }

func (c *Conn) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults { panic("stub") }

func (c *Conn) CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error) {
	panic("stub")
}

// Begin starts a transaction block from the *Conn without explicitly
// setting a transaction mode.
func (c *Conn) Begin(ctx context.Context) (pgx.Tx, error) { panic("stub") }

// BeginTx starts a transaction block from the *Conn with txOptions
// determining the transaction mode.
func (c *Conn) BeginTx(ctx context.Context, txOptions pgx.TxOptions) (pgx.Tx, error) {
	panic("stub")
}

func (c *Conn) Ping(ctx context.Context) error { panic("stub") }

func (c *Conn) Conn() *pgx.Conn { panic("stub") }
