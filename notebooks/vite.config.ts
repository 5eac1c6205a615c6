// Vite builds the notebooks as a static multi-page site: every dependency comes from
// node_modules (no CDN), system fonts only, relative paths so dist/ can be served from anywhere.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const PAGES = ["index", "session", "programme", "dose-response", "trials", "sensitivity"];

export default defineConfig({
  root,
  base: "./",
  publicDir: "public",
  logLevel: "warn",
  server: { host: "127.0.0.1", port: 5173, fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] } },
  preview: { host: "127.0.0.1", port: 4173 },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: Object.fromEntries(PAGES.map((p) => [p, fileURLToPath(new URL(`./${p}.html`, import.meta.url))])) },
  },
});
