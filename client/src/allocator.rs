//! The global allocator of the embed's widget core (feature
//! `small-allocator`): lol_alloc's free list, about 3 KB gzipped smaller than
//! std's dlmalloc. Allocating and freeing walk the free list, which stays
//! short for widgets (a page of 100 polling widgets measured the same as with
//! dlmalloc) but not for a list of hundreds of rows, so the list's core and
//! the app keep dlmalloc (BENCHMARKS.md).

#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());
