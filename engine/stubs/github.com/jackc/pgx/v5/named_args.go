// goseam API stub of github.com/jackc/pgx/v5 v5.4.3 (see conn.go).

package pgx

import "context"

// NamedArgs can be used as the first argument to a query method. It will
// replace every '@' named placeholder with a '$' ordinal placeholder and
// construct the appropriate arguments.
type NamedArgs map[string]any

// RewriteQuery implements the QueryRewriter interface.
func (na NamedArgs) RewriteQuery(ctx context.Context, conn *Conn, sql string, args []any) (newSQL string, newArgs []any, err error) {
	panic("stub")
}
