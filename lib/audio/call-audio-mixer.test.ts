import { describe, expect, it, vi } from 'vitest';
import { CallAudioMix, type MixContext } from './call-audio-mixer';

/** A node that remembers what it is connected to. */
class FakeNode {
  readonly connections = new Set<unknown>();
  channelCount = 2;
  channelCountMode = 'max';
  channelInterpretation = 'speakers';
  constructor(readonly name: string) {}
  connect(target: unknown) {
    this.connections.add(target);
    return target;
  }
  disconnect() {
    this.connections.clear();
  }
}

class FakeTrack extends EventTarget {
  stopped = false;
  stop() {
    this.stopped = true; // like a real track: stop() fires no `ended`
  }
  end() {
    this.dispatchEvent(new Event('ended'));
  }
}

function fakeStream(track = new FakeTrack()): MediaStream & { track: FakeTrack } {
  return { track, getTracks: () => [track], getAudioTracks: () => [track] } as unknown as MediaStream & { track: FakeTrack };
}

function fakeContext(levelBySource: Map<MediaStream, number>) {
  const output = Object.assign(new FakeNode('output'), { stream: fakeStream() });
  const destination = new FakeNode('speakers');
  const sources: { stream: MediaStream; node: FakeNode }[] = [];
  const context = {
    state: 'running' as AudioContextState,
    destination,
    resume: vi.fn(async () => undefined),
    close: vi.fn(async () => {
      context.state = 'closed';
    }),
    createMediaStreamDestination: () => output,
    createMediaStreamSource(stream: MediaStream) {
      const node = new FakeNode('source');
      sources.push({ stream, node });
      return node;
    },
    createAnalyser() {
      // The analyser reads a constant-amplitude signal: the level of whichever source connects to it.
      const analyser = new FakeNode('analyser') as FakeNode & { fftSize: number; getFloatTimeDomainData(out: Float32Array): void };
      analyser.fftSize = 2048;
      analyser.getFloatTimeDomainData = (out) => {
        const source = sources.find((s) => s.node.connections.has(analyser));
        out.fill(source ? (levelBySource.get(source.stream) ?? 0) : 0);
      };
      return analyser;
    },
  };
  return { context, output, destination, sources };
}

function setUp() {
  const levels = new Map<MediaStream, number>();
  const fake = fakeContext(levels);
  let tick: () => void = () => undefined;
  const onLevels = vi.fn();
  const onSourceEnded = vi.fn();
  const microphone = fakeStream();
  levels.set(microphone, 0.05);
  const mix = new CallAudioMix({
    microphone,
    onLevels,
    onSourceEnded,
    createContext: () => fake.context as unknown as MixContext,
    every: (_ms, run) => {
      tick = run;
      return () => (tick = () => undefined);
    },
  });
  return { mix, fake, levels, microphone, onLevels, onSourceEnded, tick: () => tick() };
}

