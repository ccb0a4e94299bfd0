// goseam API stub of gorm.io/gorm v1.25.x. Declarations only, hand-written
// from the library's API; bodies are placeholders and are never compiled.
// Unexported fields are elided; gorm.io/gorm/clause, /schema and /logger are
// not stubbed (types from them stay opaque). See engine/src/resolve/stubs.rs.

// Package gorm is the fantastic ORM library for Golang.
package gorm

import (
	"context"
	"database/sql"
	"time"

	"gorm.io/gorm/clause"
	"gorm.io/gorm/logger"
	"gorm.io/gorm/schema"
)

// Config GORM config.
type Config struct {
	// SkipDefaultTransaction disables the default transaction around single
	// create, update and delete operations.
	SkipDefaultTransaction bool
	// NamingStrategy tables, columns naming strategy.
	NamingStrategy schema.Namer
	// FullSaveAssociations full save associations.
	FullSaveAssociations bool
	// Logger.
	Logger logger.Interface
	// NowFunc the function to be used when creating a new timestamp.
	NowFunc func() time.Time
	// DryRun generate sql without execute.
	DryRun bool
	// PrepareStmt executes the given query in cached statement.
	PrepareStmt bool
	// DisableAutomaticPing.
	DisableAutomaticPing bool
	// DisableForeignKeyConstraintWhenMigrating.
	DisableForeignKeyConstraintWhenMigrating bool
	// IgnoreRelationshipsWhenMigrating.
	IgnoreRelationshipsWhenMigrating bool
	// DisableNestedTransaction disable nested transaction.
	DisableNestedTransaction bool
	// AllowGlobalUpdate allow global update.
	AllowGlobalUpdate bool
	// QueryFields executes the SQL query with all fields of the table.
	QueryFields bool
	// CreateBatchSize default create batch size.
	CreateBatchSize int
	// TranslateError enabling error translation.
	TranslateError bool

	// ClauseBuilders clause builder.
	ClauseBuilders map[string]clause.ClauseBuilder
	// ConnPool db conn pool.
	ConnPool ConnPool
	// Dialector database dialector.
	Dialector
	// Plugins registered plugins.
	Plugins map[string]Plugin
}

// Apply update config to new config.
func (c *Config) Apply(config *Config) error { panic("stub") }

// AfterInitialize initialize plugins after db connected.
func (c *Config) AfterInitialize(db *DB) error { panic("stub") }

// Option gorm option interface.
type Option interface {
	Apply(*Config) error
	AfterInitialize(*DB) error
}

// DB GORM DB definition.
type DB struct {
	*Config
	Error        error
	RowsAffected int64
	Statement    *Statement
}

// Session session config when create session with Session() method.
type Session struct {
	DryRun                   bool
	PrepareStmt              bool
	NewDB                    bool
	Initialized              bool
	SkipHooks                bool
	SkipDefaultTransaction   bool
	DisableNestedTransaction bool
	AllowGlobalUpdate        bool
	FullSaveAssociations     bool
	QueryFields              bool
	Context                  context.Context
	Logger                   logger.Interface
	NowFunc                  func() time.Time
	CreateBatchSize          int
}

// Open initialize db session based on dialector.
func Open(dialector Dialector, opts ...Option) (db *DB, err error) { panic("stub") }

// Session create new db session.
func (db *DB) Session(config *Session) *DB { panic("stub") }

// WithContext change current instance db's context to ctx.
func (db *DB) WithContext(ctx context.Context) *DB { panic("stub") }

// Debug start debug mode.
func (db *DB) Debug() (tx *DB) { panic("stub") }

// Set store value with key into current db instance's context.
func (db *DB) Set(key string, value interface{}) *DB { panic("stub") }

// Get get value with key from current db instance's context.
func (db *DB) Get(key string) (interface{}, bool) { panic("stub") }

// InstanceSet store value with key into current db instance's context.
func (db *DB) InstanceSet(key string, value interface{}) *DB { panic("stub") }

// InstanceGet get value with key from current db instance's context.
func (db *DB) InstanceGet(key string) (interface{}, bool) { panic("stub") }

// Callback returns callback manager.
func (db *DB) Callback() *callbacks { panic("stub") }

// AddError add error to db.
func (db *DB) AddError(err error) error { panic("stub") }

// DB returns `*sql.DB`.
func (db *DB) DB() (*sql.DB, error) { panic("stub") }

// Expr returns clause.Expr, which can be used to pass SQL expression as params.
func Expr(expr string, args ...interface{}) clause.Expr { panic("stub") }

// SetupJoinTable setup join table schema.
func (db *DB) SetupJoinTable(model interface{}, field string, joinTable interface{}) error {
	panic("stub")
}

// Use use plugin.
func (db *DB) Use(plugin Plugin) error { panic("stub") }

// ToSQL for generate SQL string.
func (db *DB) ToSQL(queryFn func(tx *DB) *DB) string { panic("stub") }
