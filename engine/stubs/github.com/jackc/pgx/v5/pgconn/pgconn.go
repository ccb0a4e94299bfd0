// goseam API stub of github.com/jackc/pgx/v5/pgconn (pgx v5.4.3). A
// minimal subset of the package's API: the types pgx and pgxpool expose
// (CommandTag, PgError, PgConn, Config, descriptions and result readers).
// Declarations only, hand-written; bodies are placeholders and are never
// compiled. Unexported fields are elided. See engine/src/resolve/stubs.rs.

// Package pgconn is a low-level PostgreSQL database driver.
package pgconn

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"time"
)

// Notice represents a notice response message reported by the PostgreSQL server.
type Notice PgError

// Notification is a message received from the PostgreSQL LISTEN/NOTIFY system.
type Notification struct {
	PID     uint32 // backend pid that sent the notification
	Channel string // channel from which notification was received
	Payload string
}

// DialFunc is a function that can be used to connect to a PostgreSQL server.
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// LookupFunc is a function that can be used to lookup IPs addrs from host.
type LookupFunc func(ctx context.Context, host string) (addrs []string, err error)

// NoticeHandler is a function that can handle notices received from the PostgreSQL server.
type NoticeHandler func(*PgConn, *Notice)

// NotificationHandler is a function that can handle notifications received
// from the PostgreSQL server.
type NotificationHandler func(*PgConn, *Notification)

// PgConn is a low-level PostgreSQL connection handle.
type PgConn struct{}

// Connect establishes a connection to a PostgreSQL server using the
// environment and connString to provide configuration.
func Connect(ctx context.Context, connString string) (*PgConn, error) { panic("stub") }

// ConnectWithOptions establishes a connection using connString and
// parseConfigOptions.
func ConnectWithOptions(ctx context.Context, connString string, parseConfigOptions ParseConfigOptions) (*PgConn, error) {
	panic("stub")
}

// ConnectConfig establishes a connection to a PostgreSQL server using config.
func ConnectConfig(octx context.Context, config *Config) (pgConn *PgConn, err error) {
	panic("stub")
}

// Conn returns the underlying net.Conn.
func (pgConn *PgConn) Conn() net.Conn { panic("stub") }

// PID returns the backend PID.
func (pgConn *PgConn) PID() uint32 { panic("stub") }

// TxStatus returns the current TxStatus as reported by the server.
func (pgConn *PgConn) TxStatus() byte { panic("stub") }

// SecretKey returns the backend secret key used to send a cancel query message to the server.
func (pgConn *PgConn) SecretKey() uint32 { panic("stub") }

// Close closes a connection.
func (pgConn *PgConn) Close(ctx context.Context) error { panic("stub") }

// IsClosed reports if the connection has been closed.
func (pgConn *PgConn) IsClosed() bool { panic("stub") }

// IsBusy reports if the connection is busy.
func (pgConn *PgConn) IsBusy() bool { panic("stub") }

// CleanupDone returns a channel that will be closed after all underlying
// resources have been cleaned up.
func (pgConn *PgConn) CleanupDone() chan (struct{}) { panic("stub") }

// ParameterStatus returns the value of a parameter reported by the server.
func (pgConn *PgConn) ParameterStatus(key string) string { panic("stub") }

// Prepare creates a prepared statement.
func (pgConn *PgConn) Prepare(ctx context.Context, name, sql string, paramOIDs []uint32) (*StatementDescription, error) {
	panic("stub")
}

// CancelRequest sends a cancel request to the PostgreSQL server.
func (pgConn *PgConn) CancelRequest(ctx context.Context) error { panic("stub") }

// WaitForNotification waits for a LISTEN/NOTIFY message to be received.
func (pgConn *PgConn) WaitForNotification(ctx context.Context) error { panic("stub") }

// Exec executes SQL via the PostgreSQL simple query protocol.
func (pgConn *PgConn) Exec(ctx context.Context, sql string) *MultiResultReader { panic("stub") }

