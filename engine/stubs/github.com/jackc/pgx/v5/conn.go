// goseam API stub of github.com/jackc/pgx/v5 v5.4.3. Declarations only,
// hand-written from the library's API; bodies are placeholders and are
// never compiled. Unexported fields are elided. See
// engine/src/resolve/stubs.rs.

// Package pgx is a PostgreSQL database driver.
package pgx

import (
	"context"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// ConnConfig contains all the options used to establish a connection.
type ConnConfig struct {
	pgconn.Config

	Tracer QueryTracer

	// StatementCacheCapacity is maximum size of the statement cache.
	StatementCacheCapacity int

	// DescriptionCacheCapacity is the maximum size of the description cache.
	DescriptionCacheCapacity int

	// DefaultQueryExecMode controls the default mode for executing queries.
	DefaultQueryExecMode QueryExecMode
}

// ParseConfigOptions contains options that control how a config is built.
type ParseConfigOptions struct {
	pgconn.ParseConfigOptions
}

// Copy returns a deep copy of the config that is safe to use and modify.
func (cc *ConnConfig) Copy() *ConnConfig { panic("stub") }

// ConnString returns the connection string as parsed by pgx.ParseConfig.
func (cc *ConnConfig) ConnString() string { panic("stub") }

// Conn is a PostgreSQL connection handle.
type Conn struct{}

// Identifier a PostgreSQL identifier or name.
type Identifier []string

// Sanitize returns a sanitized string safe for SQL interpolation.
func (ident Identifier) Sanitize() string { panic("stub") }

// ErrNoRows occurs when rows are expected but none are returned.
var ErrNoRows error

// Connect establishes a connection with a PostgreSQL server with a connection string.
func Connect(ctx context.Context, connString string) (*Conn, error) { panic("stub") }

// ConnectWithOptions behaves exactly like Connect with the addition of options.
func ConnectWithOptions(ctx context.Context, connString string, options ParseConfigOptions) (*Conn, error) {
	panic("stub")
}

// ConnectConfig establishes a connection with a PostgreSQL server with a configuration struct.
func ConnectConfig(ctx context.Context, connConfig *ConnConfig) (*Conn, error) { panic("stub") }

// ParseConfigWithOptions behaves exactly as ParseConfig does with the addition of options.
func ParseConfigWithOptions(connString string, options ParseConfigOptions) (*ConnConfig, error) {
	panic("stub")
}

// ParseConfig creates a ConnConfig from a connection string.
func ParseConfig(connString string) (*ConnConfig, error) { panic("stub") }

// Close closes a connection.
func (c *Conn) Close(ctx context.Context) error { panic("stub") }

// Prepare creates a prepared statement with name and sql.
func (c *Conn) Prepare(ctx context.Context, name, sql string) (sd *pgconn.StatementDescription, err error) {
	panic("stub")
}

// Deallocate released a prepared statement.
func (c *Conn) Deallocate(ctx context.Context, name string) error { panic("stub") }

// DeallocateAll releases all previously prepared statements from the server and client.
func (c *Conn) DeallocateAll(ctx context.Context) error { panic("stub") }

// WaitForNotification waits for a PostgreSQL notification.
func (c *Conn) WaitForNotification(ctx context.Context) (*pgconn.Notification, error) {
	panic("stub")
}

// IsClosed reports if the connection has been closed.
func (c *Conn) IsClosed() bool { panic("stub") }

// Ping executes an empty sql statement against the *Conn.
func (c *Conn) Ping(ctx context.Context) error { panic("stub") }

// PgConn returns the underlying *pgconn.PgConn.
func (c *Conn) PgConn() *pgconn.PgConn { panic("stub") }

// TypeMap returns the connection info used for this connection.
func (c *Conn) TypeMap() *pgtype.Map { panic("stub") }

// Config returns a copy of config that was used to establish this connection.
func (c *Conn) Config() *ConnConfig { panic("stub") }

// Exec executes sql.
func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	panic("stub")
}

// QueryExecMode controls how a query is executed.
type QueryExecMode int32

const (
	_ QueryExecMode = iota

	// QueryExecModeCacheStatement automatically prepares and caches the statement.
	QueryExecModeCacheStatement

	// QueryExecModeCacheDescribe caches the statement description.
	QueryExecModeCacheDescribe

	// QueryExecModeDescribeExec gets the statement description on every execution.
	QueryExecModeDescribeExec

	// QueryExecModeExec uses the extended protocol without a statement description.
	QueryExecModeExec

	// QueryExecModeSimpleProtocol uses the simple protocol.
	QueryExecModeSimpleProtocol
)

func (m QueryExecMode) String() string { panic("stub") }

// QueryResultFormats controls the result format (text=0, binary=1) of a query by result column position.
type QueryResultFormats []int16

// QueryResultFormatsByOID controls the result format (text=0, binary=1) of a query by the result column OID.
type QueryResultFormatsByOID map[uint32]int16

// QueryRewriter rewrites a query when used as the first arguments to a query method.
type QueryRewriter interface {
	RewriteQuery(ctx context.Context, conn *Conn, sql string, args []any) (newSQL string, newArgs []any, err error)
}

// Query sends a query to the server and returns a Rows to read the results.
func (c *Conn) Query(ctx context.Context, sql string, args ...any) (Rows, error) {
	panic("stub")
}

// QueryRow is a convenience wrapper over Query.
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) Row { panic("stub") }

// SendBatch sends all queued queries to the server at once.
func (c *Conn) SendBatch(ctx context.Context, b *Batch) (br BatchResults) { panic("stub") }

// LoadType inspects the database for typeName and produces a pgtype.Type
// suitable for registration.
func (c *Conn) LoadType(ctx context.Context, typeName string) (*pgtype.Type, error) {
	panic("stub")
}

// TextFormatCode and BinaryFormatCode are the PostgreSQL wire format codes.
const (
	TextFormatCode   = 0
	BinaryFormatCode = 1
)
