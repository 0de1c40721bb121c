//! Keeps `src/lib.rs` in sync with `include/wasmc.h`.
//!
//! The test parses the header at the level of its (regular) declarations: `WASMC_API`
//! function prototypes, `#define WASMC_*` constants, `typedef`s of scalars, function pointers,
//! opaque structs, and structs and unions with fields (including anonymous unions). It parses
//! `src/lib.rs` the same way (the `functions!`, `opaque!` blocks, `pub const`, `pub type`,
//! `pub struct` and `pub union` items) and checks, in both directions, that:
//!
//! - every function exists with the same parameter count and, translated from C to Rust, the
//!   same parameter and result types;
//! - every constant exists with the same value;
//! - every typedef exists with the same (translated) type; every struct and union has the
//!   same fields, in order, with the same types;
//! - every struct and union has the size, alignment and field offsets that the C compiler
//!   (`$CC`, default `cc`) reports for the header (a small C program generated from the parsed
//!   header, compiled and run at test time).
//!
//! The header is `$WASMC_HEADER`, by default `../../../include/wasmc.h` from this crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn header_path() -> PathBuf {
    std::env::var_os("WASMC_HEADER")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("../../../include/wasmc.h"))
}

fn read(path: &PathBuf) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Removes `/* */` and `//` comments (there are no comment markers inside strings here).
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let block = rest.find("/*");
        let line = rest.find("//");
        match (block, line) {
            (Some(b), l) if l.map_or(true, |l| b < l) => {
                out.push_str(&rest[..b]);
                let end = rest[b + 2..].find("*/").expect("unterminated comment") + b + 4;
                out.push(' ');
                rest = &rest[end..];
            }
            (_, Some(l)) => {
                out.push_str(&rest[..l]);
                let end = rest[l..].find('\n').map_or(rest.len(), |e| e + l);
                rest = &rest[end..];
            }
            (None, None) => {
                out.push_str(rest);
                return out;
            }
            _ => unreachable!(),
        }
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits at commas outside (), <> and [].
fn split_top(s: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | '>' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        parts.push(cur.trim().to_string());
    }
    parts
}

// ---- C to Rust types ---------------------------------------------------------------------------

fn c_base(name: &str) -> String {
    match name {
        "void" => "c_void",
        "char" => "c_char",
        "bool" => "bool",
        "size_t" => "usize",
        "uint8_t" => "u8",
        "int32_t" => "i32",
        "uint32_t" => "u32",
        "int64_t" => "i64",
        "uint64_t" => "u64",
        "float" => "f32",
        "double" => "f64",
        other if other.starts_with("wasmc_") => other,
        other => panic!("unknown C type `{other}`"),
    }
    .to_string()
}

