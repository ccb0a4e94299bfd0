//! Standard output, optionally copied into a buffer.
//!
//! Commands write their results through [`stdout`]. While a copy is being
//! taken ([`Copy::start`]), every byte written to standard output is also
//! kept, so the result cache can store exactly what was printed. The copy
//! belongs to the thread that started it: commands print from the main
//! thread.

use std::cell::RefCell;
use std::io::{self, Write};

thread_local! {
    static COPY: RefCell<Option<Vec<u8>>> = const { RefCell::new(None) };
}

/// Standard output, through the copy when one is being taken.
pub struct Stdout;

/// [`Stdout`], for commands.
pub fn stdout() -> Stdout {
    Stdout
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        io::stdout().lock().write_all(buf)?;
        COPY.with(|c| {
            if let Some(copy) = c.borrow_mut().as_mut() {
                copy.extend_from_slice(buf);
            }
        });
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stdout().lock().flush()
    }
}

/// A copy of standard output being taken on this thread.
pub struct Copy(());

impl Copy {
    pub fn start() -> Copy {
        COPY.with(|c| *c.borrow_mut() = Some(Vec::new()));
        Copy(())
    }

    /// Stop copying; what was printed since [`Copy::start`].
    pub fn finish(self) -> Vec<u8> {
        COPY.with(|c| c.borrow_mut().take()).unwrap_or_default()
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        COPY.with(|c| c.borrow_mut().take());
    }
}
