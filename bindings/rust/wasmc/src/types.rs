//! Types of values, functions, memories, tables, globals, imports and exports.

use std::fmt;

use wasmc_sys as sys;

/// The type of a Wasm value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValType {
    /// 32-bit integer.
    I32,
    /// 64-bit integer.
    I64,
    /// 32-bit float.
    F32,
    /// 64-bit float.
    F64,
    /// 128-bit vector (SIMD modules do not compile yet).
    V128,
    /// A reference to a function, or null.
    FuncRef,
    /// A reference to a host object, or null.
    ExternRef,
}

impl ValType {
    pub(crate) fn to_raw(self) -> sys::wasmc_valkind_t {
        match self {
            ValType::I32 => sys::WASMC_I32,
            ValType::I64 => sys::WASMC_I64,
            ValType::F32 => sys::WASMC_F32,
            ValType::F64 => sys::WASMC_F64,
            ValType::V128 => sys::WASMC_V128,
            ValType::FuncRef => sys::WASMC_FUNCREF,
            ValType::ExternRef => sys::WASMC_EXTERNREF,
        }
    }

    pub(crate) fn from_raw(kind: sys::wasmc_valkind_t) -> ValType {
        match kind {
            sys::WASMC_I32 => ValType::I32,
            sys::WASMC_I64 => ValType::I64,
            sys::WASMC_F32 => ValType::F32,
            sys::WASMC_F64 => ValType::F64,
            sys::WASMC_V128 => ValType::V128,
            sys::WASMC_FUNCREF => ValType::FuncRef,
            sys::WASMC_EXTERNREF => ValType::ExternRef,
            other => panic!("unknown wasmc value kind {other}"),
        }
    }

    /// True for the reference types.
    pub fn is_ref(&self) -> bool {
        matches!(self, ValType::FuncRef | ValType::ExternRef)
    }
}

impl fmt::Display for ValType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValType::I32 => "i32",
            ValType::I64 => "i64",
            ValType::F32 => "f32",
            ValType::F64 => "f64",
            ValType::V128 => "v128",
            ValType::FuncRef => "funcref",
            ValType::ExternRef => "externref",
        })
    }
}

/// A function type: parameter and result types.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FuncType {
    params: Vec<ValType>,
    results: Vec<ValType>,
}

impl FuncType {
    /// A function type from its parameter and result types.
    pub fn new(
        params: impl IntoIterator<Item = ValType>,
        results: impl IntoIterator<Item = ValType>,
    ) -> FuncType {
        FuncType { params: params.into_iter().collect(), results: results.into_iter().collect() }
    }

    /// The parameter types.
    pub fn params(&self) -> &[ValType] {
        &self.params
    }

    /// The result types.
    pub fn results(&self) -> &[ValType] {
        &self.results
    }

    /// Reads a borrowed `wasmc_functype_t`.
    pub(crate) unsafe fn from_raw(raw: *const sys::wasmc_functype_t) -> FuncType {
        unsafe fn kinds(ptr: *const u8, n: usize) -> Vec<ValType> {
            if n == 0 || ptr.is_null() {
                return Vec::new();
            }
            std::slice::from_raw_parts(ptr, n).iter().map(|k| ValType::from_raw(*k)).collect()
        }
        let (mut np, mut nr) = (0usize, 0usize);
        let p = sys::wasmc_functype_params(raw, &mut np);
        let r = sys::wasmc_functype_results(raw, &mut nr);
        FuncType { params: kinds(p, np), results: kinds(r, nr) }
    }

    /// A new `wasmc_functype_t`, owned by the caller.
    pub(crate) fn to_raw(&self) -> RawFuncType {
        let p: Vec<u8> = self.params.iter().map(|t| t.to_raw()).collect();
        let r: Vec<u8> = self.results.iter().map(|t| t.to_raw()).collect();
        // SAFETY: the arrays are copied.
        let raw = unsafe { sys::wasmc_functype_new(p.as_ptr(), p.len(), r.as_ptr(), r.len()) };
        assert!(!raw.is_null(), "wasmc_functype_new failed (out of memory)");
        RawFuncType(raw)
    }
}

impl fmt::Display for FuncType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |v: &[ValType]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(" ");
        write!(f, "(func (param {}) (result {}))", list(&self.params), list(&self.results))
    }
}

/// An owned `wasmc_functype_t`, deleted on drop.
pub(crate) struct RawFuncType(pub(crate) *mut sys::wasmc_functype_t);

impl Drop for RawFuncType {
    fn drop(&mut self) {
        // SAFETY: owned.
        unsafe { sys::wasmc_functype_delete(self.0) }
    }
}

pub(crate) fn limits_to_raw(min: u64, max: Option<u64>) -> sys::wasmc_limits_t {
    sys::wasmc_limits_t { min, max: max.unwrap_or(0), has_max: max.is_some() }
}

