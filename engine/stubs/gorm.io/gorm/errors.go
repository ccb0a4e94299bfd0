// goseam API stub of gorm.io/gorm v1.25.x (see gorm.go).

package gorm

var (
	// ErrRecordNotFound record not found error.
	ErrRecordNotFound error
	// ErrInvalidTransaction invalid transaction when you are trying to `Commit` or `Rollback`.
	ErrInvalidTransaction error
	// ErrNotImplemented not implemented.
	ErrNotImplemented error
	// ErrMissingWhereClause missing where clause.
	ErrMissingWhereClause error
	// ErrUnsupportedRelation unsupported relations.
	ErrUnsupportedRelation error
	// ErrPrimaryKeyRequired primary keys required.
	ErrPrimaryKeyRequired error
	// ErrModelValueRequired model value required.
	ErrModelValueRequired error
	// ErrModelAccessibleFieldsRequired model accessible fields required.
	ErrModelAccessibleFieldsRequired error
	// ErrSubQueryRequired sub query required.
	ErrSubQueryRequired error
	// ErrInvalidData unsupported data.
	ErrInvalidData error
	// ErrUnsupportedDriver unsupported driver.
	ErrUnsupportedDriver error
	// ErrRegistered registered.
	ErrRegistered error
	// ErrInvalidField invalid field.
	ErrInvalidField error
	// ErrEmptySlice empty slice found.
	ErrEmptySlice error
	// ErrDryRunModeUnsupported dry run mode unsupported.
	ErrDryRunModeUnsupported error
	// ErrInvalidDB invalid db.
	ErrInvalidDB error
	// ErrInvalidValue invalid value.
	ErrInvalidValue error
	// ErrInvalidValueOfLength invalid values do not match length.
	ErrInvalidValueOfLength error
	// ErrPreloadNotAllowed preload is not allowed when count is used.
	ErrPreloadNotAllowed error
	// ErrDuplicatedKey occurs when there is a unique key constraint violation.
	ErrDuplicatedKey error
	// ErrForeignKeyViolated occurs when there is a foreign key constraint violation.
	ErrForeignKeyViolated error
)
