//! Errors (the call did not happen or failed) and traps (Wasm code stopped abnormally).

use std::ffi::CStr;
use std::fmt;
use std::ptr::NonNull;

use wasmc_sys as sys;

/// The category of an [`Error`]: one per `WASMC_ERR_*` code of `wasmc.h`, plus [`Trap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not a well-formed Wasm binary.
    Malformed,
    /// The module decodes but does not validate.
    Invalid,
    /// An import is missing or has the wrong type.
    Unlinkable,
    /// Instantiation failed.
    Uninstantiable,
    /// Out of memory, or a configured limit was reached.
    Resource,
    /// API misuse: wrong store, type, arity, handle.
    Misuse,
    /// A feature wasmc does not implement (yet).
    Unsupported,
    /// A bug in wasmc or its code generator.
    Internal,
    /// A guest range lies past the end of the memory.
    OutOfBounds,
    /// Guest pointer arithmetic does not fit the 32-bit guest address space.
    Overflow,
    /// A guest offset is not a multiple of the required alignment.
    Misaligned,
    /// A conflicting memory borrow is outstanding.
    Borrowed,
    /// Guest bytes that must be UTF-8 are not.
    InvalidUtf8,
    /// Wasm code trapped; [`Error::trap`] has the details.
    Trap,
    /// An error code this version of the bindings does not know.
    Other(u32),
}

impl ErrorKind {
    fn from_code(code: u32) -> ErrorKind {
        match code {
            sys::WASMC_ERR_MALFORMED => ErrorKind::Malformed,
            sys::WASMC_ERR_INVALID => ErrorKind::Invalid,
            sys::WASMC_ERR_UNLINKABLE => ErrorKind::Unlinkable,
            sys::WASMC_ERR_UNINSTANTIABLE => ErrorKind::Uninstantiable,
            sys::WASMC_ERR_RESOURCE => ErrorKind::Resource,
            sys::WASMC_ERR_MISUSE => ErrorKind::Misuse,
            sys::WASMC_ERR_UNSUPPORTED => ErrorKind::Unsupported,
            sys::WASMC_ERR_INTERNAL => ErrorKind::Internal,
            sys::WASMC_ERR_OUT_OF_BOUNDS => ErrorKind::OutOfBounds,
            sys::WASMC_ERR_OVERFLOW => ErrorKind::Overflow,
            sys::WASMC_ERR_MISALIGNED => ErrorKind::Misaligned,
            sys::WASMC_ERR_BORROWED => ErrorKind::Borrowed,
            sys::WASMC_ERR_INVALID_UTF8 => ErrorKind::InvalidUtf8,
            other => ErrorKind::Other(other),
        }
    }

    fn code(self) -> Option<u32> {
        Some(match self {
            ErrorKind::Malformed => sys::WASMC_ERR_MALFORMED,
            ErrorKind::Invalid => sys::WASMC_ERR_INVALID,
            ErrorKind::Unlinkable => sys::WASMC_ERR_UNLINKABLE,
            ErrorKind::Uninstantiable => sys::WASMC_ERR_UNINSTANTIABLE,
            ErrorKind::Resource => sys::WASMC_ERR_RESOURCE,
            ErrorKind::Misuse => sys::WASMC_ERR_MISUSE,
            ErrorKind::Unsupported => sys::WASMC_ERR_UNSUPPORTED,
            ErrorKind::Internal => sys::WASMC_ERR_INTERNAL,
            ErrorKind::OutOfBounds => sys::WASMC_ERR_OUT_OF_BOUNDS,
            ErrorKind::Overflow => sys::WASMC_ERR_OVERFLOW,
            ErrorKind::Misaligned => sys::WASMC_ERR_MISALIGNED,
            ErrorKind::Borrowed => sys::WASMC_ERR_BORROWED,
            ErrorKind::InvalidUtf8 => sys::WASMC_ERR_INVALID_UTF8,
            ErrorKind::Other(code) => code,
            ErrorKind::Trap => return None,
        })
    }
}

enum Repr {
    Wasmc { kind: ErrorKind, message: String, offset: Option<u64> },
    Trap(Trap),
}

/// An error of wasmc: a failed call (with an [`ErrorKind`], a message and, for malformed or
/// invalid modules, a byte offset), or a [`Trap`] of the Wasm code that a call ran.
pub struct Error {
    repr: Repr,
}

