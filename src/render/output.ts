// The shape of a rendered output file, shared by render/ (which makes them) and site/ (which writes them).

/** One output file, by its path relative to the site root. */
export interface OutputFileData {
  path: string;
  content: string | Uint8Array;
}
