//! [`Config`] and [`Engine`].

use std::ptr;
use std::sync::Arc;

use wasmc_sys as sys;

use crate::error::{check, Error, Result};

/// How much MIR optimises compiled code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum OptLevel {
    /// MIR's `-O0`: fastest compilation.
    None,
    /// MIR's `-O1` (the default).
    #[default]
    Speed,
}

/// How compiled code checks linear-memory bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BoundsMode {
    /// Reserve address space per memory and let guard pages catch accesses (the default).
    #[default]
    GuardPages,
    /// Compare every address with the memory's length.
    Explicit,
}

/// Engine options, applied by [`Engine::new`]. A plain value: clone it, share it, reuse it.
#[derive(Debug, Clone, Default)]
pub struct Config {
    opt_level: Option<OptLevel>,
    bounds_mode: Option<BoundsMode>,
    max_wasm_stack: Option<usize>,
    consume_fuel: bool,
    epoch_interruption: bool,
    compile_threads: Option<u32>,
    lazy_compile: bool,
}

impl Config {
    /// The defaults.
    pub fn new() -> Config {
        Config::default()
    }

    /// The optimisation level of compiled code.
    pub fn opt_level(&mut self, level: OptLevel) -> &mut Self {
        self.opt_level = Some(level);
        self
    }

    /// How compiled code checks memory bounds.
    pub fn bounds_mode(&mut self, mode: BoundsMode) -> &mut Self {
        self.bounds_mode = Some(mode);
        self
    }

    /// The most native stack, in bytes, that Wasm code may use (default 1 MiB; at least
    /// 16 KiB, else [`Engine::new`] fails). Deeper recursion traps with
    /// [`TrapCode::StackExhausted`](crate::TrapCode::StackExhausted).
    pub fn max_wasm_stack(&mut self, bytes: usize) -> &mut Self {
        self.max_wasm_stack = Some(bytes);
        self
    }

    /// Makes compiled code consume fuel; see [`Store::set_fuel`](crate::Store::set_fuel).
    pub fn consume_fuel(&mut self, enable: bool) -> &mut Self {
        self.consume_fuel = enable;
        self
    }

    /// Makes compiled code check the store's epoch deadline; see
    /// [`Engine::increment_epoch`] and [`Store::set_epoch_deadline`](crate::Store::set_epoch_deadline).
    pub fn epoch_interruption(&mut self, enable: bool) -> &mut Self {
        self.epoch_interruption = enable;
        self
    }

    /// How many threads may compile one module (default 0: one per CPU; 1: the calling
    /// thread only; at most 256, else [`Engine::new`] fails).
    pub fn compile_threads(&mut self, threads: u32) -> &mut Self {
        self.compile_threads = Some(threads);
        self
    }

    /// Compiles each function on its first call instead of in [`Module::new`](crate::Module::new),
    /// which still validates everything (x86-64; elsewhere compilation stays eager).
    pub fn lazy_compile(&mut self, enable: bool) -> &mut Self {
        self.lazy_compile = enable;
        self
    }

    fn to_raw(&self) -> Result<RawConfig> {
        // SAFETY: plain constructor; every setter gets the live config.
        unsafe {
            let raw = sys::wasmc_config_new();
            if raw.is_null() {
                return Err(Error::new(crate::ErrorKind::Resource, "out of memory"));
            }
            let config = RawConfig(raw);
            if let Some(level) = self.opt_level {
                let level = match level {
                    OptLevel::None => 0,
                    OptLevel::Speed => 1,
                };
                check(sys::wasmc_config_opt_level_set(raw, level))?;
            }
            if let Some(mode) = self.bounds_mode {
                let mode = match mode {
                    BoundsMode::GuardPages => sys::WASMC_BOUNDS_GUARD_PAGES,
                    BoundsMode::Explicit => sys::WASMC_BOUNDS_EXPLICIT,
                };
                check(sys::wasmc_config_bounds_mode_set(raw, mode))?;
            }
            if let Some(bytes) = self.max_wasm_stack {
                check(sys::wasmc_config_max_wasm_stack_set(raw, bytes))?;
            }
            // Only set when asked for, so that the default config never depends on them.
            if self.consume_fuel {
                check(sys::wasmc_config_consume_fuel_set(raw, true))?;
            }
            if self.epoch_interruption {
                check(sys::wasmc_config_epoch_interruption_set(raw, true))?;
            }
            if let Some(threads) = self.compile_threads {
                check(sys::wasmc_config_compile_threads_set(raw, threads))?;
            }
            if self.lazy_compile {
                check(sys::wasmc_config_lazy_compile_set(raw, true))?;
            }
            Ok(config)
        }
    }
}

struct RawConfig(*mut sys::wasmc_config_t);

impl Drop for RawConfig {
    fn drop(&mut self) {
        // SAFETY: owned.
        unsafe { sys::wasmc_config_delete(self.0) }
    }
}

pub(crate) struct EngineInner {
    pub(crate) raw: *mut sys::wasmc_engine_t,
}

// SAFETY: wasmc engines are immutable, reference-counted and thread-safe (wasmc.h).
unsafe impl Send for EngineInner {}
unsafe impl Sync for EngineInner {}

impl Drop for EngineInner {
    fn drop(&mut self) {
        // SAFETY: our reference; modules and stores hold their own.
        unsafe { sys::wasmc_engine_delete(self.raw) }
    }
}

/// Compiles modules. Cheap to clone (reference-counted), `Send` and `Sync`.
#[derive(Clone)]
pub struct Engine {
    pub(crate) inner: Arc<EngineInner>,
}

impl Engine {
    /// An engine with the options of `config`.
    pub fn new(config: &Config) -> Result<Engine> {
        let raw_config = config.to_raw()?;
        let mut raw = ptr::null_mut();
        // SAFETY: the config is copied.
        unsafe { check(sys::wasmc_engine_new(raw_config.0, &mut raw))? };
        Ok(Engine {
            inner: Arc::new(EngineInner { raw }),
        })
    }

    /// Increments the epoch counter: code of stores whose deadline is now reached stops at
    /// its next check. Cheap, lock-free; callable from any thread.
    pub fn increment_epoch(&self) {
        // SAFETY: thread-safe per wasmc.h.
        unsafe { sys::wasmc_engine_increment_epoch(self.inner.raw) }
    }

    /// True if both handles are the same engine.
    pub fn same(a: &Engine, b: &Engine) -> bool {
        Arc::ptr_eq(&a.inner, &b.inner)
    }

    pub(crate) fn raw(&self) -> *mut sys::wasmc_engine_t {
        self.inner.raw
    }
}

impl Default for Engine {
    /// An engine with the default options.
    fn default() -> Engine {
        Engine::new(&Config::default()).expect("creating a default wasmc engine")
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").finish_non_exhaustive()
    }
}

/// The version of the wasmc library in use, e.g. "0.1.0".
pub fn version() -> String {
    // SAFETY: static storage.
    unsafe { crate::error::cstr(sys::wasmc_version()) }
}