/// Translates a C type without a declarator name (e.g. `const char **`) to Rust.
fn c_type(ty: &str) -> String {
    let ty = squash(ty);
    if ty == "void" {
        return "()".into();
    }
    if let Some(fp) = c_fn_pointer(&ty) {
        return fp.1;
    }
    let spaced = ty.replace('*', " * ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut base_const = false;
    let mut base = None;
    let mut ptr_consts: Vec<bool> = Vec::new(); // one per `*`: is the pointer itself const
    for t in tokens {
        match t {
            "const" => match ptr_consts.last_mut() {
                None => base_const = true,
                Some(last) => *last = true,
            },
            "*" => ptr_consts.push(false),
            name => {
                assert!(base.is_none(), "cannot parse C type `{ty}`");
                base = Some(name);
            }
        }
    }
    let mut rust = c_base(base.expect("no base type"));
    let mut pointee_const = base_const;
    for ptr_const in ptr_consts {
        rust = format!("*{} {rust}", if pointee_const { "const" } else { "mut" });
        pointee_const = ptr_const;
    }
    rust
}

/// `RET (*NAME)(ARGS)` -> (NAME, `Option<unsafe extern "C" fn(ARGS) -> RET>`).
fn c_fn_pointer(decl: &str) -> Option<(String, String)> {
    let open = decl.find("(*")?;
    let close = decl[open..].find(')')? + open;
    let name = decl[open + 2..close].trim().to_string();
    let ret = c_type(&decl[..open]);
    let args_start = decl[close + 1..].find('(')? + close + 2;
    let args_end = decl.rfind(')')?;
    let args: Vec<String> = c_params(&decl[args_start..args_end]).into_iter().map(|p| p.1).collect();
    let ret = if ret == "()" { String::new() } else { format!(" -> {ret}") };
    Some((name, format!("Option<unsafe extern \"C\" fn({}){ret}>", args.join(", "))))
}

/// A parameter list: (name or "", Rust type) per parameter.
fn c_params(list: &str) -> Vec<(String, String)> {
    let list = squash(list);
    if list.is_empty() || list == "void" {
        return Vec::new();
    }
    split_top(&list)
        .into_iter()
        .map(|p| {
            if let Some(fp) = c_fn_pointer(&p) {
                return fp;
            }
            // The name is the last identifier, if there is one after the type.
            let trimmed = p.trim_end();
            let split = trimmed.rfind(|c: char| c == '*' || c == ' ');
            match split {
                Some(i) => {
                    let name = &trimmed[i + 1..];
                    let ty = &trimmed[..=i];
                    if ty.trim() == "const" || ty.trim().is_empty() {
                        (String::new(), c_type(trimmed))
                    } else {
                        (name.to_string(), c_type(ty))
                    }
                }
                None => (String::new(), c_type(trimmed)),
            }
        })
        .collect()
}

// ---- The two sides as plain data ---------------------------------------------------------------

#[derive(Debug, Default)]
struct Api {
    /// name -> (parameter types, result type)
    functions: BTreeMap<String, (Vec<String>, String)>,
    /// name -> value (integers in decimal, strings quoted)
    constants: BTreeMap<String, String>,
    /// name -> type (scalar and function-pointer typedefs)
    types: BTreeMap<String, String>,
    /// opaque struct typedefs
    opaque: BTreeSet<String>,
    /// struct or union name -> fields (name, type)
    records: BTreeMap<String, Vec<(String, String)>>,
}

/// Normalises a Rust type for comparison: no whitespace, no parameter names in `fn(...)`.
fn norm(ty: &str) -> String {
    let s: String = ty.split_whitespace().collect::<Vec<_>>().join(" ");
    // Drop `name:` (but not `::`) inside function-pointer types.
    let bytes: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_alphabetic() || bytes[i] == '_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_alphanumeric() || bytes[i] == '_') {
                i += 1;
            }
            let word: String = bytes[start..i].iter().collect();
            let mut j = i;
            while j < bytes.len() && bytes[j] == ' ' {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == ':' && bytes.get(j + 1) != Some(&':') {
                i = j + 1;
                continue;
            }
            out.push_str(&word);
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out.replace(' ', "").replace(",>", ">").replace(",)", ")")
}

fn parse_int(v: &str) -> Option<String> {
    let v = v.trim().trim_end_matches(['u', 'U', 'l', 'L']);
    let n = if let Some(hex) = v.strip_prefix("0x") {
        u64::from_str_radix(hex, 16).ok()?
    } else {
        v.parse::<u64>().ok()?
    };
    Some(n.to_string())
}

/// Parses the fields of a struct or union body; anonymous unions become records of their own
/// named `<outer>.<field>`.
fn c_fields(outer: &str, body: &str, api: &mut Api) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    let mut rest = body.trim();
    while !rest.is_empty() {
        if rest.starts_with("union") || rest.starts_with("struct") {
            let open = rest.find('{').unwrap();
            let close = matching_brace(rest, open);
            let after = &rest[close + 1..];
            let semi = after.find(';').unwrap();
            let name = after[..semi].trim().to_string();
            let inner_name = format!("{outer}.{name}");
            let inner = c_fields(&inner_name, &rest[open + 1..close], api);
            api.records.insert(inner_name.clone(), inner);
            fields.push((name, inner_name));
            rest = after[semi + 1..].trim();
            continue;
        }
        let semi = rest.find(';').unwrap();
        let decl = squash(&rest[..semi]);
        rest = rest[semi + 1..].trim();
        let (decl, array) = match decl.find('[') {
            Some(i) => (decl[..i].to_string(), Some(decl[i + 1..decl.len() - 1].to_string())),
            None => (decl.clone(), None),
        };
        let params = c_params(&decl);
        let (name, mut ty) = params.into_iter().next().unwrap();
        if let Some(n) = array {
            ty = format!("[{ty}; {n}]");
        }
        fields.push((name, ty));
    }
    fields
}

