//! The window shows svodka's own pages only: any navigation elsewhere (a link in a pasted
//! article, a dropped file, a script) is refused.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Runtime, Url};

pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|_, url| is_app_page(url))
        .build()
}

/// The embedded front end is served as tauri://localhost (Linux, macOS) or
/// http://tauri.localhost (Windows).
fn is_app_page(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_app_page;

    #[test]
    fn only_the_app_itself() {
        for ok in [
            "tauri://localhost/",
            "tauri://localhost/index.html",
            "http://tauri.localhost/",
        ] {
            assert!(is_app_page(&ok.parse().unwrap()), "{ok}");
        }
        for bad in [
            "https://example.com/",
            "http://localhost:1420/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "tauri://evil/",
        ] {
            assert!(!is_app_page(&bad.parse().unwrap()), "{bad}");
        }
    }
}