// ExecParams executes a command via the PostgreSQL extended query protocol.
func (pgConn *PgConn) ExecParams(ctx context.Context, sql string, paramValues [][]byte, paramOIDs []uint32, paramFormats []int16, resultFormats []int16) *ResultReader {
	panic("stub")
}

// ExecPrepared enqueues the execution of a prepared statement via the
// PostgreSQL extended query protocol.
func (pgConn *PgConn) ExecPrepared(ctx context.Context, stmtName string, paramValues [][]byte, paramFormats []int16, resultFormats []int16) *ResultReader {
	panic("stub")
}

// CopyTo executes the copy command sql and copies the results to w.
func (pgConn *PgConn) CopyTo(ctx context.Context, w io.Writer, sql string) (CommandTag, error) {
	panic("stub")
}

// CopyFrom executes the copy command sql and copies all of r to the PostgreSQL server.
func (pgConn *PgConn) CopyFrom(ctx context.Context, r io.Reader, sql string) (CommandTag, error) {
	panic("stub")
}

// EscapeString escapes a string such that it can safely be interpolated into a SQL command string.
func (pgConn *PgConn) EscapeString(s string) (string, error) { panic("stub") }

// CheckConn checks the underlying connection without writing any bytes.
func (pgConn *PgConn) CheckConn() error { panic("stub") }

// SyncConn prepares the underlying net.Conn for direct use.
func (pgConn *PgConn) SyncConn(ctx context.Context) error { panic("stub") }

// CommandTag is the status text returned by PostgreSQL for a query.
type CommandTag struct{}

// NewCommandTag makes a CommandTag from s.
func NewCommandTag(s string) CommandTag { panic("stub") }

// RowsAffected returns the number of rows affected.
func (ct CommandTag) RowsAffected() int64 { panic("stub") }

func (ct CommandTag) String() string { panic("stub") }

// Insert is true if the command tag starts with "INSERT".
func (ct CommandTag) Insert() bool { panic("stub") }

// Update is true if the command tag starts with "UPDATE".
func (ct CommandTag) Update() bool { panic("stub") }

// Delete is true if the command tag starts with "DELETE".
func (ct CommandTag) Delete() bool { panic("stub") }

// Select is true if the command tag starts with "SELECT".
func (ct CommandTag) Select() bool { panic("stub") }

// FieldDescription describes a result column.
type FieldDescription struct {
	Name                 string
	TableOID             uint32
	TableAttributeNumber uint16
	DataTypeOID          uint32
	DataTypeSize         int16
	TypeModifier         int32
	Format               int16
}

// StatementDescription describes a prepared statement.
type StatementDescription struct {
	Name      string
	SQL       string
	ParamOIDs []uint32
	Fields    []FieldDescription
}

// Result is the saved query response that is returned by calling Read on a ResultReader.
type Result struct {
	FieldDescriptions []FieldDescription
	Rows              [][][]byte
	CommandTag        CommandTag
	Err               error
}

// ResultReader is a reader for the result of a single query.
type ResultReader struct{}

// Read saves the query response to a Result.
func (rr *ResultReader) Read() *Result { panic("stub") }

// NextRow advances the ResultReader to the next row and returns true if a row is available.
func (rr *ResultReader) NextRow() bool { panic("stub") }

// FieldDescriptions returns the field descriptions for the current result set.
func (rr *ResultReader) FieldDescriptions() []FieldDescription { panic("stub") }

// Values returns the current row data.
func (rr *ResultReader) Values() [][]byte { panic("stub") }

// Close consumes any remaining result data and returns the command tag or error.
func (rr *ResultReader) Close() (CommandTag, error) { panic("stub") }

// MultiResultReader is a reader for a command that could return multiple results.
type MultiResultReader struct{}

// ReadAll reads all available results.
func (mrr *MultiResultReader) ReadAll() ([]*Result, error) { panic("stub") }

