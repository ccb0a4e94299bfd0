// goseam API stub of github.com/jackc/pgx/v5 v5.4.3 (see conn.go).

package pgx

import "context"

// LargeObjects is a structure used to access the large objects API.
type LargeObjects struct{}

// LargeObjectMode is the mode a large object is opened in.
type LargeObjectMode int32

// Large object modes.
const (
	LargeObjectModeWrite LargeObjectMode = 0x20000
	LargeObjectModeRead  LargeObjectMode = 0x40000
)

// Create creates a new large object.
func (o *LargeObjects) Create(ctx context.Context, oid uint32) (uint32, error) {
	panic("stub")
}

// Open opens an existing large object with the given mode.
func (o *LargeObjects) Open(ctx context.Context, oid uint32, mode LargeObjectMode) (*LargeObject, error) {
	panic("stub")
}

// Unlink removes a large object from the database.
func (o *LargeObjects) Unlink(ctx context.Context, oid uint32) error { panic("stub") }

// A LargeObject is a large object stored on the server.
type LargeObject struct{}

// Write writes p to the large object and returns the number of bytes written.
func (o *LargeObject) Write(p []byte) (int, error) { panic("stub") }

// Read reads up to len(p) bytes into p returning the number of bytes read.
func (o *LargeObject) Read(p []byte) (int, error) { panic("stub") }

// Seek moves the current location pointer to the new location specified by offset.
func (o *LargeObject) Seek(offset int64, whence int) (n int64, err error) { panic("stub") }

// Tell returns the current read or write location of the large object descriptor.
func (o *LargeObject) Tell() (n int64, err error) { panic("stub") }

// Truncate the large object to size.
func (o *LargeObject) Truncate(size int64) (err error) { panic("stub") }

// Close the large object descriptor.
func (o *LargeObject) Close() error { panic("stub") }
