import assert from 'node:assert/strict';
import { metadataField, normalizeName } from '../../../../src/core/deps/dist-metadata.js';

describe('distribution metadata', () => {
  it('PEP 503 names: runs of -, _ and . become one -, lower case', () => {
    assert.equal(normalizeName('Foo.Bar__baz-_-Q'), 'foo-bar-baz-q');
    assert.equal(normalizeName('MarkupSafe'), 'markupsafe');
  });

  it('reads a header field case-insensitively, with LF or CRLF line ends, only before the body', () => {
    const lf = 'Metadata-Version: 2.1\nName: MarkupSafe\nversion: 2.1.2\n\nName: not-this\n';
    assert.equal(metadataField(lf, 'Name'), 'MarkupSafe');
    assert.equal(metadataField(lf, 'VERSION'), '2.1.2');
    const crlf = lf.replace(/\n/g, '\r\n');
    assert.equal(metadataField(crlf, 'name'), 'MarkupSafe');
    assert.equal(metadataField(crlf, 'version'), '2.1.2');
    assert.equal(metadataField(lf, 'Summary'), undefined);
  });
});
