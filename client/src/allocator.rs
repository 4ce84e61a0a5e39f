//! The global allocator in the browser. std's default there, dlmalloc, is
//! about 3 KB gzipped larger than either of these (BENCHMARKS.md).
//!
//! - talc, for the pages and the list's core: as fast as dlmalloc on a list
//!   of hundreds of rows that re-render and cancel together.
//! - lol_alloc's free list, for the embed's widget core (feature
//!   `small-allocator`), about 460 B gzipped smaller still. Allocating and
//!   freeing walk the free list, which stays short for widgets (a page of 100
//!   polling widgets measured the same as with dlmalloc) but not for a list of
//!   hundreds of rows, several times slower there.

#[cfg(not(feature = "small-allocator"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(feature = "small-allocator")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());
