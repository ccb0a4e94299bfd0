// goseam API stub of github.com/jmoiron/sqlx v1.3.5. Declarations only,
// hand-written from the library's API; bodies are placeholders and are
// never compiled. Unexported fields are elided. See
// engine/src/resolve/stubs.rs.

// Package sqlx provides general purpose extensions to database/sql.
package sqlx

import (
	"database/sql"

	"github.com/jmoiron/sqlx/reflectx"
)

// NameMapper is used to map column names to struct field names.
var NameMapper func(string) string

// ColScanner is an interface used by MapScan and SliceScan.
type ColScanner interface {
	Columns() ([]string, error)
	Scan(dest ...interface{}) error
	Err() error
}

// Queryer is an interface used by Get and Select.
type Queryer interface {
	Query(query string, args ...interface{}) (*sql.Rows, error)
	Queryx(query string, args ...interface{}) (*Rows, error)
	QueryRowx(query string, args ...interface{}) *Row
}

// Execer is an interface used by MustExec and LoadFile.
type Execer interface {
	Exec(query string, args ...interface{}) (sql.Result, error)
}

type binder interface {
	DriverName() string
	Rebind(string) string
	BindNamed(string, interface{}) (string, []interface{}, error)
}

// Ext is a union interface which can bind, query, and exec, used by
// NamedQuery and NamedExec.
type Ext interface {
	binder
	Queryer
	Execer
}

// Preparer is an interface used by Preparex.
type Preparer interface {
	Prepare(query string) (*sql.Stmt, error)
}

// Row is a reimplementation of sql.Row in order to gain access to the
// underlying sql.Rows.Columns() data, necessary for StructScan.
type Row struct {
	Mapper *reflectx.Mapper
}

// Scan is a fixed implementation of sql.Row.Scan.
func (r *Row) Scan(dest ...interface{}) error { panic("stub") }

// Columns returns the underlying sql.Rows.Columns(), or the deferred error.
func (r *Row) Columns() ([]string, error) { panic("stub") }

// ColumnTypes returns the underlying sql.Rows.ColumnTypes(), or the deferred error.
func (r *Row) ColumnTypes() ([]*sql.ColumnType, error) { panic("stub") }

// Err returns the error encountered while scanning.
func (r *Row) Err() error { panic("stub") }

// SliceScan a row, returning a []interface{} with values similar to MapScan.
func (r *Row) SliceScan() ([]interface{}, error) { panic("stub") }

// MapScan scans a single Row into the dest map[string]interface{}.
func (r *Row) MapScan(dest map[string]interface{}) error { panic("stub") }

// StructScan a single Row into dest.
func (r *Row) StructScan(dest interface{}) error { panic("stub") }

// DB is a wrapper around sql.DB which keeps track of the driverName upon Open.
type DB struct {
	*sql.DB
	Mapper *reflectx.Mapper
}

// NewDb returns a new sqlx DB wrapper for a pre-existing *sql.DB.
func NewDb(db *sql.DB, driverName string) *DB { panic("stub") }

// DriverName returns the driverName passed to the Open function for this DB.
func (db *DB) DriverName() string { panic("stub") }

// Open is the same as sql.Open, but returns an *sqlx.DB instead.
func Open(driverName, dataSourceName string) (*DB, error) { panic("stub") }

// MustOpen is the same as sql.Open, but returns an *sqlx.DB instead and panics on error.
func MustOpen(driverName, dataSourceName string) *DB { panic("stub") }

// MapperFunc sets a new mapper for this db using the default sqlx struct tag
// and the provided mapper function.
func (db *DB) MapperFunc(mf func(string) string) {}

// Rebind transforms a query from QUESTION to the DB driver's bindvar type.
func (db *DB) Rebind(query string) string { panic("stub") }

// Unsafe returns a version of DB which will silently succeed to scan when
// columns in the SQL result have no fields in the destination struct.
func (db *DB) Unsafe() *DB { panic("stub") }

// BindNamed binds a query using the DB driver's bindvar type.
func (db *DB) BindNamed(query string, arg interface{}) (string, []interface{}, error) {
	panic("stub")
}

// NamedQuery using this DB.
func (db *DB) NamedQuery(query string, arg interface{}) (*Rows, error) { panic("stub") }

// NamedExec using this DB.
func (db *DB) NamedExec(query string, arg interface{}) (sql.Result, error) { panic("stub") }

// Select using this DB.
func (db *DB) Select(dest interface{}, query string, args ...interface{}) error {
	panic("stub")
}

// Get using this DB.
func (db *DB) Get(dest interface{}, query string, args ...interface{}) error { panic("stub") }

// MustBegin starts a transaction, and panics on error.
func (db *DB) MustBegin() *Tx { panic("stub") }

// Beginx begins a transaction and returns an *sqlx.Tx instead of an *sql.Tx.
func (db *DB) Beginx() (*Tx, error) { panic("stub") }

// Queryx queries the database and returns an *sqlx.Rows.
func (db *DB) Queryx(query string, args ...interface{}) (*Rows, error) { panic("stub") }

// QueryRowx queries the database and returns an *sqlx.Row.
func (db *DB) QueryRowx(query string, args ...interface{}) *Row { panic("stub") }

// MustExec (panic) runs MustExec using this database.
func (db *DB) MustExec(query string, args ...interface{}) sql.Result { panic("stub") }

// Preparex returns an sqlx.Stmt instead of a sql.Stmt.
func (db *DB) Preparex(query string) (*Stmt, error) { panic("stub") }

// PrepareNamed returns an sqlx.NamedStmt.
func (db *DB) PrepareNamed(query string) (*NamedStmt, error) { panic("stub") }