describe('CallAudioMix', () => {
  it('records one mono stream: the microphone into it, and never to the speakers', () => {
    const { mix, fake, microphone } = setUp();
    expect(mix.stream).toBe(fake.output.stream);
    expect(fake.output.channelCount).toBe(1);
    expect(fake.output.channelCountMode).toBe('explicit');
    const mic = fake.sources.find((s) => s.stream === microphone)!.node;
    expect(mic.connections.has(fake.output)).toBe(true);
    expect(mic.connections.has(fake.destination)).toBe(false);
    expect(mix.hasCall).toBe(false);
    expect(mix.callPlayback).toBe(false);
  });

  it('mixes the call tab into the same stream and plays it back to the speakers', () => {
    const { mix, fake } = setUp();
    const tab = fakeStream();
    mix.attachCall(tab);
    const call = fake.sources.find((s) => s.stream === tab)!.node;
    expect(call.connections.has(fake.output)).toBe(true);
    expect(call.connections.has(fake.destination)).toBe(true);
    expect(mix.callPlayback).toBe(true);
  });

  it('gives a level for each source, the call only while one is attached', () => {
    const { mix, levels, onLevels, tick } = setUp();
    tick();
    expect(onLevels).toHaveBeenLastCalledWith({ microphone: expect.closeTo(0.57, 1), call: undefined });
    const tab = fakeStream();
    levels.set(tab, 0.5);
    mix.attachCall(tab);
    tick();
    const last = onLevels.mock.lastCall![0];
    expect(last.call).toBeGreaterThan(last.microphone);
    expect(last.call).toBeCloseTo(0.9, 1);
  });

  it('reports no levels while the browser holds the context suspended (not silence)', () => {
    const { mix, fake } = setUp();
    mix.attachCall(fakeStream());
    fake.context.state = 'suspended';
    expect(mix.levels()).toEqual({ microphone: undefined, call: undefined });
    expect(mix.callPlayback).toBe(false);
  });

  it('goes on with the microphone when the call tab closes, and can take a tab again', () => {
    const { mix, fake, onSourceEnded } = setUp();
    const tab = fakeStream();
    mix.attachCall(tab);
    tab.track.end();
    expect(onSourceEnded).toHaveBeenCalledWith('call');
    expect(mix.hasCall).toBe(false);
    expect(fake.output.stream.track.stopped).toBe(false);
    const again = fakeStream();
    mix.attachCall(again);
    expect(mix.hasCall).toBe(true);
    expect(fake.sources.find((s) => s.stream === again)!.node.connections.has(fake.destination)).toBe(true);
  });

  it('lets go of a call without a report, and a late end of that call is not taken for the new one', () => {
    const { mix, onSourceEnded } = setUp();
    const first = fakeStream();
    mix.attachCall(first);
    const second = fakeStream();
    mix.attachCall(second);
    expect(first.track.stopped).toBe(true);
    first.track.end();
    expect(onSourceEnded).not.toHaveBeenCalled();
    expect(mix.hasCall).toBe(true);
    mix.detachCall();
    expect(second.track.stopped).toBe(true);
    expect(mix.hasCall).toBe(false);
  });

  it('reports the microphone ending', () => {
    const { microphone, onSourceEnded } = setUp();
    microphone.track.end();
    expect(onSourceEnded).toHaveBeenCalledWith('microphone');
  });

  it('takes a new microphone into the same mix after the first ended, never to the speakers, and measures it', () => {
    const { mix, fake, levels, microphone, onLevels, onSourceEnded, tick } = setUp();
    microphone.track.end();
    const again = fakeStream();
    levels.set(again, 0.3);
    mix.attachMicrophone(again);
    const node = fake.sources.find((s) => s.stream === again)!.node;
    expect(node.connections.has(fake.output)).toBe(true);
    expect(node.connections.has(fake.destination)).toBe(false);
    // The output the recorder records is the same one: nothing restarts.
    expect(mix.stream).toBe(fake.output.stream);
    expect(fake.output.stream.track.stopped).toBe(false);
    tick();
    // The meter reads the new microphone (0.05 on the old one read as 0.57; 0.3 reads higher).
    const last = onLevels.mock.lastCall![0] as { microphone: number; call: undefined };
    expect(last.call).toBeUndefined();
    expect(last.microphone).toBeGreaterThan(0.6);
    // A late end of the old microphone is not taken for the new one.
    onSourceEnded.mockClear();
    microphone.track.end();
    expect(onSourceEnded).not.toHaveBeenCalled();
  });

  it('close() stops both captures and the mix, and closes the context', () => {
    const { mix, fake, microphone, onLevels, tick } = setUp();
    const tab = fakeStream();
    mix.attachCall(tab);
    mix.close();
    expect(microphone.track.stopped).toBe(true);
    expect(tab.track.stopped).toBe(true);
    expect(fake.output.stream.track.stopped).toBe(true);
    expect(fake.context.close).toHaveBeenCalled();
    onLevels.mockClear();
    tick();
    expect(onLevels).not.toHaveBeenCalled();
    const late = fakeStream();
    mix.attachCall(late);
    expect(late.track.stopped).toBe(true);
  });
});
