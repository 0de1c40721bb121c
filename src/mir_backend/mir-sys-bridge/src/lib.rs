//! Links MIR's C code (compiled by the `mir-sys` build script) into one static
//! library for wasmc's CMake build. wasmc calls MIR through its C header, so
//! this crate only has to keep the C objects in the archive.
pub use mir_sys;
