// Types for the parts of the `edtf` package Attest uses (the package ships none).
declare module 'edtf' {
  interface ExtendedDate {
    type: string;
    min: number;
    max: number;
    edtf: string;
  }
  export default function edtf(text: string): ExtendedDate;
}
