import type { TimelineEvent } from './event';

/**
 * Several newest-first lists (a timeline's categories) as one newest-first sequence, without copying them.
 * A binary heap holds each list by the time of its next event, newest on top, so n events in k lists take
 * O(n log k) comparisons: a server that puts each event in a category of its own cannot make every event scan
 * every category. Events with equal times come in list order.
 */
export function* mergeNewestFirst(lists: readonly (readonly TimelineEvent[])[]): Generator<TimelineEvent> {
  const next = lists.map(() => 0);
  // The heap as two arrays: each entry's list and the sort key of that list's next event, kept beside it so
  // comparisons touch the heap only, not k lists scattered in memory.
  const heapList: number[] = [];
  const heapKey: string[] = [];
  const ahead = (key: string, list: number, than: string, thanList: number): boolean => key > than || (key === than && list < thanList);
  /**
   * Places (list, key) in the subtree at `from`: the hole left there walks down to a leaf along the newer
   * child, then the entry climbs back while newer than its parent. The entry is usually the oldest around (the
   * next event of the list just taken, or the heap's last leaf), so this takes about half the comparisons of
   * testing it at every level on the way down.
   */
  const sink = (from: number, list: number, key: string): void => {
    const size = heapList.length;
    let at = from;
    for (let child = 2 * at + 1; child < size; child = 2 * at + 1) {
      if (child + 1 < size && ahead(heapKey[child + 1], heapList[child + 1], heapKey[child], heapList[child])) child++;
      heapList[at] = heapList[child];
      heapKey[at] = heapKey[child];
      at = child;
    }
    while (at > from) {
      const parent = (at - 1) >> 1;
      if (!ahead(key, list, heapKey[parent], heapList[parent])) break;
      heapList[at] = heapList[parent];
      heapKey[at] = heapKey[parent];
      at = parent;
    }
    heapList[at] = list;
    heapKey[at] = key;
  };

  for (let i = 0; i < lists.length; i++) {
    if (lists[i].length === 0) continue;
    heapList.push(i);
    heapKey.push(lists[i][0].sortKey);
  }
  for (let i = (heapList.length >> 1) - 1; i >= 0; i--) sink(i, heapList[i], heapKey[i]);

  while (heapList.length > 0) {
    const top = heapList[0];
    const event = lists[top][next[top]++];
    if (next[top] < lists[top].length) {
      sink(0, top, lists[top][next[top]].sortKey);
    } else {
      const lastList = heapList.pop() as number;
      const lastKey = heapKey.pop() as string;
      if (heapList.length > 0) sink(0, lastList, lastKey);
    }
    yield event;
  }
}