fn limits_max(l: &sys::wasmc_limits_t) -> Option<u64> {
    l.has_max.then_some(l.max)
}

/// The type of a linear memory: its limits in 64 KiB pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MemoryType {
    minimum: u64,
    maximum: Option<u64>,
}

impl MemoryType {
    /// A memory type of at least `minimum` pages and at most `maximum` pages.
    pub fn new(minimum: u32, maximum: Option<u32>) -> MemoryType {
        MemoryType { minimum: minimum.into(), maximum: maximum.map(Into::into) }
    }

    /// The minimum (initial) number of pages.
    pub fn minimum(&self) -> u64 {
        self.minimum
    }

    /// The maximum number of pages, if any.
    pub fn maximum(&self) -> Option<u64> {
        self.maximum
    }

    pub(crate) fn from_limits(l: &sys::wasmc_limits_t) -> MemoryType {
        MemoryType { minimum: l.min, maximum: limits_max(l) }
    }

    pub(crate) fn to_limits(self) -> sys::wasmc_limits_t {
        limits_to_raw(self.minimum, self.maximum)
    }
}

/// The type of a table: element type and limits in elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TableType {
    element: ValType,
    minimum: u64,
    maximum: Option<u64>,
}

impl TableType {
    /// A table of `element` (`FuncRef` or `ExternRef`) with the given limits.
    pub fn new(element: ValType, minimum: u32, maximum: Option<u32>) -> TableType {
        TableType { element, minimum: minimum.into(), maximum: maximum.map(Into::into) }
    }

    /// The element type.
    pub fn element(&self) -> ValType {
        self.element
    }

    /// The minimum (initial) number of elements.
    pub fn minimum(&self) -> u64 {
        self.minimum
    }

    /// The maximum number of elements, if any.
    pub fn maximum(&self) -> Option<u64> {
        self.maximum
    }

    pub(crate) fn from_raw(elem: sys::wasmc_valkind_t, l: &sys::wasmc_limits_t) -> TableType {
        TableType { element: ValType::from_raw(elem), minimum: l.min, maximum: limits_max(l) }
    }

    pub(crate) fn to_limits(self) -> sys::wasmc_limits_t {
        limits_to_raw(self.minimum, self.maximum)
    }
}

/// Whether a global may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mutability {
    /// Read-only.
    Const,
    /// Readable and writable.
    Var,
}

/// The type of a global: value type and mutability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GlobalType {
    content: ValType,
    mutability: Mutability,
}

impl GlobalType {
    /// A global type.
    pub fn new(content: ValType, mutability: Mutability) -> GlobalType {
        GlobalType { content, mutability }
    }

    /// The value type.
    pub fn content(&self) -> ValType {
        self.content
    }

    /// The mutability.
    pub fn mutability(&self) -> Mutability {
        self.mutability
    }
}

/// The type of an import or export.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ExternType {
    /// A function.
    Func(FuncType),
    /// A table.
    Table(TableType),
    /// A linear memory.
    Memory(MemoryType),
    /// A global.
    Global(GlobalType),
}

impl ExternType {
    /// Reads a borrowed `wasmc_externtype_t`.
    pub(crate) unsafe fn from_raw(raw: &sys::wasmc_externtype_t) -> ExternType {
        match raw.kind {
            sys::WASMC_EXTERN_FUNC => ExternType::Func(FuncType::from_raw(raw.func)),
            sys::WASMC_EXTERN_TABLE => {
                ExternType::Table(TableType::from_raw(raw.table_elem, &raw.limits))
            }
            sys::WASMC_EXTERN_MEMORY => ExternType::Memory(MemoryType::from_limits(&raw.limits)),
            sys::WASMC_EXTERN_GLOBAL => ExternType::Global(GlobalType::new(
                ValType::from_raw(raw.global_kind),
                if raw.global_mutable { Mutability::Var } else { Mutability::Const },
            )),
            other => panic!("unknown wasmc extern kind {other}"),
        }
    }

    /// The function type, if this is a function.
    pub fn func(&self) -> Option<&FuncType> {
        match self {
            ExternType::Func(t) => Some(t),
            _ => None,
        }
    }

    /// The memory type, if this is a memory.
    pub fn memory(&self) -> Option<&MemoryType> {
        match self {
            ExternType::Memory(t) => Some(t),
            _ => None,
        }
    }

    /// The table type, if this is a table.
    pub fn table(&self) -> Option<&TableType> {
        match self {
            ExternType::Table(t) => Some(t),
            _ => None,
        }
    }

    /// The global type, if this is a global.
    pub fn global(&self) -> Option<&GlobalType> {
        match self {
            ExternType::Global(t) => Some(t),
            _ => None,
        }
    }
}
