import { MAX_FILENAME_BYTES, sanitiseFilename } from './filename';

describe('sanitiseFilename', () => {
  it.each([
    ['../../etc/passwd', 'txt', 'passwd.txt'],
    ['C:\\Users\\me\\report.PDF', 'pdf', 'report.pdf'],
    ['chart.pdf', 'png', 'chart.png'],
    ['photo.jpeg', 'jpg', 'photo.jpeg'],
    ['invoice\u202Efdp.exe', 'pdf', 'invoicefdp.pdf'],
    ['a\u0000b\u0007c\u200B.pdf', 'pdf', 'abc.pdf'],
    ['what?<is>"this".pdf', 'pdf', 'what__is__this_.pdf'],
    ['  ..hidden.  ', null, 'hidden'],
    ['page.html', null, 'page.html.bin'],
    ['archive.weird', null, 'archive.weird'],
    ['', 'pdf', 'document.pdf'],
    [null, null, 'document'],
    ['e\u0301te\u0301.pdf', 'pdf', 'été.pdf'],
  ])('%j (sniffed %s) → %j', (declared, ext, expected) => {
    expect(sanitiseFilename(declared, ext)).toBe(expected);
  });

  it('bounds the name in UTF-8 bytes, cutting whole characters and keeping the extension', () => {
    const name = sanitiseFilename(`${'é'.repeat(300)}.pdf`, 'pdf');
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_FILENAME_BYTES);
    expect(name).toMatch(/^é+\.pdf$/);
    expect(sanitiseFilename(`${'🗓'.repeat(100)}.csv`, 'csv')).toMatch(/^(🗓)+\.csv$/u);
  });
});
