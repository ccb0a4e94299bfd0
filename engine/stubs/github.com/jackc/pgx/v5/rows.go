// goseam API stub of github.com/jackc/pgx/v5 v5.4.3 (see conn.go).

package pgx

import (
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// Rows is the result set returned from *Conn.Query.
type Rows interface {
	// Close closes the rows, making the connection ready for use again.
	Close()

	// Err returns any error that occurred while reading.
	Err() error

	// CommandTag returns the command tag from this query.
	CommandTag() pgconn.CommandTag

	FieldDescriptions() []pgconn.FieldDescription

	// Next prepares the next row for reading.
	Next() bool

	// Scan reads the values from the current row into dest values positionally.
	Scan(dest ...any) error

	// Values returns the decoded row values.
	Values() ([]any, error)

	// RawValues returns the unparsed bytes of the row values.
	RawValues() [][]byte

	// Conn returns the underlying *Conn on which the query was executed.
	Conn() *Conn
}

// Row is a convenience wrapper over Rows that is returned by QueryRow.
type Row interface {
	// Scan works the same as Rows, with the following exceptions: if no
	// rows were found it returns ErrNoRows; if multiple rows are returned it
	// ignores all but the first.
	Scan(dest ...any) error
}

// RowScanner scans an entire row at a time into the RowScanner.
type RowScanner interface {
	// ScanRows scans the row.
	ScanRow(rows Rows) error
}

// ScanArgError is the error returned when scanning into dest[ColumnIndex] fails.
type ScanArgError struct {
	ColumnIndex int
	Err         error
}

func (e ScanArgError) Error() string { panic("stub") }

func (e ScanArgError) Unwrap() error { panic("stub") }

// ScanRow decodes raw row data into dest.
func ScanRow(typeMap *pgtype.Map, fieldDescriptions []pgconn.FieldDescription, values [][]byte, dest ...any) error {
	panic("stub")
}

// RowsFromResultReader returns a Rows that will read from values
// resultReader and decode with typeMap.
func RowsFromResultReader(typeMap *pgtype.Map, resultReader *pgconn.ResultReader) Rows {
	panic("stub")
}

// ForEachRow iterates through rows. For each row it scans into the elements
// of scans and calls fn.
func ForEachRow(rows Rows, scans []any, fn func() error) (pgconn.CommandTag, error) {
	panic("stub")
}

// CollectableRow is the subset of Rows methods that a RowToFunc is allowed to call.
type CollectableRow interface {
	FieldDescriptions() []pgconn.FieldDescription
	Scan(dest ...any) error
	Values() ([]any, error)
	RawValues() [][]byte
}

// RowToFunc is a function that scans or otherwise converts row to a T.
type RowToFunc[T any] func(row CollectableRow) (T, error)

// CollectRows iterates through rows, calling fn for each row, and
// collecting the results into a slice of T.
func CollectRows[T any](rows Rows, fn RowToFunc[T]) ([]T, error) { panic("stub") }

// CollectOneRow calls fn for the first row in rows and returns the result.
func CollectOneRow[T any](rows Rows, fn RowToFunc[T]) (T, error) { panic("stub") }

// RowTo returns a T scanned from row.
func RowTo[T any](row CollectableRow) (T, error) { panic("stub") }

// RowToAddrOf returns the address of a T scanned from row.
func RowToAddrOf[T any](row CollectableRow) (*T, error) { panic("stub") }

// RowToMap returns a map scanned from row.
func RowToMap(row CollectableRow) (map[string]any, error) { panic("stub") }

// RowToStructByPos returns a T scanned from row; fields are matched by position.
func RowToStructByPos[T any](row CollectableRow) (T, error) { panic("stub") }

// RowToAddrOfStructByPos returns the address of a T scanned from row;
// fields are matched by position.
func RowToAddrOfStructByPos[T any](row CollectableRow) (*T, error) { panic("stub") }

// RowToStructByName returns a T scanned from row; fields are matched by name.
func RowToStructByName[T any](row CollectableRow) (T, error) { panic("stub") }

// RowToAddrOfStructByName returns the address of a T scanned from row;
// fields are matched by name.
func RowToAddrOfStructByName[T any](row CollectableRow) (*T, error) { panic("stub") }

// RowToStructByNameLax returns a T scanned from row; T may have more fields
// than row has columns.
func RowToStructByNameLax[T any](row CollectableRow) (T, error) { panic("stub") }

// RowToAddrOfStructByNameLax returns the address of a T scanned from row;
// T may have more fields than row has columns.
func RowToAddrOfStructByNameLax[T any](row CollectableRow) (*T, error) { panic("stub") }