// NextResult returns advances the MultiResultReader to the next result and
// returns true if a result is available.
func (mrr *MultiResultReader) NextResult() bool { panic("stub") }

// ResultReader returns the current ResultReader.
func (mrr *MultiResultReader) ResultReader() *ResultReader { panic("stub") }

// Close closes the MultiResultReader and returns the first error that occurred.
func (mrr *MultiResultReader) Close() error { panic("stub") }

// PgError represents an error reported by the PostgreSQL server.
type PgError struct {
	Severity         string
	Code             string
	Message          string
	Detail           string
	Hint             string
	Position         int32
	InternalPosition int32
	InternalQuery    string
	Where            string
	SchemaName       string
	TableName        string
	ColumnName       string
	DataTypeName     string
	ConstraintName   string
	File             string
	Line             int32
	Routine          string
}

func (pe *PgError) Error() string { panic("stub") }

// SQLState returns the SQLState of the error.
func (pe *PgError) SQLState() string { panic("stub") }

// SafeToRetry checks if the err is guaranteed to have occurred before sending any data to the server.
func SafeToRetry(err error) bool { panic("stub") }

// Timeout checks if err was caused by a timeout.
func Timeout(err error) bool { panic("stub") }

// Config is the settings used to establish a connection to a PostgreSQL server.
type Config struct {
	Host           string // host (e.g. localhost) or absolute path to unix domain socket directory (e.g. /private/tmp)
	Port           uint16
	Database       string
	User           string
	Password       string
	TLSConfig      *tls.Config // nil disables TLS
	ConnectTimeout time.Duration
	DialFunc       DialFunc   // e.g. net.Dialer.DialContext
	LookupFunc     LookupFunc // e.g. net.Resolver.LookupHost
	RuntimeParams  map[string]string

	KerberosSrvName string
	KerberosSpn     string
	Fallbacks       []*FallbackConfig

	// ValidateConnect is called during a connection attempt after a
	// successful authentication with the PostgreSQL server.
	ValidateConnect ValidateConnectFunc

	// AfterConnect is called after ValidateConnect.
	AfterConnect AfterConnectFunc

	// OnNotice is a callback function called when a notice response is received.
	OnNotice NoticeHandler

	// OnNotification is a callback function called when a notification from
	// the LISTEN/NOTIFY system is received.
	OnNotification NotificationHandler
}

// ParseConfigOptions contains options that control how a config is built such as GetSSLPassword.
type ParseConfigOptions struct {
	// GetSSLPassword gets the password to decrypt a SSL client certificate.
	GetSSLPassword GetSSLPasswordFunc
}

// GetSSLPasswordFunc is a function that returns the password for a SSL client certificate key.
type GetSSLPasswordFunc func(ctx context.Context) string

// Copy returns a deep copy of the config that is safe to use and modify.
func (c *Config) Copy() *Config { panic("stub") }

// FallbackConfig is additional settings to attempt a connection with when
// the primary Config fails to establish a network connection.
type FallbackConfig struct {
	Host      string // host (e.g. localhost) or path to unix domain socket directory (e.g. /private/tmp)
	Port      uint16
	TLSConfig *tls.Config // nil disables TLS
}

// ValidateConnectFunc is a function that validates the connection.
type ValidateConnectFunc func(ctx context.Context, pgconn *PgConn) error

// AfterConnectFunc is a function that is called after a connection is established.
type AfterConnectFunc func(ctx context.Context, pgconn *PgConn) error

// NetworkAddress converts a PostgreSQL host and port into network and address suitable for use with net.Dial.
func NetworkAddress(host string, port uint16) (network, address string) { panic("stub") }

// ParseConfig builds a *Config from connString.
func ParseConfig(connString string) (*Config, error) { panic("stub") }

// ParseConfigWithOptions builds a *Config from connString and options.
func ParseConfigWithOptions(connString string, options ParseConfigOptions) (*Config, error) {
	panic("stub")
}
