import type { TimelineEvent } from '../../core/event';
import type { Timeline } from '../../core/timeline';
import { TypeProfiles } from '../../core/typeProfile';

/** Events learnt per slice: a type with 100,000 events is learnt in 50 turns of the event loop, never in one block. */
const SLICE = 2000;

interface Learning {
  readonly profiles: TypeProfiles;
  /** The run of slices in progress, joined by every caller. */
  running: Promise<void> | undefined;
}

/**
 * What each timeline's types usually carry, learnt from the bytes already loaded. Nothing is learnt until a
 * profile is asked for; from then on the timeline's new pages are queued as they arrive, and learnt on the next ask.
 */
export class ProfileLearner {
  private readonly learning = new WeakMap<Timeline, Learning>();

  /** The timeline's profiles once every loaded event is learnt, in slices that yield between them. */
  async learnt(timeline: Timeline): Promise<TypeProfiles> {
    const learning = this.of(timeline);
    while (learning.profiles.pending > 0) {
      learning.running ??= this.run(learning).finally(() => (learning.running = undefined));
      await learning.running;
    }
    return learning.profiles;
  }

  private of(timeline: Timeline): Learning {
    let learning = this.learning.get(timeline);
    if (!learning) {
      const profiles = new TypeProfiles();
      profiles.enqueue([...timeline.events()]);
      // a replaced timeline is dropped with its listener (the map holds it weakly)
      timeline.onPage((events: readonly TimelineEvent[]) => profiles.enqueue(events));
      learning = { profiles, running: undefined };
      this.learning.set(timeline, learning);
    }
    return learning;
  }

  private async run({ profiles }: Learning): Promise<void> {
    while (profiles.step(SLICE)) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
