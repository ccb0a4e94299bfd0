// goseam API stub of github.com/Masterminds/squirrel v1.5.4 (see squirrel.go).

package squirrel

// Expr builds an expression from a SQL fragment and arguments.
func Expr(sql string, args ...interface{}) Sqlizer { panic("stub") }

type concatExpr []interface{}

func (ce concatExpr) ToSql() (sql string, args []interface{}, err error) { panic("stub") }

// ConcatExpr builds an expression by concatenating strings and other expressions.
func ConcatExpr(parts ...interface{}) concatExpr { panic("stub") }

// aliasExpr helps to alias part of SQL query generated with underlying "expr".
type aliasExpr struct{}

// Alias allows to define alias for column in SelectBuilder.
func Alias(expr Sqlizer, alias string) aliasExpr { panic("stub") }

func (e aliasExpr) ToSql() (sql string, args []interface{}, err error) { panic("stub") }

// Eq is syntactic sugar for use with Where/Having/Set methods.
type Eq map[string]interface{}

func (eq Eq) ToSql() (sql string, args []interface{}, err error) { panic("stub") }

// NotEq is syntactic sugar for use with Where/Having/Set methods.
type NotEq Eq

func (neq NotEq) ToSql() (sql string, args []interface{}, err error) { panic("stub") }

// Like is syntactic sugar for use with LIKE conditions.
type Like map[string]interface{}

func (lk Like) ToSql() (sql string, args []interface{}, err error) { panic("stub") }

// NotLike is syntactic sugar for use with LIKE conditions.
type NotLike Like

func (nlk NotLike) ToSql() (sql string, args []interface{}, err error) { panic("stub") }

// ILike is syntactic sugar for use with ILIKE conditions.
type ILike Like

func (ilk ILike) ToSql() (sql string, args []interface{}, err error) { panic("stub") }

// NotILike is syntactic sugar for use with ILIKE conditions.
type NotILike Like

func (nilk NotILike) ToSql() (sql string, args []interface{}, err error) { panic("stub") }

// Lt is syntactic sugar for use with Where/Having/Set methods.
type Lt map[string]interface{}

func (lt Lt) ToSql() (sql string, args []interface{}, err error) { panic("stub") }

// LtOrEq is syntactic sugar for use with Where/Having/Set methods.
type LtOrEq Lt

func (ltOrEq LtOrEq) ToSql() (sql string, args []interface{}, err error) { panic("stub") }

// Gt is syntactic sugar for use with Where/Having/Set methods.
type Gt Lt

func (gt Gt) ToSql() (sql string, args []interface{}, err error) { panic("stub") }

// GtOrEq is syntactic sugar for use with Where/Having/Set methods.
type GtOrEq Lt

func (gtOrEq GtOrEq) ToSql() (sql string, args []interface{}, err error) { panic("stub") }

type conj []Sqlizer

// And conjunction Sqlizers.
type And conj

func (a And) ToSql() (string, []interface{}, error) { panic("stub") }

// Or conjunction Sqlizers.
type Or conj

func (o Or) ToSql() (string, []interface{}, error) { panic("stub") }
