// goseam API stub of github.com/jackc/pgx/v5 v5.4.3 (see conn.go).

package pgx

import "github.com/jackc/pgx/v5/pgconn"

// QueuedQuery is a query that has been queued for execution via a Batch.
type QueuedQuery struct{}

// Query sets fn to be called when the response to qq is received.
func (qq *QueuedQuery) Query(fn func(rows Rows) error) {}

// QueryRow sets fn to be called when the response to qq is received.
func (qq *QueuedQuery) QueryRow(fn func(row Row) error) {}

// Exec sets fn to be called when the response to qq is received.
func (qq *QueuedQuery) Exec(fn func(ct pgconn.CommandTag) error) {}

// Batch queries are a way of bundling multiple queries together to avoid
// unnecessary network round trips.
type Batch struct{}

// Queue queues a query to batch b.
func (b *Batch) Queue(query string, arguments ...any) *QueuedQuery { panic("stub") }

// Len returns number of queries that have been queued so far.
func (b *Batch) Len() int { panic("stub") }

// BatchResults reads the results of a sent Batch.
type BatchResults interface {
	// Exec reads the results from the next query in the batch as if the
	// query has been sent with Conn.Exec.
	Exec() (pgconn.CommandTag, error)

	// Query reads the results from the next query in the batch as if the
	// query has been sent with Conn.Query.
	Query() (Rows, error)

	// QueryRow reads the results from the next query in the batch as if the
	// query has been sent with Conn.QueryRow.
	QueryRow() Row

	// Close closes the batch operation.
	Close() error
}
