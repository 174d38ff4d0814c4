import { render } from 'preact';
render(<p>Chartside</p>, document.getElementById('app')!);