fn matching_brace(s: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, c) in s[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + i;
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced braces");
}

fn parse_header(text: &str) -> Api {
    let text = strip_comments(text);
    let mut api = Api::default();
    // Constants.
    for line in text.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("#define ") {
            let mut it = rest.splitn(2, char::is_whitespace);
            let name = it.next().unwrap();
            let value = it.next().unwrap_or("").trim();
            if !name.starts_with("WASMC_") || name == "WASMC_API" || name == "WASMC_H" {
                continue;
            }
            let value = if value.starts_with('"') {
                value.to_string()
            } else {
                parse_int(value).unwrap_or_else(|| panic!("#define {name}: value `{value}`"))
            };
            api.constants.insert(name.to_string(), value);
        }
    }
    // Drop preprocessor lines, then walk the declarations (each ends with `;` at depth 0).
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let code = code.replace("extern \"C\" {", "");
    let mut depth = 0;
    let mut cur = String::new();
    let mut decls = Vec::new();
    for c in code.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            '}' => continue, // the close of `extern "C" {`
            _ => {}
        }
        cur.push(c);
        if c == ';' && depth == 0 {
            decls.push(squash(&cur));
            cur.clear();
        }
    }
    for decl in decls {
        let decl = decl.trim_end_matches(';').trim().to_string();
        if let Some(proto) = decl.strip_prefix("WASMC_API ") {
            let open = proto.find('(').unwrap();
            let head = &proto[..open];
            let name_start = head.rfind(|c: char| c == ' ' || c == '*').unwrap() + 1;
            let name = head[name_start..].to_string();
            let ret = c_type(&head[..name_start]);
            let params = c_params(&proto[open + 1..proto.len() - 1]);
            api.functions.insert(name, (params.into_iter().map(|p| p.1).collect(), ret));
        } else if let Some(td) = decl.strip_prefix("typedef ") {
            if td.starts_with("struct") || td.starts_with("union") {
                let name = td.rsplit(' ').next().unwrap().to_string();
                match td.find('{') {
                    None => {
                        api.opaque.insert(name);
                    }
                    Some(open) => {
                        let close = matching_brace(td, open);
                        let fields = c_fields(&name, &td[open + 1..close], &mut api);
                        api.records.insert(name, fields);
                    }
                }
            } else if let Some((name, ty)) = c_fn_pointer(td) {
                api.types.insert(name, ty);
            } else {
                let (ty, name) = td.rsplit_once(' ').unwrap();
                api.types.insert(name.to_string(), c_type(ty));
            }
        } else if !decl.is_empty() {
            panic!("unrecognised declaration in wasmc.h: `{decl}`");
        }
    }
    api
}

// ---- The Rust side ---------------------------------------------------------------------------

/// The text of the `name! { ... }` block.
fn macro_block<'a>(text: &'a str, name: &str) -> &'a str {
    let start = text.find(&format!("\n{name}! {{")).unwrap_or_else(|| panic!("no {name}! block"));
    let open = start + text[start..].find('{').unwrap();
    let close = matching_brace(text, open);
    &text[open + 1..close]
}

fn rust_value(v: &str) -> String {
    let v = v.trim();
    if v.starts_with('"') {
        v.to_string()
    } else {
        parse_int(&v.replace('_', "")).unwrap_or_else(|| panic!("const value `{v}`"))
    }
}

