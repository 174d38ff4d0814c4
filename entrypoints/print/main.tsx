import '@/components/print.css';
import { render } from 'preact';
import { PrintPage } from '@/components/PrintPage';
import { takePrintable } from '@/lib/storage/printables';

void takePrintable(new URLSearchParams(location.search).get('id')).then((printable) => {
  render(<PrintPage printable={printable} />, document.getElementById('app')!);
  document.documentElement.dataset.ready = 'true';
  if (printable) {
    document.title = printable.title;
    // After layout, so the dialog prints what is on screen. `data-print-requested` is what tests
    // see: a stub of print() cannot be relied on here, as an init script can land after this page ran.
    requestAnimationFrame(() =>
      setTimeout(() => {
        document.documentElement.dataset.printRequested = 'true';
        print();
      }, 0),
    );
  }
});
