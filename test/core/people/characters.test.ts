import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCharacters } from '../../../src/core/people/characters.ts';

test('characters: the JSON-like list as a person reads it, never brackets or quotes', () => {
  assert.equal(parseCharacters('["Bruce Wayne","Batman"]'), 'Bruce Wayne / Batman');
  assert.equal(parseCharacters('["Self"]'), 'Self');
  assert.equal(parseCharacters('["The Joker"]'), 'The Joker');
  // an unescaped quote inside a name is not valid JSON: split by hand
  assert.equal(parseCharacters('["Maria "Mimi" Rossi","Narrator"]'), 'Maria "Mimi" Rossi / Narrator');
  assert.equal(parseCharacters('["Doctor", "Doctor"]'), 'Doctor');
  assert.equal(parseCharacters('["Jos\\u00e9"]'), 'José');
  for (const empty of [null, undefined, '', '\\N', '[]', '[""]']) assert.equal(parseCharacters(empty), '');
});
