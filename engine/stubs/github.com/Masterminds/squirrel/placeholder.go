// goseam API stub of github.com/Masterminds/squirrel v1.5.4 (see squirrel.go).

package squirrel

// PlaceholderFormat is the interface that wraps the ReplacePlaceholders method.
type PlaceholderFormat interface {
	ReplacePlaceholders(sql string) (string, error)
}

var (
	// Question is a PlaceholderFormat instance that leaves placeholders as
	// question marks.
	Question = questionFormat{}

	// Dollar is a PlaceholderFormat instance that replaces placeholders with
	// dollar-prefixed positional placeholders (e.g. $1, $2, $3).
	Dollar = dollarFormat{}

	// Colon is a PlaceholderFormat instance that replaces placeholders with
	// colon-prefixed positional placeholders (e.g. :1, :2, :3).
	Colon = colonFormat{}

	// AtP is a PlaceholderFormat instance that replaces placeholders with
	// "@p"-prefixed positional placeholders (e.g. @p1, @p2, @p3).
	AtP = atpFormat{}
)

type questionFormat struct{}

func (questionFormat) ReplacePlaceholders(sql string) (string, error) { panic("stub") }

type dollarFormat struct{}

func (dollarFormat) ReplacePlaceholders(sql string) (string, error) { panic("stub") }

type colonFormat struct{}

func (colonFormat) ReplacePlaceholders(sql string) (string, error) { panic("stub") }

type atpFormat struct{}

func (atpFormat) ReplacePlaceholders(sql string) (string, error) { panic("stub") }

// Placeholders returns a string with count ? placeholders joined with commas.
func Placeholders(count int) string { panic("stub") }
