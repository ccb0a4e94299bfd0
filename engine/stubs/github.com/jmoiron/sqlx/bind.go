// goseam API stub of github.com/jmoiron/sqlx v1.3.5 (see sqlx.go).

package sqlx

// Bindvar types supported by Rebind, BindMap and BindStruct.
const (
	UNKNOWN = iota
	QUESTION
	DOLLAR
	NAMED
	AT
)

// BindType returns the bindtype for a given database given a drivername.
func BindType(driverName string) int { panic("stub") }

// BindDriver sets the BindType for driverName to bindType.
func BindDriver(driverName string, bindType int) {}

// Rebind a query from the default bindtype (QUESTION) to the target bindtype.
func Rebind(bindType int, query string) string { panic("stub") }

// In expands slice values in args, returning the modified query string and
// a new arg list that can be executed by a database.
func In(query string, args ...interface{}) (string, []interface{}, error) { panic("stub") }