fn parse_rust(text: &str) -> Api {
    let text = strip_comments(text);
    let mut api = Api::default();
    // Functions.
    let block = macro_block(&text, "functions");
    for item in block.split(';') {
        let item = squash(item);
        let Some(rest) = item.strip_prefix("pub fn ") else {
            assert!(item.is_empty(), "unexpected item in functions!: `{item}`");
            continue;
        };
        let open = rest.find('(').unwrap();
        let name = rest[..open].trim().to_string();
        let close = {
            let mut depth = 0;
            let mut at = 0;
            for (i, c) in rest[open..].char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            at = open + i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            at
        };
        let params = split_top(&rest[open + 1..close])
            .into_iter()
            .map(|p| norm(p.split_once(':').expect("param without type").1))
            .collect();
        let ret = rest[close + 1..].trim();
        let ret = ret.strip_prefix("->").map_or("()".to_string(), norm);
        api.functions.insert(name, (params, ret));
    }
    // Opaque types.
    for item in macro_block(&text, "opaque").split(';') {
        let item = item.trim();
        if !item.is_empty() {
            api.opaque.insert(item.to_string());
        }
    }
    // Constants, type aliases, structs and unions (outside macros).
    let code = squash(&text);
    let mut rest = code.as_str();
    while let Some(i) = rest.find("pub ") {
        rest = &rest[i + 4..];
        if let Some(r) = rest.strip_prefix("const ") {
            let (name, r) = r.split_once(':').unwrap();
            let (_, r) = r.split_once('=').unwrap();
            let value = r[..r.find(';').unwrap()].to_string();
            api.constants.insert(name.trim().to_string(), rust_value(&value));
        } else if let Some(r) = rest.strip_prefix("type ") {
            let (name, r) = r.split_once('=').unwrap();
            // The type ends at the `;` at depth 0.
            let end = r.find(';').unwrap();
            api.types.insert(name.trim().to_string(), norm(&r[..end]));
        } else if let Some(r) = rest.strip_prefix("struct ").or_else(|| rest.strip_prefix("union ")) {
            let open = r.find('{').unwrap();
            let name = r[..open].trim().to_string();
            if name == "$name" {
                continue; // the opaque! macro's template
            }
            let close = matching_brace(r, open);
            let fields = split_top(&r[open + 1..close])
                .into_iter()
                .filter(|f| !f.is_empty())
                .map(|f| {
                    let f = f.trim().strip_prefix("pub ").unwrap_or(&f).to_string();
                    let (n, t) = f.split_once(':').unwrap();
                    (n.trim().to_string(), norm(t))
                })
                .collect();
            api.records.insert(name, fields);
            rest = &r[close..];
        }
    }
    api
}

/// The Rust name of a header record: anonymous unions `wasmc_val_t.of` are `wasmc_val_of_t`.
fn rust_record_name(c_name: &str) -> String {
    match c_name.split_once('.') {
        Some((outer, field)) => format!("{}_{field}_t", outer.trim_end_matches("_t")),
        None => c_name.to_string(),
    }
}

fn load() -> (Api, Api) {
    let header = parse_header(&read(&header_path()));
    let rust = parse_rust(&read(&manifest_dir().join("src/lib.rs")));
    (header, rust)
}

fn compare<V: PartialEq + std::fmt::Debug>(
    what: &str,
    c: &BTreeMap<String, V>,
    rust: &BTreeMap<String, V>,
    problems: &mut Vec<String>,
) {
    for (name, cv) in c {
        match rust.get(name) {
            None => problems.push(format!("{what} `{name}` of wasmc.h is missing in wasmc-sys")),
            Some(rv) if rv != cv => problems.push(format!(
                "{what} `{name}` differs:\n    wasmc.h:    {cv:?}\n    wasmc-sys:  {rv:?}"
            )),
            Some(_) => {}
        }
    }
    for name in rust.keys() {
        if !c.contains_key(name) {
            problems.push(format!("{what} `{name}` of wasmc-sys is not in wasmc.h"));
        }
    }
}

fn report(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "wasmc-sys is out of sync with {}:\n  {}",
        header_path().display(),
        problems.join("\n  ")
    );
}

