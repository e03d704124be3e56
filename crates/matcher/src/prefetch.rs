//! Hints that load the memory search will read a few candidates ahead.
//!
//! Bounding a candidate reads its prepared names and their tokens, which lie wherever the index
//! build allocated them: a query bounds hundreds to thousands of candidates, and the first read
//! of each name and token was a cache miss that stalled the bound (a third of its time). The
//! candidates are known in advance (retrieval lists them), so their memory is requested several
//! candidates before it is read and arrives while the bound works on the ones before.
//!
//! A hint changes no result: it only starts a load.

/// Ask for the cache lines of `bytes` bytes from `data` to be loaded.
#[inline]
pub fn lines<T>(data: *const T, bytes: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let start = data as *const i8;
        let mut offset = 0;
        while offset < bytes {
            // SAFETY: a prefetch never faults and reads nothing into the program: it is a hint,
            // valid for any address, and `wrapping_add` computes the address without
            // dereferencing it.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(start.wrapping_add(offset)) };
            offset += 64;
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (data, bytes);
    }
}

/// Ask for the elements of `items` to be loaded.
#[inline]
pub fn slice<T>(items: &[T]) {
    lines(items.as_ptr(), std::mem::size_of_val(items));
}
