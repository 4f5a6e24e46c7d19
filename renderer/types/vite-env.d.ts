// Vite's client types: CSS imports as side effects, import.meta.env.
/// <reference types="vite/client" />