// Conn is a wrapper around sql.Conn with extra functionality.
type Conn struct {
	*sql.Conn
	Mapper *reflectx.Mapper
}

// Tx is an sqlx wrapper around sql.Tx with extra functionality.
type Tx struct {
	*sql.Tx
	Mapper *reflectx.Mapper
}

// DriverName returns the driverName used by the DB which began this transaction.
func (tx *Tx) DriverName() string { panic("stub") }

// Rebind a query within a transaction's bindvar type.
func (tx *Tx) Rebind(query string) string { panic("stub") }

// Unsafe returns a version of Tx which will silently succeed to scan when
// columns in the SQL result have no fields in the destination struct.
func (tx *Tx) Unsafe() *Tx { panic("stub") }

// BindNamed binds a query within a transaction's bindvar type.
func (tx *Tx) BindNamed(query string, arg interface{}) (string, []interface{}, error) {
	panic("stub")
}

// NamedQuery within a transaction.
func (tx *Tx) NamedQuery(query string, arg interface{}) (*Rows, error) { panic("stub") }

// NamedExec a named query within a transaction.
func (tx *Tx) NamedExec(query string, arg interface{}) (sql.Result, error) { panic("stub") }

// Select within a transaction.
func (tx *Tx) Select(dest interface{}, query string, args ...interface{}) error {
	panic("stub")
}

// Queryx within a transaction.
func (tx *Tx) Queryx(query string, args ...interface{}) (*Rows, error) { panic("stub") }

// QueryRowx within a transaction.
func (tx *Tx) QueryRowx(query string, args ...interface{}) *Row { panic("stub") }

// Get within a transaction.
func (tx *Tx) Get(dest interface{}, query string, args ...interface{}) error { panic("stub") }

// MustExec runs MustExec within a transaction.
func (tx *Tx) MustExec(query string, args ...interface{}) sql.Result { panic("stub") }

// Preparex a statement within a transaction.
func (tx *Tx) Preparex(query string) (*Stmt, error) { panic("stub") }

// Stmtx returns a version of the prepared statement which runs within a transaction.
func (tx *Tx) Stmtx(stmt interface{}) *Stmt { panic("stub") }

// NamedStmt returns a version of the prepared statement which runs within a transaction.
func (tx *Tx) NamedStmt(stmt *NamedStmt) *NamedStmt { panic("stub") }

// PrepareNamed returns an sqlx.NamedStmt.
func (tx *Tx) PrepareNamed(query string) (*NamedStmt, error) { panic("stub") }

// Stmt is an sqlx wrapper around sql.Stmt with extra functionality.
type Stmt struct {
	*sql.Stmt
	Mapper *reflectx.Mapper
}

// Unsafe returns a version of Stmt which will silently succeed to scan when
// columns in the SQL result have no fields in the destination struct.
func (s *Stmt) Unsafe() *Stmt { panic("stub") }

// Select using the prepared statement.
func (s *Stmt) Select(dest interface{}, args ...interface{}) error { panic("stub") }

// Get using the prepared statement.
func (s *Stmt) Get(dest interface{}, args ...interface{}) error { panic("stub") }

// MustExec (panic) using this statement.
func (s *Stmt) MustExec(args ...interface{}) sql.Result { panic("stub") }

// QueryRowx using this statement.
func (s *Stmt) QueryRowx(args ...interface{}) *Row { panic("stub") }

// Queryx using this statement.
func (s *Stmt) Queryx(args ...interface{}) (*Rows, error) { panic("stub") }

// Rows is a wrapper around sql.Rows which caches costly reflect operations
// during a looped StructScan.
type Rows struct {
	*sql.Rows
	Mapper *reflectx.Mapper
}

// SliceScan using this Rows.
func (r *Rows) SliceScan() ([]interface{}, error) { panic("stub") }

// MapScan using this Rows.
func (r *Rows) MapScan(dest map[string]interface{}) error { panic("stub") }

// StructScan is like sql.Rows.Scan, but scans a single Row into a single Struct.
func (r *Rows) StructScan(dest interface{}) error { panic("stub") }

// Connect to a database and verify with a ping.
func Connect(driverName, dataSourceName string) (*DB, error) { panic("stub") }

// MustConnect connects to a database and panics on error.
func MustConnect(driverName, dataSourceName string) *DB { panic("stub") }

// Preparex prepares a statement.
func Preparex(p Preparer, query string) (*Stmt, error) { panic("stub") }

// Select executes a query using the provided Queryer, and StructScans each
// row into dest, which must be a slice.
func Select(q Queryer, dest interface{}, query string, args ...interface{}) error {
	panic("stub")
}

// Get does a QueryRow using the provided Queryer, and scans the resulting
// row to dest.
func Get(q Queryer, dest interface{}, query string, args ...interface{}) error {
	panic("stub")
}

// LoadFile exec's every statement in a file (as a single call to Exec).
func LoadFile(e Execer, path string) (*sql.Result, error) { panic("stub") }

// MustExec execs the query using e and panics if there was an error.
func MustExec(e Execer, query string, args ...interface{}) sql.Result { panic("stub") }

// SliceScan a row, returning a []interface{} with values similar to MapScan.
func SliceScan(r ColScanner) ([]interface{}, error) { panic("stub") }

// MapScan scans a single Row into the dest map[string]interface{}.
func MapScan(r ColScanner, dest map[string]interface{}) error { panic("stub") }

type rowsi interface {
	Close() error
	Columns() ([]string, error)
	Err() error
	Next() bool
	Scan(...interface{}) error
}

// StructScan all rows from an sql.Rows or an sqlx.Rows into the dest slice.
func StructScan(rows rowsi, dest interface{}) error { panic("stub") }
