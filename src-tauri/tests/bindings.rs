//! ui/src/bindings/ holds the TypeScript declarations of everything that crosses the IPC boundary,
//! generated from the Rust types by ts-rs, and commands.ts, one typed function per command,
//! generated from the command functions themselves. This test regenerates them and fails when the
//! committed files differ; `UPDATE_BINDINGS=1 cargo test -p svodka-desktop --test bindings`
//! rewrites them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use svodka_analysis::Analysis;
use svodka_desktop::protocol::{
    AnalyzeRequest, CommandError, Facets, InstallEvent, PicksRequest, ProgressEvent, SaveRequest,
};
use svodka_engine::compare::Comparison;
use svodka_engine::models::ModelStatus;
use svodka_library::{Entry, ExportFormat, Hit, ImportReport, Query};
use ts_rs::TS;

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read_to_string(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn typescript_bindings_are_current() {
    let fresh = std::env::temp_dir().join(format!("svodka-bindings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fresh);
    Analysis::export_all_to(&fresh).unwrap();
    AnalyzeRequest::export_all_to(&fresh).unwrap();
    ProgressEvent::export_all_to(&fresh).unwrap();
    CommandError::export_all_to(&fresh).unwrap();
    InstallEvent::export_all_to(&fresh).unwrap();
    ModelStatus::export_all_to(&fresh).unwrap();
    SaveRequest::export_all_to(&fresh).unwrap();
    PicksRequest::export_all_to(&fresh).unwrap();
    Comparison::export_all_to(&fresh).unwrap();
    Facets::export_all_to(&fresh).unwrap();
    Entry::export_all_to(&fresh).unwrap();
    Hit::export_all_to(&fresh).unwrap();
    Query::export_all_to(&fresh).unwrap();
    ExportFormat::export_all_to(&fresh).unwrap();
    ImportReport::export_all_to(&fresh).unwrap();
    let mut generated = read_dir(&fresh);
    generated.insert("commands.ts".into(), command_bindings());
    std::fs::remove_dir_all(&fresh).unwrap();

    let committed_dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "ui", "src", "bindings"]
        .iter()
        .collect();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &generated {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
    }
    let committed = read_dir(&committed_dir);
    assert!(generated.contains_key("Analysis.ts") && generated.len() > 15);
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        generated.keys().collect::<Vec<_>>(),
        "ui/src/bindings is out of date: run UPDATE_BINDINGS=1 cargo test -p svodka-desktop --test bindings"
    );
    for (name, text) in &generated {
        assert_eq!(
            &committed[name], text,
            "ui/src/bindings/{name} is out of date: run UPDATE_BINDINGS=1 cargo test -p svodka-desktop --test bindings"
        );
    }
}

/// ui/src/bindings/commands.ts: one typed function per `#[tauri::command]` in src/commands.rs,
/// written from the functions' own signatures (parsed with syn), so renaming a command or an
/// argument changes the generated TypeScript and breaks every caller at `tsc`. Also checks that
/// lib.rs registers exactly those commands.
fn command_bindings() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let source = std::fs::read_to_string(dir.join("commands.rs")).unwrap();
    let file = syn::parse_file(&source).expect("src/commands.rs parses");
    let mut imports = BTreeSet::new();
    let mut functions = Vec::new();
    let mut names = Vec::new();
    for item in &file.items {
        let syn::Item::Fn(f) = item else { continue };
        let is_command = f.attrs.iter().any(|a| {
            let path = a.path();
            path.segments.len() == 2
                && path.segments[0].ident == "tauri"
                && path.segments[1].ident == "command"
        });
        if !is_command {
            continue;
        }
        let name = f.sig.ident.to_string();
        let mut params = Vec::new();
        let mut args = Vec::new();
        for input in &f.sig.inputs {
            let syn::FnArg::Typed(arg) = input else {
                panic!("{name}: commands are free functions")
            };
            let syn::Pat::Ident(ident) = &*arg.pat else {
                panic!("{name}: arguments must be plain names")
            };
            if is_injected(&arg.ty) {
                continue; // State<…>, AppHandle, Window: supplied by Tauri, not the page
            }
            let arg_name = camel_case(&ident.ident.to_string());
            params.push(format!("{arg_name}: {}", ts_type(&arg.ty, &mut imports)));
            args.push(arg_name);
        }
        let returns = match &f.sig.output {
            syn::ReturnType::Default => "void".to_string(),
            syn::ReturnType::Type(_, ty) => ts_type(ty, &mut imports),
        };
        let docs: Vec<String> = f
            .attrs
            .iter()
            .filter_map(|a| match &a.meta {
                syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value().trim().to_string()),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        let doc = if docs.is_empty() {
            String::new()
        } else {
            format!("/** {} */\n", docs.join(" "))
        };
        let call_args = if args.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", args.join(", "))
        };
        functions.push(format!(
            "{doc}export function {}({}): Promise<{returns}> {{\n  return invoke<{returns}>(\"{name}\"{call_args});\n}}\n",
            camel_case(&name),
            params.join(", "),
        ));
        names.push(name);
    }

    let lib = std::fs::read_to_string(dir.join("lib.rs")).unwrap();
    let handler = &lib[lib
        .find("generate_handler![")
        .expect("lib.rs registers commands")..];
    let handler = &handler[..handler.find(']').unwrap()];
    let mut registered: Vec<String> = handler
        .split("commands::")
        .skip(1)
        .map(|s| {
            s.split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    registered.sort();
    let mut defined = names.clone();
    defined.sort();
    assert_eq!(
        registered, defined,
        "lib.rs registers other commands than commands.rs defines"
    );

    let mut out = String::from(
        "// Generated from src-tauri/src/commands.rs by src-tauri/tests/bindings.rs. Do not edit:\n\
         // rename or change a command there and run UPDATE_BINDINGS=1 cargo test -p svodka-desktop --test bindings.\n\n",
    );
    let uses_channel = imports.remove("Channel");
    out.push_str(&format!(
        "import {{ {}invoke }} from \"@tauri-apps/api/core\";\n",
        if uses_channel { "Channel, " } else { "" }
    ));
    for ty in &imports {
        out.push_str(&format!("import type {{ {ty} }} from \"./{ty}\";\n"));
    }
    for f in functions {
        out.push('\n');
        out.push_str(&f);
    }
    out
}

/// Arguments Tauri fills in itself.
fn is_injected(ty: &syn::Type) -> bool {
    matches!(last_segment(ty), Some(s) if ["State", "AppHandle", "Window", "WebviewWindow", "Webview"].contains(&s.ident.to_string().as_str()))
}

fn last_segment(ty: &syn::Type) -> Option<&syn::PathSegment> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last(),
        syn::Type::Reference(r) => last_segment(&r.elem),
        _ => None,
    }
}

