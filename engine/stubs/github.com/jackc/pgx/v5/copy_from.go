// goseam API stub of github.com/jackc/pgx/v5 v5.4.3 (see conn.go).

package pgx

import "context"

// CopyFromRows returns a CopyFromSource interface over the provided rows
// slice making it usable by *Conn.CopyFrom.
func CopyFromRows(rows [][]any) CopyFromSource { panic("stub") }

// CopyFromSlice returns a CopyFromSource interface over a dynamic func
// making it usable by *Conn.CopyFrom.
func CopyFromSlice(length int, next func(int) ([]any, error)) CopyFromSource { panic("stub") }

// CopyFromSource is the interface used by *Conn.CopyFrom as the source for
// copy data.
type CopyFromSource interface {
	// Next returns true if there is another row and makes the next row data
	// available to Values().
	Next() bool

	// Values returns the values for the current row.
	Values() ([]any, error)

	// Err returns any error that has been encountered by the CopyFromSource.
	Err() error
}

// CopyFrom uses the PostgreSQL copy protocol to perform bulk data insertion.
func (c *Conn) CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error) {
	panic("stub")
}
