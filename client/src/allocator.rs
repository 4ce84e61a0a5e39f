//! The global allocator in the browser: talc, for every page and core. std's
//! default there, dlmalloc, is about 3 KB gzipped larger, and talc is as fast
//! on a list of hundreds of rows that re-render and cancel together
//! (BENCHMARKS.md). A smaller free-list allocator saved about 460 B gzipped on
//! the widget's core but was several times slower on long lists; one
//! allocator everywhere is what the tests and the benchmark measure.

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