#[test]
fn functions_match_the_header() {
    let (c, rust) = load();
    assert!(c.functions.len() > 80, "parsed only {} functions", c.functions.len());
    let norm_c: BTreeMap<_, _> = c
        .functions
        .iter()
        .map(|(n, (p, r))| (n.clone(), (p.iter().map(|t| norm(t)).collect::<Vec<_>>(), norm(r))))
        .collect();
    let mut problems = Vec::new();
    for (name, (cp, _)) in &norm_c {
        if let Some((rp, _)) = rust.functions.get(name) {
            if rp.len() != cp.len() {
                problems.push(format!(
                    "function `{name}`: {} parameters in wasmc.h, {} in wasmc-sys",
                    cp.len(),
                    rp.len()
                ));
            }
        }
    }
    compare("function", &norm_c, &rust.functions, &mut problems);
    report(problems);
}

#[test]
fn constants_match_the_header() {
    let (c, rust) = load();
    assert!(c.constants.len() > 40, "parsed only {} constants", c.constants.len());
    let mut problems = Vec::new();
    compare("constant", &c.constants, &rust.constants, &mut problems);
    report(problems);
}

#[test]
fn types_match_the_header() {
    let (c, rust) = load();
    let mut problems = Vec::new();
    let norm_c: BTreeMap<_, _> = c.types.iter().map(|(n, t)| (n.clone(), norm(t))).collect();
    compare("typedef", &norm_c, &rust.types, &mut problems);
    let c_opaque: BTreeMap<_, _> = c.opaque.iter().map(|n| (n.clone(), ())).collect();
    let r_opaque: BTreeMap<_, _> = rust.opaque.iter().map(|n| (n.clone(), ())).collect();
    compare("opaque struct", &c_opaque, &r_opaque, &mut problems);
    let c_records: BTreeMap<_, _> = c
        .records
        .iter()
        .map(|(n, fields)| {
            let fields: Vec<_> = fields
                .iter()
                .map(|(f, t)| {
                    let t = if t.contains('.') { rust_record_name(t) } else { t.clone() };
                    (f.clone(), norm(&t))
                })
                .collect();
            (rust_record_name(n), fields)
        })
        .collect();
    compare("struct/union", &c_records, &rust.records, &mut problems);
    report(problems);
}

// ---- Layout: compare with the C compiler ------------------------------------------------------

/// (size, align, field offsets) of each Rust record, by header name.
fn rust_layouts() -> BTreeMap<String, (usize, usize, Vec<(String, usize)>)> {
    use std::mem::{align_of, offset_of, size_of};
    use wasmc_sys::*;
    let mut m = BTreeMap::new();
    macro_rules! record {
        ($c:expr, $t:ty { $($f:ident),* }) => {
            m.insert(
                $c.to_string(),
                (size_of::<$t>(), align_of::<$t>(),
                 vec![$((stringify!($f).to_string(), offset_of!($t, $f))),*]),
            );
        };
    }
    record!("wasmc_limits_t", wasmc_limits_t { min, max, has_max });
    record!("wasmc_externtype_t", wasmc_externtype_t {
        kind, func, table_elem, limits, global_kind, global_mutable });
    record!("wasmc_func_t", wasmc_func_t { store_id, index });
    record!("wasmc_memory_t", wasmc_memory_t { store_id, index });
    record!("wasmc_table_t", wasmc_table_t { store_id, index });
    record!("wasmc_global_t", wasmc_global_t { store_id, index });
    record!("wasmc_instance_t", wasmc_instance_t { store_id, index });
    record!("wasmc_externref_t", wasmc_externref_t { store_id, index });
    record!("wasmc_val_t", wasmc_val_t { kind, of });
    record!("wasmc_val_t.of", wasmc_val_of_t { i32, i64, f32, f64, v128, funcref, externref });
    record!("wasmc_val_raw_t", wasmc_val_raw_t { i32, i64, f32, f64, v128, funcref, externref });
    record!("wasmc_extern_t", wasmc_extern_t { kind, of });
    record!("wasmc_extern_t.of", wasmc_extern_of_t { func, table, memory, global });
    record!("wasmc_borrow_t", wasmc_borrow_t { store_id, id });
    m
}

