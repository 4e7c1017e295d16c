import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPeopleIndex, peopleCosine, profilePeople } from '../../../src/core/recommend/people-index.ts';
import { fixtureModel } from '../../helpers/fixture-model.ts';

test('profilePeople gives exactly peopleCosine for every profile movie and candidate', () => {
  const model = fixtureModel();
  const index = buildPeopleIndex(model.people!, model.catalog.size);
  const n = model.catalog.size;
  const profile = [0, 3, 5, 7, 3, 11].filter((r) => r < n);
  const people = profilePeople(index, profile);
  const out = new Float64Array(profile.length);
  let shared = 0;
  for (let b = 0; b < n; b++) {
    people.cosines(b, out);
    profile.forEach((a, li) => {
      assert.equal(out[li], peopleCosine(index, a, b), `profile movie ${a}, candidate ${b}`);
      if (out[li]! > 0) shared++;
    });
  }
  assert.ok(shared > profile.length, 'some pairs share people, not only a movie with itself');
});
