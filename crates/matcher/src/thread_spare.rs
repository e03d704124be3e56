//! Buffers a thread keeps from one query to the next: a query fills maps and vectors of
//! thousands of entries, and growing them from nothing for every query (reallocating, copying,
//! rehashing, freeing) cost more than using them. Each kind has its own thread-local slot.

use std::cell::Cell;
use std::thread::LocalKey;

/// A thread's slot for one kind of buffer.
pub(crate) type Slot<T> = LocalKey<Cell<Option<T>>>;

/// The buffer the thread kept in `slot`, or a new one (also while the thread is ending).
pub(crate) fn take<T: Default>(slot: &'static Slot<T>) -> T {
    slot.try_with(Cell::take).ok().flatten().unwrap_or_default()
}

/// Keep `buffer` in `slot` for the thread's next query; a thread that is ending keeps nothing.
pub(crate) fn keep<T>(slot: &'static Slot<T>, buffer: T) {
    let _ = slot.try_with(|s| s.set(Some(buffer)));
}