#[test]
fn layouts_match_the_c_compiler() {
    let (c, _) = load();
    let rust = rust_layouts();
    let c_names: BTreeSet<_> = c.records.keys().cloned().collect();
    let r_names: BTreeSet<_> = rust.keys().cloned().collect();
    assert_eq!(c_names, r_names, "the layout table of this test must list every record");

    // A C program printing `name size align` and `name.field offset` for every record.
    let header = header_path();
    let mut prog = format!(
        "#include <stdio.h>\n#include <stddef.h>\n#include \"{}\"\nint main(void) {{\n",
        header.file_name().unwrap().to_string_lossy()
    );
    for (name, fields) in &c.records {
        let (ty, access) = match name.split_once('.') {
            Some((outer, field)) => (format!("(({outer} *)0)->{field}"), true),
            None => (name.clone(), false),
        };
        let (size, align) = if access {
            (format!("sizeof({ty})"), format!("_Alignof(__typeof__({ty}))"))
        } else {
            (format!("sizeof({ty})"), format!("_Alignof({ty})"))
        };
        prog += &format!("  printf(\"{name} %zu %zu\\n\", (size_t){size}, (size_t){align});\n");
        for (field, _) in fields {
            let off = match name.split_once('.') {
                Some((outer, inner)) => {
                    format!("offsetof({outer}, {inner}.{field}) - offsetof({outer}, {inner})")
                }
                None => format!("offsetof({name}, {field})"),
            };
            prog += &format!("  printf(\"{name}.{field} %zu\\n\", {off});\n");
        }
    }
    prog += "  return 0;\n}\n";

    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("header_sync");
    std::fs::create_dir_all(&dir).unwrap();
    let src = dir.join("layout.c");
    let exe = dir.join("layout");
    std::fs::write(&src, prog).unwrap();
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let include = header_path().parent().unwrap().to_path_buf();
    let status = Command::new(&cc)
        .arg("-std=gnu99")
        .arg("-I")
        .arg(&include)
        .arg(&src)
        .arg("-o")
        .arg(&exe)
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => panic!("{cc} failed ({s}) on {}", src.display()),
        Err(e) => {
            // No C compiler: the compile-time assertions in src/lib.rs still hold.
            eprintln!("skipping the C layout comparison: cannot run `{cc}`: {e}");
            return;
        }
    }
    let out = Command::new(&exe).output().expect("run the layout program");
    assert!(out.status.success());
    let out = String::from_utf8(out.stdout).unwrap();
    let mut problems = Vec::new();
    let mut checked = 0;
    for line in out.lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        let key = parts[0];
        if parts.len() == 3 {
            let (size, align): (usize, usize) = (parts[1].parse().unwrap(), parts[2].parse().unwrap());
            let r = &rust[key];
            if (r.0, r.1) != (size, align) {
                problems.push(format!(
                    "{key}: C size/align {size}/{align}, Rust {}/{}",
                    r.0, r.1
                ));
            }
        } else {
            // `record.field` where record may itself contain a dot (wasmc_val_t.of.i32).
            let (record, field) = key.rsplit_once('.').unwrap();
            let offset: usize = parts[1].parse().unwrap();
            let r = &rust[record];
            match r.2.iter().find(|(f, _)| f == field) {
                Some((_, o)) if *o == offset => {}
                Some((_, o)) => problems.push(format!("{key}: C offset {offset}, Rust {o}")),
                None => problems.push(format!("{key}: field missing in the Rust layout table")),
            }
        }
        checked += 1;
    }
    assert!(checked > 40, "only {checked} layout facts checked");
    report(problems);
}

#[test]
fn the_parser_translates_c_types() {
    assert_eq!(c_type("const char **"), "*mut *const c_char");
    assert_eq!(c_type("const wasmc_error_t *"), "*const wasmc_error_t");
    assert_eq!(c_type("uint8_t *"), "*mut u8");
    assert_eq!(c_type("void"), "()");
    let params = c_params("wasmc_store_t *store, void (*finalizer)(void *), size_t n");
    assert_eq!(params[1].0, "finalizer");
    assert_eq!(params[1].1, "Option<unsafe extern \"C\" fn(*mut c_void)>");
    assert_eq!(params[2], ("n".to_string(), "usize".to_string()));
    assert_eq!(norm("Option<unsafe extern \"C\" fn(env: *mut c_void) -> bool>"),
               "Option<unsafeextern\"C\"fn(*mutc_void)->bool>");
}
