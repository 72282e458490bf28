import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { pdfText } from '../pdf.ts';

/** The text a response shows: JSON/CSV as sent, every cell of an XLSX, the text of a PDF. */
export async function bodyText(res: LightMyRequestResponse): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode >= 300) return res.body;
  if (type.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const cells: string[] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
    return cells.join('\n');
  }
  // An uploaded scan is the test's own stub, not a real PDF: its bytes are searched as they are.
  if (type.includes('pdf')) return pdfText(new Uint8Array(res.rawPayload)).catch(() => res.body);
  return res.body;
}
