// The type of pdf.js's worker module, which pdfjs-dist ships without one: only its message handler is used.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
