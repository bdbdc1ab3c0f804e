import { PayloadTooLargeError, ValidationError } from '../common/errors/domain-error';
import { declaredFilename, readUploadCreation } from './upload-rules';
import { UploadLengthRequiredError } from './uploads.errors';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('readUploadCreation', () => {
  it('reads the length and the declared filename', () => {
    expect(
      readUploadCreation(
        {
          'upload-length': '10',
          'upload-metadata': `filetype ${b64('text/plain')},filename ${b64('Rapport é.pdf')}`,
        },
        100,
      ),
    ).toEqual({ length: 10, declaredFilename: 'Rapport é.pdf' });
  });

  it('requires a length, positive, and within the limit', () => {
    expect(() => readUploadCreation({ 'upload-defer-length': '1' }, 100)).toThrow(UploadLengthRequiredError);
    expect(() => readUploadCreation({ 'upload-length': '0' }, 100)).toThrow(ValidationError);
    expect(() => readUploadCreation({ 'upload-length': '-1' }, 100)).toThrow(ValidationError);
    expect(() => readUploadCreation({ 'upload-length': '1e3' }, 100)).toThrow(ValidationError);
    expect(() => readUploadCreation({ 'upload-length': '101' }, 100)).toThrow(PayloadTooLargeError);
    expect(readUploadCreation({ 'upload-length': '100' }, 100).length).toBe(100);
  });
});

describe('declaredFilename', () => {
  it('is null without metadata or filename, or with an empty value', () => {
    expect(declaredFilename(undefined)).toBeNull();
    expect(declaredFilename('is_confidential')).toBeNull();
    expect(declaredFilename(`filename ${b64('')}`)).toBeNull();
    expect(declaredFilename('filename')).toBeNull();
  });

  it('refuses malformed pairs, NUL and over-long names', () => {
    expect(() => declaredFilename('filename not*base64')).toThrow(ValidationError);
    expect(() => declaredFilename('a b c')).toThrow(ValidationError);
    expect(() => declaredFilename(`filename ${b64('a')},filename ${b64('b')}`)).toThrow(ValidationError);
    expect(() => declaredFilename(`filename ${b64('a\u0000b')}`)).toThrow(/NUL/);
    expect(() => declaredFilename(`filename ${b64('x'.repeat(1025))}`)).toThrow(/at most 1024/);
  });

  it('keeps a hostile name as declared (the consumer sanitises it)', () => {
    expect(declaredFilename(`filename ${b64('../../etc/passwd')}`)).toBe('../../etc/passwd');
  });
});
