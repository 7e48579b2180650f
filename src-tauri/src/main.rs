// No console window on Windows release builds; the app logs through tracing.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    svodka_desktop::run();
}
