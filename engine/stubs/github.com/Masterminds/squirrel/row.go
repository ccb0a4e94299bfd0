// goseam API stub of github.com/Masterminds/squirrel v1.5.4 (see squirrel.go).

package squirrel

// RowScanner is the interface that wraps the Scan method.
type RowScanner interface {
	Scan(...interface{}) error
}

// Row wraps database/sql.Row to let squirrel return new errors on Scan.
type Row struct {
	RowScanner
}

// Scan returns Row.err or calls RowScanner.Scan.
func (r *Row) Scan(dest ...interface{}) error { panic("stub") }