fn generic_arg(segment: &syn::PathSegment, n: usize) -> &syn::Type {
    let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
        panic!("{} without type arguments", segment.ident)
    };
    args.args
        .iter()
        .filter_map(|a| match a {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .nth(n)
        .unwrap_or_else(|| panic!("{} lacks type argument {n}", segment.ident))
}

/// The TypeScript type of a command's argument or result; types of our own are the ts-rs
/// declarations beside commands.ts.
fn ts_type(ty: &syn::Type, imports: &mut BTreeSet<String>) -> String {
    if let syn::Type::Tuple(t) = ty {
        assert!(t.elems.is_empty(), "tuples do not cross the IPC boundary");
        return "void".into();
    }
    let segment = last_segment(ty).expect("a named type");
    let name = segment.ident.to_string();
    match name.as_str() {
        "String" | "str" => "string".into(),
        "bool" => "boolean".into(),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "f32" | "f64" => {
            "number".into()
        }
        "Vec" => format!("{}[]", ts_type(generic_arg(segment, 0), imports)),
        "Option" => format!("{} | null", ts_type(generic_arg(segment, 0), imports)),
        // A command's error is always CommandError, which the page reads with asCommandError.
        "Result" => ts_type(generic_arg(segment, 0), imports),
        "Channel" => {
            imports.insert("Channel".into());
            format!("Channel<{}>", ts_type(generic_arg(segment, 0), imports))
        }
        _ => {
            imports.insert(name.clone());
            name
        }
    }
}

fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}
