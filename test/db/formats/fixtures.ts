// Source texts shared by the format suites.

/** Astral characters (emoji, a mathematical letter) before the quotes and inside one of them. */
export const ASTRAL_REPORT = `date 2025-02-22 GOMA 🇨🇩 — Residents fled 🏃🏽‍♀️ as 𝒜 shelling began. Rebels of the M23 group entered 🚀 the city of Goma last Sunday, the governor said. The health ministry said 700 people 😢 had died in Goma.
`;
