import type { Printable } from '@/lib/storage/printables';
import { summaryParagraphs } from '@/lib/note/extras-text';

/** A clean page to print: the title and the text, nothing else of the extension. Text only. */
export function PrintPage({ printable }: { printable: Printable | undefined }) {
  if (!printable) {
    return (
      <main>
        <p role="alert">There is nothing to print here any more. Press Print summary in the Chartside panel again.</p>
      </main>
    );
  }
  return (
    <main>
      <h1>{printable.title}</h1>
      {summaryParagraphs(printable.text).map((lines, i) => (
        <p key={i}>
          {lines.map((line, j) => (
            <>
              {j > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </main>
  );
}