impl Error {
    /// An error of the given kind with a message (the bindings' own checks use this).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { repr: Repr::Wasmc { kind, message: message.into(), offset: None } }
    }

    /// The error's category.
    pub fn kind(&self) -> ErrorKind {
        match &self.repr {
            Repr::Wasmc { kind, .. } => *kind,
            Repr::Trap(_) => ErrorKind::Trap,
        }
    }

    /// The `WASMC_ERR_*` code of `wasmc.h`; `None` for a trap.
    pub fn code(&self) -> Option<u32> {
        self.kind().code()
    }

    /// The message (for a trap, the trap's message).
    pub fn message(&self) -> &str {
        match &self.repr {
            Repr::Wasmc { message, .. } => message,
            Repr::Trap(trap) => trap.message(),
        }
    }

    /// For decode and validation errors, the byte offset in the module of the problem.
    pub fn offset(&self) -> Option<u64> {
        match &self.repr {
            Repr::Wasmc { offset, .. } => *offset,
            Repr::Trap(_) => None,
        }
    }

    /// The trap, if Wasm code trapped.
    pub fn trap(&self) -> Option<&Trap> {
        match &self.repr {
            Repr::Trap(trap) => Some(trap),
            Repr::Wasmc { .. } => None,
        }
    }

    /// The trap, if Wasm code trapped; otherwise the error itself.
    pub fn into_trap(self) -> Result<Trap, Error> {
        match self.repr {
            Repr::Trap(trap) => Ok(trap),
            repr => Err(Error { repr }),
        }
    }

    /// Takes ownership of a `wasmc_error_t` (not NULL) and frees it.
    pub(crate) unsafe fn from_raw(raw: *mut sys::wasmc_error_t) -> Error {
        let kind = ErrorKind::from_code(sys::wasmc_error_code(raw));
        let message = cstr(sys::wasmc_error_message(raw));
        let mut offset = 0u64;
        let offset = sys::wasmc_error_offset(raw, &mut offset).then_some(offset);
        sys::wasmc_error_delete(raw);
        Error { repr: Repr::Wasmc { kind, message, offset } }
    }

    pub(crate) fn misuse(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Misuse, message)
    }
}

/// Turns an owned `wasmc_error_t *` result into a `Result`.
pub(crate) unsafe fn check(raw: *mut sys::wasmc_error_t) -> Result<(), Error> {
    if raw.is_null() {
        Ok(())
    } else {
        Err(Error::from_raw(raw))
    }
}

/// The outcome of a call that runs Wasm code: an error, or a trap in `trap`, or success.
pub(crate) unsafe fn check_call(
    raw: *mut sys::wasmc_error_t,
    trap: *mut sys::wasmc_trap_t,
) -> Result<(), Error> {
    check(raw)?;
    match NonNull::new(trap) {
        Some(trap) => Err(Trap::from_raw(trap).into()),
        None => Ok(()),
    }
}

pub(crate) unsafe fn cstr(ptr: *const std::ffi::c_char) -> String {
    if ptr.is_null() {
        String::new()
    } else {
        CStr::from_ptr(ptr).to_string_lossy().into_owned()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Wasmc { message, offset: Some(offset), .. } => {
                write!(f, "{message} (at byte offset {offset})")
            }
            Repr::Wasmc { message, .. } => f.write_str(message),
            Repr::Trap(trap) => write!(f, "wasm trap: {trap}"),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Wasmc { kind, message, offset } => f
                .debug_struct("Error")
                .field("kind", kind)
                .field("message", message)
                .field("offset", offset)
                .finish(),
            Repr::Trap(trap) => f.debug_tuple("Error").field(trap).finish(),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.repr {
            Repr::Trap(trap) => Some(trap),
            Repr::Wasmc { .. } => None,
        }
    }
}

impl From<Trap> for Error {
    fn from(trap: Trap) -> Error {
        Error { repr: Repr::Trap(trap) }
    }
}

/// Why Wasm code trapped: one per `WASMC_TRAP_*` code of `wasmc.h`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TrapCode {
    /// `unreachable` executed.
    Unreachable,
    /// Integer divide by zero.
    IntDivByZero,
    /// Integer overflow.
    IntOverflow,
    /// Invalid conversion to integer.
    BadConversion,
    /// Out of bounds memory access.
    MemoryOutOfBounds,
    /// Out of bounds table access, or undefined element.
    TableOutOfBounds,
    /// Uninitialized element.
    UninitializedElement,
    /// Indirect call type mismatch.
    IndirectCallType,
    /// Call stack exhausted.
    StackExhausted,
    /// Raised by a host function (including a panicking Rust closure).
    Host,
    /// All fuel consumed.
    OutOfFuel,
    /// The epoch deadline was reached.
    Interrupt,
    /// A trap code this version of the bindings does not know.
    Other(u32),
}

