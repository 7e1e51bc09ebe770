/**
 * A small flowing-text writer over pdf-lib: headings, paragraphs, label/value rows, wrapped to the
 * page width, new pages as needed. Helvetica (a standard font: nothing to embed) encodes WinAnsi
 * only, so text is first reduced to what it can draw (French accents are fine; curly quotes,
 * narrow no-break spaces and the like are replaced).
 *
 * pdf-lib is loaded on the first document only: it is a quarter of the API's bundle and only the
 * swap file uses it, so it is kept out of the bundle (installed beside it, infra/lib/functions.ts)
 * and every other request's cold start does not pay for it.
 */
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;

const importPdfLib = () => import('pdf-lib');
let pdfLib: ReturnType<typeof importPdfLib> | undefined;
const loadPdfLib = () => (pdfLib ??= importPdfLib());

interface Palette {
  ink: Color;
  accent: Color;
  muted: Color;
}

const REPLACEMENTS: Record<string, string> = {
  '\u2019': "'",
  '\u2018': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u202f': ' ',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u2192': '->',
};

export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  private readonly supported: Set<number>;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly palette: Palette,
    private readonly footer: string,
  ) {
    this.supported = new Set(regular.getCharacterSet());
    this.newPage();
  }

  static async create(title: string, footer: string): Promise<PdfWriter> {
    const { PDFDocument, StandardFonts, rgb } = await loadPdfLib();
    const palette = {
      ink: rgb(0.1, 0.12, 0.14),
      accent: rgb(0.03, 0.23, 0.3),
      muted: rgb(0.35, 0.37, 0.4),
    };
    const doc = await PDFDocument.create();
    doc.setTitle(title);
    doc.setLanguage('fr-FR');
    doc.setProducer('Échange Kaz');
    doc.setCreator('Échange Kaz');
    return new PdfWriter(
      doc,
      await doc.embedFont(StandardFonts.Helvetica),
      await doc.embedFont(StandardFonts.HelveticaBold),
      palette,
      footer,
    );
  }

  /** What Helvetica can draw of `text`: known look-alikes replaced, anything else as "?". */
  sanitize(text: string): string {
    return [...text.normalize('NFC')]
      .map((char) => REPLACEMENTS[char] ?? char)
      .join('')
      .split('')
      .map((char) => (char === '\n' || this.supported.has(char.codePointAt(0)!) ? char : '?'))
      .join('');
  }

  private newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
    const count = this.doc.getPageCount();
    this.page.drawText(this.sanitize(`${this.footer} - page ${count}`), {
      x: MARGIN,
      y: 25,
      size: 8,
      font: this.regular,
      color: this.palette.muted,
    });
  }

  private ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of this.sanitize(text).split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
        else {
          lines.push(line);
          line = word;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  private lines(
    text: string,
    options: { font?: PDFFont; size?: number; x?: number; color?: Color } = {},
  ): void {
    const font = options.font ?? this.regular;
    const size = options.size ?? 10;
    const x = options.x ?? MARGIN;
    for (const line of this.wrap(text, font, size, A4[0] - MARGIN - x)) {
      this.ensure(size + 4);
      this.y -= size + 4;
      this.page.drawText(line, {
        x,
        y: this.y,
        size,
        font,
        color: options.color ?? this.palette.ink,
      });
    }
  }

  title(text: string): void {
    this.lines(text, { font: this.bold, size: 16, color: this.palette.accent });
    this.y -= 6;
  }

  heading(text: string): void {
    this.ensure(40);
    this.y -= 12;
    this.lines(text, { font: this.bold, size: 12, color: this.palette.accent });
    this.page.drawLine({
      start: { x: MARGIN, y: this.y - 3 },
      end: { x: A4[0] - MARGIN, y: this.y - 3 },
      thickness: 0.5,
      color: this.palette.accent,
    });
    this.y -= 6;
  }

  /** A block title, kept on one page with the `rows` that follow it. */
  subheading(text: string, rows = 0): void {
    this.ensure(30 + rows * 14);
    this.y -= 4;
    this.lines(text, { font: this.bold, size: 10.5 });
  }

  paragraph(text: string, muted = false): void {
    this.lines(text, { color: muted ? this.palette.muted : this.palette.ink });
  }

  /** "Label : value" rows, labels in a column. */
  rows(rows: Array<[string, string]>): void {
    for (const [label, value] of rows) {
      this.ensure(14);
      const top = this.y;
      this.lines(`${label} :`, { font: this.bold, size: 9.5, x: MARGIN + 8 });
      const afterLabel = this.y;
      this.y = top;
      this.lines(value, { size: 9.5, x: MARGIN + 170 });
      this.y = Math.min(this.y, afterLabel);
    }
    this.y -= 4;
  }

  async bytes(): Promise<Uint8Array> {
    return this.doc.save();
  }
}
