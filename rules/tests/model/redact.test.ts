import assert from 'node:assert/strict';
import { describeLiteralForMessage } from '../../src/model/redact';

describe('describeLiteralForMessage', () => {
  it('masks NIRs, SSNs, e-mail addresses and long digit runs', () => {
    assert.equal(
      describeLiteralForMessage("'/srv/export/dossier-284057512345678.json'"),
      "'/srv/export/dossier-….json'",
    );
    assert.equal(describeLiteralForMessage('dossier_2 84 05 2A 123 456 78.pdf'), 'dossier_….pdf');
    assert.equal(describeLiteralForMessage('ssn-123-45-6789.csv'), 'ssn-….csv');
    assert.equal(describeLiteralForMessage('exports/jean.dupont@mail.fr/'), 'exports/…/');
    assert.equal(describeLiteralForMessage('/patients/0612345678'), '/patients/…');
  });

  it('keeps short numbers, dates and plain names as written', () => {
    assert.equal(
      describeLiteralForMessage('/srv/exports/2024-01-15/part-12.csv'),
      '/srv/exports/2024-01-15/part-12.csv',
    );
    assert.equal(describeLiteralForMessage('`exports/${p.id}.csv`'), '`exports/${p.id}.csv`');
  });

  it('masks before cutting, so a cut identifier never leaks its first digits', () => {
    const path = "'/srv/export/dossier-284057512345678.json'";
    // Cutting first would keep `28405`, too short to be recognised as a NIR any more.
    assert.equal(describeLiteralForMessage(path, 26), "'/srv/export/dossier-….js…");
    const long = `'/srv/export/a-very-long-folder-name/and-more/dossier-284057512345678.json'`;
    assert.equal(describeLiteralForMessage(long), "'/srv/export/a-very-long-folder-name/an…");
    assert.equal(describeLiteralForMessage(long).length, 40);
  });

  it('collapses whitespace of multi-line code', () => {
    assert.equal(
      describeLiteralForMessage('path.join(\n  dir,\n  name,\n)', 80),
      'path.join( dir, name, )',
    );
  });
});
