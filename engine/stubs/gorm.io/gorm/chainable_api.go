// goseam API stub of gorm.io/gorm v1.25.x (see gorm.go).

package gorm

import "gorm.io/gorm/clause"

// Model specify the model you would like to run db operations.
func (db *DB) Model(value interface{}) (tx *DB) { panic("stub") }

// Clauses Add clauses.
func (db *DB) Clauses(conds ...clause.Expression) (tx *DB) { panic("stub") }

// Table specify the table you would like to run db operations.
func (db *DB) Table(name string, args ...interface{}) (tx *DB) { panic("stub") }

// Distinct specify distinct fields that you want querying.
func (db *DB) Distinct(args ...interface{}) (tx *DB) { panic("stub") }

// Select specify fields that you want when querying, creating, updating.
func (db *DB) Select(query interface{}, args ...interface{}) (tx *DB) { panic("stub") }

// Omit specify fields that you want to ignore when creating, updating and querying.
func (db *DB) Omit(columns ...string) (tx *DB) { panic("stub") }

// MapColumns modify the column names in the query results to facilitate
// align to the corresponding structural fields.
func (db *DB) MapColumns(m map[string]string) (tx *DB) { panic("stub") }

// Where add conditions.
func (db *DB) Where(query interface{}, args ...interface{}) (tx *DB) { panic("stub") }

// Not add NOT conditions.
func (db *DB) Not(query interface{}, args ...interface{}) (tx *DB) { panic("stub") }

// Or add OR conditions.
func (db *DB) Or(query interface{}, args ...interface{}) (tx *DB) { panic("stub") }

// Joins specify Joins conditions.
func (db *DB) Joins(query string, args ...interface{}) (tx *DB) { panic("stub") }

// InnerJoins specify inner joins conditions.
func (db *DB) InnerJoins(query string, args ...interface{}) (tx *DB) { panic("stub") }

// Group specify the group method on the find.
func (db *DB) Group(name string) (tx *DB) { panic("stub") }

// Having specify HAVING conditions for GROUP BY.
func (db *DB) Having(query interface{}, args ...interface{}) (tx *DB) { panic("stub") }

// Order specify order when retrieving records from database.
func (db *DB) Order(value interface{}) (tx *DB) { panic("stub") }

// Limit specify the number of records to be retrieved.
func (db *DB) Limit(limit int) (tx *DB) { panic("stub") }

// Offset specify the number of records to skip before starting to return the records.
func (db *DB) Offset(offset int) (tx *DB) { panic("stub") }

// Scopes pass current database connection to arguments `func(DB) DB`, which
// could be used to add conditions dynamically.
func (db *DB) Scopes(funcs ...func(*DB) *DB) (tx *DB) { panic("stub") }

// Preload preload associations with given conditions.
func (db *DB) Preload(query string, args ...interface{}) (tx *DB) { panic("stub") }

// Attrs provide attributes used in FirstOrCreate or FirstOrInit.
func (db *DB) Attrs(attrs ...interface{}) (tx *DB) { panic("stub") }

// Assign provide attributes used in FirstOrCreate or FirstOrInit.
func (db *DB) Assign(attrs ...interface{}) (tx *DB) { panic("stub") }

// Unscoped disables the global scope of soft deletion in a query.
func (db *DB) Unscoped() (tx *DB) { panic("stub") }

// Raw specifies raw SQL.
func (db *DB) Raw(sql string, values ...interface{}) (tx *DB) { panic("stub") }
