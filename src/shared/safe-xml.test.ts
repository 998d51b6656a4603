import { describe, expect, it } from 'vitest';
import { parseXmlSafely, writeXml, xmlText, XmlRefusal } from './safe-xml.js';

const refusal = (text: string, maxBytes = 1024) => {
  try {
    parseXmlSafely(text, { maxBytes });
  } catch (error) {
    return error instanceof XmlRefusal ? error.reason : 'other';
  }
  return null;
};

describe('safe XML', () => {
  it('refuses declarations, oversized, empty and malformed text before anything is expanded', () => {
    expect(refusal('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>')).toBe('declaration');
    expect(refusal('<! ENTITY x "y"><a/>')).toBe('declaration');
    expect(refusal(`<a>${'x'.repeat(2000)}</a>`)).toBe('too_large');
    expect(refusal('  ')).toBe('empty');
    expect(refusal('<a><b></a>')).toBe('malformed');
    expect(refusal('<a/><b/>')).toBe('malformed');
  });

  it('reads the root, its namespaces and text with only the predefined entities decoded', () => {
    const doc = parseXmlSafely('<?xml version="1.0"?><p:Root xmlns:p="urn:x" xmlns="urn:y"><p:Name>A &amp; B &#65;</p:Name></p:Root>', { maxBytes: 1024 });
    expect(doc.root).toBe('Root');
    expect(doc.namespaces).toEqual(['urn:x', 'urn:y']);
    expect(xmlText(doc.body, 'Name')).toBe('A & B &#65;');
    expect(parseXmlSafely('<Root><A>1</A></Root>', { maxBytes: 100 }).namespaces).toEqual([]);
  });

  it('writes escaped elements in order, leaving out null values and repeating lists', () => {
    expect(writeXml({ A: 'x<y&"z"', B: null, C: [{ D: 1 }, { D: true }] })).toBe('<A>x&lt;y&amp;&quot;z&quot;</A><C><D>1</D></C><C><D>true</D></C>');
  });
});
