import { describe, expect, it } from 'vitest';
import { contractGroups, eventContract, requestContract } from './index';

describe('contract', () => {
  it('is the union of its groups, each channel in the group of its prefix', () => {
    const requests = Object.entries(contractGroups).flatMap(([prefix, group]) => {
      for (const channel of Object.keys(group.requests)) expect(channel.startsWith(`${prefix}.`)).toBe(true);
      return Object.keys(group.requests);
    });
    expect(Object.keys(requestContract).sort()).toEqual(requests.sort());
    const events = Object.values(contractGroups).flatMap((group) => Object.keys(group.events));
    expect(Object.keys(eventContract).sort()).toEqual(events.sort());
  });
});
