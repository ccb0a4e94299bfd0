// goseam API stub of gorm.io/gorm v1.25.x (see gorm.go).

package gorm

// callbacks gorm callbacks manager.
type callbacks struct{}

type processor struct{}

type callback struct{}

func (cs *callbacks) Create() *processor { panic("stub") }

func (cs *callbacks) Query() *processor { panic("stub") }

func (cs *callbacks) Update() *processor { panic("stub") }

func (cs *callbacks) Delete() *processor { panic("stub") }

func (cs *callbacks) Row() *processor { panic("stub") }

func (cs *callbacks) Raw() *processor { panic("stub") }

func (p *processor) Execute(db *DB) *DB { panic("stub") }

func (p *processor) Get(name string) func(*DB) { panic("stub") }

func (p *processor) Before(name string) *callback { panic("stub") }

func (p *processor) After(name string) *callback { panic("stub") }

func (p *processor) Match(fc func(*DB) bool) *callback { panic("stub") }

func (p *processor) Register(name string, fn func(*DB)) error { panic("stub") }

func (p *processor) Remove(name string) error { panic("stub") }

func (p *processor) Replace(name string, fn func(*DB)) error { panic("stub") }

func (c *callback) Before(name string) *callback { panic("stub") }

func (c *callback) After(name string) *callback { panic("stub") }

func (c *callback) Register(name string, fn func(*DB)) error { panic("stub") }

func (c *callback) Remove(name string) error { panic("stub") }

func (c *callback) Replace(name string, fn func(*DB)) error { panic("stub") }
