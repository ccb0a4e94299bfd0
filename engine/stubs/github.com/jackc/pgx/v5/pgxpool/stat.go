// goseam API stub of github.com/jackc/pgx/v5/pgxpool (pgx v5.4.3; see pool.go).

package pgxpool

import "time"

// Stat is a snapshot of Pool statistics.
type Stat struct{}

// AcquireCount returns the cumulative count of successful acquires from the pool.
func (s *Stat) AcquireCount() int64 { panic("stub") }

// AcquireDuration returns the total duration of all successful acquires from the pool.
func (s *Stat) AcquireDuration() time.Duration { panic("stub") }

// AcquiredConns returns the number of currently acquired connections in the pool.
func (s *Stat) AcquiredConns() int32 { panic("stub") }

// CanceledAcquireCount returns the cumulative count of acquires from the
// pool that were canceled by a context.
func (s *Stat) CanceledAcquireCount() int64 { panic("stub") }

// ConstructingConns returns the number of conns with construction in progress in the pool.
func (s *Stat) ConstructingConns() int32 { panic("stub") }

// EmptyAcquireCount returns the cumulative count of successful acquires
// from the pool that waited for a resource to be released or constructed
// because the pool was empty.
func (s *Stat) EmptyAcquireCount() int64 { panic("stub") }

// IdleConns returns the number of currently idle conns in the pool.
func (s *Stat) IdleConns() int32 { panic("stub") }

// MaxConns returns the maximum size of the pool.
func (s *Stat) MaxConns() int32 { panic("stub") }

// TotalConns returns the total number of resources currently in the pool.
func (s *Stat) TotalConns() int32 { panic("stub") }

// NewConnsCount returns the cumulative count of new connections opened.
func (s *Stat) NewConnsCount() int64 { panic("stub") }

// MaxLifetimeDestroyCount returns the cumulative count of connections
// destroyed because they exceeded MaxConnLifetime.
func (s *Stat) MaxLifetimeDestroyCount() int64 { panic("stub") }

// MaxIdleDestroyCount returns the cumulative count of connections destroyed
// because they exceeded MaxConnIdleTime.
func (s *Stat) MaxIdleDestroyCount() int64 { panic("stub") }