impl TrapCode {
    fn from_code(code: u32) -> TrapCode {
        match code {
            sys::WASMC_TRAP_UNREACHABLE => TrapCode::Unreachable,
            sys::WASMC_TRAP_INT_DIV_BY_ZERO => TrapCode::IntDivByZero,
            sys::WASMC_TRAP_INT_OVERFLOW => TrapCode::IntOverflow,
            sys::WASMC_TRAP_BAD_CONVERSION => TrapCode::BadConversion,
            sys::WASMC_TRAP_MEMORY_OUT_OF_BOUNDS => TrapCode::MemoryOutOfBounds,
            sys::WASMC_TRAP_TABLE_OUT_OF_BOUNDS => TrapCode::TableOutOfBounds,
            sys::WASMC_TRAP_UNINITIALIZED_ELEMENT => TrapCode::UninitializedElement,
            sys::WASMC_TRAP_INDIRECT_CALL_TYPE => TrapCode::IndirectCallType,
            sys::WASMC_TRAP_STACK_EXHAUSTED => TrapCode::StackExhausted,
            sys::WASMC_TRAP_HOST => TrapCode::Host,
            sys::WASMC_TRAP_OUT_OF_FUEL => TrapCode::OutOfFuel,
            sys::WASMC_TRAP_INTERRUPT => TrapCode::Interrupt,
            other => TrapCode::Other(other),
        }
    }
}

/// A trap: Wasm execution stopped abnormally. Host functions return one to make the calling
/// Wasm code trap; calls that run Wasm code report one as an [`Error`] of kind
/// [`ErrorKind::Trap`].
pub struct Trap {
    code: TrapCode,
    message: String,
    /// The wasmc trap object, when the trap came from wasmc: handing it back (from a host
    /// function) keeps its code and message unchanged.
    raw: Option<NonNull<sys::wasmc_trap_t>>,
}

// SAFETY: a wasmc_trap_t is immutable plain data, owned here.
unsafe impl Send for Trap {}
unsafe impl Sync for Trap {}

impl Trap {
    /// A host trap ([`TrapCode::Host`]) with the given message.
    pub fn new(message: impl Into<String>) -> Trap {
        Trap { code: TrapCode::Host, message: message.into(), raw: None }
    }

    /// Why the code trapped.
    pub fn code(&self) -> TrapCode {
        self.code
    }

    /// The message, e.g. "integer divide by zero (in function `fac`)".
    pub fn message(&self) -> &str {
        &self.message
    }

    pub(crate) unsafe fn from_raw(raw: NonNull<sys::wasmc_trap_t>) -> Trap {
        let code = TrapCode::from_code(sys::wasmc_trap_code(raw.as_ptr()));
        let message = cstr(sys::wasmc_trap_message(raw.as_ptr()));
        Trap { code, message, raw: Some(raw) }
    }

    /// An owned `wasmc_trap_t` for wasmc to take (returned from a host callback).
    pub(crate) fn into_raw(mut self) -> *mut sys::wasmc_trap_t {
        if let Some(raw) = self.raw.take() {
            return raw.as_ptr();
        }
        // SAFETY: the message is copied by wasmc.
        unsafe { sys::wasmc_trap_new(self.message.as_ptr().cast(), self.message.len()) }
    }
}

impl Drop for Trap {
    fn drop(&mut self) {
        if let Some(raw) = self.raw.take() {
            // SAFETY: owned.
            unsafe { sys::wasmc_trap_delete(raw.as_ptr()) }
        }
    }
}

impl Clone for Trap {
    /// A copy with the same code and message (handed to wasmc, a copy of a non-host trap
    /// becomes a host trap with the same message).
    fn clone(&self) -> Trap {
        Trap { code: self.code, message: self.message.clone(), raw: None }
    }
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Debug for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Trap").field("code", &self.code).field("message", &self.message).finish()
    }
}

impl std::error::Error for Trap {}

impl From<Error> for Trap {
    /// The trap inside `error`, or a host trap with the error's message.
    fn from(error: Error) -> Trap {
        match error.into_trap() {
            Ok(trap) => trap,
            Err(error) => Trap::new(error.to_string()),
        }
    }
}

/// The result type of fallible calls.
pub type Result<T, E = Error> = std::result::Result<T, E>;
