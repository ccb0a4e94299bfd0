// goseam API stub of github.com/jackc/pgx/v5/pgxpool (pgx v5.4.3).
// Declarations only, hand-written from the library's API; bodies are
// placeholders and are never compiled. Unexported fields are elided. See
// engine/src/resolve/stubs.rs.

// Package pgxpool is a concurrency-safe connection pool for pgx.
package pgxpool

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Pool allows for connection reuse.
type Pool struct{}

// Config is the configuration struct for creating a pool. It must be
// created by ParseConfig and then it can be modified.
type Config struct {
	ConnConfig *pgx.ConnConfig

	// BeforeConnect is called before a new connection is made.
	BeforeConnect func(context.Context, *pgx.ConnConfig) error

	// AfterConnect is called after a connection is established, but before
	// it is added to the pool.
	AfterConnect func(context.Context, *pgx.Conn) error

	// BeforeAcquire is called before a connection is acquired from the pool.
	BeforeAcquire func(context.Context, *pgx.Conn) bool

	// AfterRelease is called after a connection is released, but before it
	// is returned to the pool.
	AfterRelease func(*pgx.Conn) bool

	// BeforeClose is called right before a connection is closed and removed from the pool.
	BeforeClose func(*pgx.Conn)

	// MaxConnLifetime is the duration since creation after which a
	// connection will be automatically closed.
	MaxConnLifetime time.Duration

	// MaxConnLifetimeJitter is the duration after MaxConnLifetime to
	// randomly decide to close a connection.
	MaxConnLifetimeJitter time.Duration

	// MaxConnIdleTime is the duration after which an idle connection will be
	// automatically closed by the health check.
	MaxConnIdleTime time.Duration

	// MaxConns is the maximum size of the pool.
	MaxConns int32

	// MinConns is the minimum size of the pool.
	MinConns int32

	// HealthCheckPeriod is the duration between checks of the health of idle connections.
	HealthCheckPeriod time.Duration
}

// Copy returns a deep copy of the config that is safe to use and modify.
func (c *Config) Copy() *Config { panic("stub") }

// ConnString returns the connection string as parsed by pgxpool.ParseConfig.
func (c *Config) ConnString() string { panic("stub") }

// New creates a new Pool.
func New(ctx context.Context, connString string) (*Pool, error) { panic("stub") }

// NewWithConfig creates a new Pool. config must have been created by ParseConfig.
func NewWithConfig(ctx context.Context, config *Config) (*Pool, error) { panic("stub") }

// ParseConfig builds a Config from connString.
func ParseConfig(connString string) (*Config, error) { panic("stub") }

// Close closes all connections in the pool and rejects future Acquire calls.
func (p *Pool) Close() {}

// Acquire returns a connection (*Conn) from the Pool.
func (p *Pool) Acquire(ctx context.Context) (*Conn, error) { panic("stub") }

// AcquireFunc acquires a *Conn and calls f with that *Conn.
func (p *Pool) AcquireFunc(ctx context.Context, f func(*Conn) error) error { panic("stub") }

// AcquireAllIdle atomically acquires all currently idle connections.
func (p *Pool) AcquireAllIdle(ctx context.Context) []*Conn { panic("stub") }

// Reset closes all connections, but leaves the pool open.
func (p *Pool) Reset() {}

// Config returns a copy of config that was used to initialize this pool.
func (p *Pool) Config() *Config { panic("stub") }

// Stat returns a pgxpool.Stat struct with a snapshot of Pool statistics.
func (p *Pool) Stat() *Stat { panic("stub") }

// Exec acquires a connection from the Pool and executes the given SQL.
func (p *Pool) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	panic("stub")
}

// Query acquires a connection and executes a query that returns pgx.Rows.
func (p *Pool) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	panic("stub")
}

// QueryRow acquires a connection and executes a query that is expected to
// return at most one row (pgx.Row).
func (p *Pool) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row { panic("stub") }

// SendBatch acquires a connection and sends the batch b.
func (p *Pool) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults { panic("stub") }

// Begin acquires a connection from the Pool and starts a transaction.
func (p *Pool) Begin(ctx context.Context) (pgx.Tx, error) { panic("stub") }

// BeginTx acquires a connection from the Pool and starts a transaction with
// pgx.TxOptions determining the transaction mode.
func (p *Pool) BeginTx(ctx context.Context, txOptions pgx.TxOptions) (pgx.Tx, error) {
	panic("stub")
}

// CopyFrom acquires a connection and uses the PostgreSQL copy protocol.
func (p *Pool) CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error) {
	panic("stub")
}

// Ping acquires a connection from the Pool and executes an empty sql statement against it.
func (p *Pool) Ping(ctx context.Context) error { panic("stub") }
