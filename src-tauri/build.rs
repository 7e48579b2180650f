fn main() {
    // Declaring the app's commands makes Tauri generate one permission per command, so the
    // capability file can allow exactly these and nothing else.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "analyze",
            "cancel",
            "compare",
            "apply_picks",
            "models_status",
            "install_model",
            "cancel_install",
            "remove_model",
            "library_save",
            "library_search",
            "library_facets",
            "library_open",
            "library_delete",
            "library_restore",
            "library_export",
        ]),
    ))
    .expect("tauri build script");
}
