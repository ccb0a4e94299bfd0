// goseam API stub of gorm.io/gorm v1.25.x (see gorm.go).

package gorm

import "database/sql"

// Create inserts value, returning the inserted data's primary key in value's id.
func (db *DB) Create(value interface{}) (tx *DB) { panic("stub") }

// CreateInBatches inserts value in batches of batchSize.
func (db *DB) CreateInBatches(value interface{}, batchSize int) (tx *DB) { panic("stub") }

// Save updates value in database. If value doesn't contain a matching
// primary key, value is inserted.
func (db *DB) Save(value interface{}) (tx *DB) { panic("stub") }

// First finds the first record ordered by primary key, matching given conditions conds.
func (db *DB) First(dest interface{}, conds ...interface{}) (tx *DB) { panic("stub") }

// Take finds the first record returned by the database in no specified
// order, matching given conditions conds.
func (db *DB) Take(dest interface{}, conds ...interface{}) (tx *DB) { panic("stub") }

// Last finds the last record ordered by primary key, matching given conditions conds.
func (db *DB) Last(dest interface{}, conds ...interface{}) (tx *DB) { panic("stub") }

// Find finds all records matching given conditions conds.
func (db *DB) Find(dest interface{}, conds ...interface{}) (tx *DB) { panic("stub") }

// FindInBatches finds all records in batches of batchSize.
func (db *DB) FindInBatches(dest interface{}, batchSize int, fc func(tx *DB, batch int) error) *DB {
	panic("stub")
}

// FirstOrInit finds the first matching record, otherwise if not found
// initializes a new instance with given conds.
func (db *DB) FirstOrInit(dest interface{}, conds ...interface{}) (tx *DB) { panic("stub") }

// FirstOrCreate finds the first matching record, otherwise if not found
// creates a new instance with given conds.
func (db *DB) FirstOrCreate(dest interface{}, conds ...interface{}) (tx *DB) { panic("stub") }

// Update updates column with value using callbacks.
func (db *DB) Update(column string, value interface{}) (tx *DB) { panic("stub") }

// Updates updates attributes using callbacks.
func (db *DB) Updates(values interface{}) (tx *DB) { panic("stub") }

func (db *DB) UpdateColumn(column string, value interface{}) (tx *DB) { panic("stub") }

func (db *DB) UpdateColumns(values interface{}) (tx *DB) { panic("stub") }

// Delete deletes value matching given conditions.
func (db *DB) Delete(value interface{}, conds ...interface{}) (tx *DB) { panic("stub") }

func (db *DB) Count(count *int64) (tx *DB) { panic("stub") }

func (db *DB) Row() *sql.Row { panic("stub") }

func (db *DB) Rows() (*sql.Rows, error) { panic("stub") }

// Scan scans selected value to the struct dest.
func (db *DB) Scan(dest interface{}) (tx *DB) { panic("stub") }

// Pluck queries a single column from a model, returning in the slice dest.
func (db *DB) Pluck(column string, dest interface{}) (tx *DB) { panic("stub") }

func (db *DB) ScanRows(rows *sql.Rows, dest interface{}) error { panic("stub") }

// Connection uses a db connection to execute an arbitrary number of commands in fc.
func (db *DB) Connection(fc func(tx *DB) error) (err error) { panic("stub") }

// Transaction start a transaction as a block, return error will rollback,
// otherwise to commit.
func (db *DB) Transaction(fc func(tx *DB) error, opts ...*sql.TxOptions) (err error) {
	panic("stub")
}

// Begin begins a transaction with any transaction options opts.
func (db *DB) Begin(opts ...*sql.TxOptions) *DB { panic("stub") }

// Commit commits the changes in a transaction.
func (db *DB) Commit() *DB { panic("stub") }

// Rollback rollbacks the changes in a transaction.
func (db *DB) Rollback() *DB { panic("stub") }

func (db *DB) SavePoint(name string) *DB { panic("stub") }

func (db *DB) RollbackTo(name string) *DB { panic("stub") }

// Exec executes raw sql.
func (db *DB) Exec(sql string, values ...interface{}) (tx *DB) { panic("stub") }
