import '@/components/theme.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsPage } from '@/components/OptionsPage';

render(<OptionsPage requestOrigin={(pattern) => browser.permissions.request({ origins: [pattern] })} />, document.getElementById('app')!);
