import { defineConfig } from "vite";

// The app is embedded into the Tauri binary from dist/; no dev server is used by the build.
export default defineConfig({
  clearScreen: false,
  build: {
    target: "es2021",
    outDir: "dist",
    emptyOutDir: true,
    // One script and one stylesheet file: the CSP allows 'self' only, nothing inline.
    assetsInlineLimit: 0,
  },
  test: {
    include: ["src/**/*.test.ts"],
  },
});
