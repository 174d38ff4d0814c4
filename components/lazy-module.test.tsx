// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { lazyComponent } from './lazy-module';

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

describe('lazyComponent', () => {
  it('draws nothing until its code is loaded, then the component with its props — also when shown again after it was loaded', async () => {
    const Lazy = lazyComponent(() => Promise.resolve(Greeting));
    const root = document.createElement('div');
    await act(async () => render(<Lazy name="Ada" />, root));
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(root.textContent).toBe('Hello Ada');
    // Hidden and shown again: the second mount starts from the loaded module (the case that once called the component with no props).
    await act(async () => render(null, root));
    await act(async () => render(<Lazy name="Grace" />, root));
    expect(root.textContent).toBe('Hello Grace');
  });
});
