// The part of unzipper (exceljs's own unzip library) the workbook reader uses: a zip opened by its
// central directory, each entry inflated as a stream when asked for.
declare module 'unzipper' {
  interface CentralDirectoryEntry {
    path: string;
    uncompressedSize: number;
    stream(): NodeJS.ReadableStream;
  }
  const unzipper: {
    Open: { buffer(bytes: Buffer): Promise<{ files: CentralDirectoryEntry[] }> };
  };
  export default unzipper;
}
