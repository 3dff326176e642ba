//! The module's memory allocator (wasm32 only): [talc], serving every allocation from a
//! 16 MiB arena that is part of the module's initial linear memory, and growing the memory
//! only once 16 MiB are in use (no page of ours comes near: the demo page's sixteen figures
//! peak at about 2.3 MiB of heap, a 100,000-resample run fits too).
//!
//! Why not Rust's default (dlmalloc): it asks `memory.grow` for every new stretch of heap, so
//! mounting the demo page grew the memory from 1.1 to 3.4 MiB, a request at a time, in the middle
//! of running code. WebKit's JavaScriptCore on Linux intermittently traps right after such a
//! grow with "Out of bounds memory access" in correct code (seen here in `Vec::push` and in a
//! sort's scratch buffer while figures mounted; bugs.webkit.org 259441, tauri-apps/tauri#7154,
//! and reporters there found memory that does not grow cures it). With the arena, a page of
//! widgets does not grow the memory at all. The arena is zero-initialised static memory
//! (.bss), so it adds no bytes to the module, and pages the allocator never touches are
//! typically never committed by the browser (each page, or embed iframe, reserves 17 MiB).
//!
//! talc is a maintained allocator written for WebAssembly (smaller and faster there than
//! dlmalloc by its benchmarks); its `Source` trait is where a heap comes from, and ours is
//! "the arena first, then `memory.grow`".
//!
//! [talc]: https://crates.io/crates/talc

use core::alloc::Layout;
use core::mem::MaybeUninit;
use talc::base::{binning::Binning, Talc};
use talc::cell::TalcSyncCell;
use talc::source::Source;
use talc::wasm::WasmBinning;

/// The arena's size: about seven times the heap the demo page's sixteen figures use at their
/// peak (3.4 MiB of memory with dlmalloc, of which 1 MiB is the stack and 0.1 MiB data).
pub const ARENA_BYTES: usize = 16 << 20;
const PAGE_BYTES: usize = 64 << 10;
/// Past the arena, the memory grows by at least this much at a time (4 MiB), so a run that
/// outgrows it grows the memory rarely, not once per request.
const MIN_GROW_PAGES: usize = 64;

static mut ARENA: [MaybeUninit<u8>; ARENA_BYTES] = [MaybeUninit::uninit(); ARENA_BYTES];

/// Where talc's heaps come from: the arena once, then a heap of grown pages (4 MiB at least)
/// for each request the heaps cannot serve.
#[derive(Debug)]
pub struct ArenaThenGrow {
    arena_claimed: bool,
}

// SAFETY: `acquire` touches nothing but `talc` and memory no one else uses: the arena (only
// ever named here) and pages just grown.
unsafe impl Source for ArenaThenGrow {
    fn acquire<B: Binning>(talc: &mut Talc<Self, B>, layout: Layout) -> Result<(), ()> {
        if !talc.source.arena_claimed {
            talc.source.arena_claimed = true;
            let base = core::ptr::addr_of_mut!(ARENA).cast::<u8>();
            // SAFETY: the arena is static, handed to the allocator once and never used again.
            if unsafe { talc.claim(base, ARENA_BYTES) }.is_some() {
                return Ok(());
            }
        }
        // A heap for this request, with room for talc's bookkeeping and alignment: a page more
        // than the request needs (talc asks again while a new heap is too small, and a count
        // that always fell short would grow the memory until it could grow no more).
        let pages = (layout
            .size()
            .checked_add(layout.align())
            .and_then(|n| n.checked_add(2 * PAGE_BYTES - 1))
            .ok_or(())?
            / PAGE_BYTES)
            .max(MIN_GROW_PAGES);
        let previous = core::arch::wasm32::memory_grow(0, pages);
        if previous == usize::MAX {
            return Err(());
        }
        // SAFETY: the pages were just added to the memory; nothing else knows of them.
        match unsafe { talc.claim((previous * PAGE_BYTES) as *mut u8, pages * PAGE_BYTES) } {
            Some(_) => Ok(()),
            None => Err(()),
        }
    }
}

#[global_allocator]
static ALLOCATOR: TalcSyncCell<ArenaThenGrow, WasmBinning> =
    TalcSyncCell::new_wasm(ArenaThenGrow {
        arena_claimed: false,
    });
